package smap.analytics.bootstrap;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import io.minio.MinioClient;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import smap.analytics.adapter.minio.MinioClients;
import smap.analytics.adapter.minio.embedded.EmbeddedS3Server;
import smap.analytics.adapter.web.console.ConsoleUser;
import smap.analytics.application.port.out.BatchEntry;
import smap.analytics.bootstrap.config.ServiceSettings;
import smap.analytics.bootstrap.config.Setting;
import smap.analytics.bootstrap.demo.SampleBatches;
import smap.analytics.bootstrap.demo.SimulatedCrawler;
import smap.analytics.domain.batch.EventId;

/**
 * The {@code demo} command: an in-process S3 server, the service in {@code serve} mode, a collector
 * queue bound to the result exchange, and a simulated crawler sending TikTok and YouTube batches
 * (with error items, plain and compressed), a legacy message and two broken ones. Prints what the
 * service did with each.
 */
final class Demo {

  private static final String BUCKET = "crawl-results";
  private static final String COLLECTOR_QUEUE = "demo.collector.results";

  private Demo() {}

  static void run(ServiceSettings configured, PrintStream out, boolean once)
      throws InterruptedException {
    String secret = UUID.randomUUID().toString();
    try (EmbeddedS3Server s3 = EmbeddedS3Server.start(0, "demo-access", secret)) {
      Map<String, String> env = new HashMap<>(configured.environment());
      env.put(Setting.MINIO_ENDPOINT.name(), s3.endpoint().toString());
      env.put(Setting.MINIO_ACCESS_KEY.name(), s3.accessKey());
      env.put(Setting.MINIO_SECRET_KEY.name(), s3.secretKey());
      // The demo's one-time console user: a random password, printed once, never stored in clear.
      String password = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
      env.put(Setting.CONSOLE_USERS.name(), "demo:operator:" + ConsoleUser.hash(password));
      env.put(Setting.CONSOLE_SECURE_COOKIES.name(), "false");
      ServiceSettings settings = ServiceSettings.fromEnvironment(env);
      out.println(
          "demo: S3 server at " + s3.endpoint() + ", PostgreSQL " + settings.database().url());
      try (ServiceRuntime runtime = ServiceRuntime.start(settings, ServiceRuntime.Mode.SERVE);
          Connection connection = connect(settings)) {
        Channel collector = connection.createChannel();
        collector.queueDeclare(COLLECTOR_QUEUE, true, false, false, null);
        collector.queueBind(
            COLLECTOR_QUEUE,
            settings.broker().publishExchange(),
            settings.broker().publishRoutingKey());
        MinioClient minio =
            MinioClients.create(
                s3.endpoint().toString(), s3.accessKey(), s3.secretKey(), "us-east-1");
        List<String> eventIds = new ArrayList<>();
        String run = Long.toString(System.currentTimeMillis(), 36);
        String project = UUID.randomUUID().toString();
        try (SimulatedCrawler crawler =
            new SimulatedCrawler(
                minio,
                connection,
                settings.broker().eventExchange(),
                settings.broker().eventRoutingKey())) {
          for (int i = 0; i < 3; i++) {
            String job = project + "-brand-" + i;
            String key = "tiktok/" + run + "/batch-" + i + ".json";
            crawler.upload(
                BUCKET, key, SampleBatches.batch("TIKTOK", job, 50, 2 + i, 100 + i), false);
            String id = "demo-" + run + "-tiktok-" + i;
            crawler.publish(
                SampleBatches.event(id, BUCKET + "/" + key, project, job, i, 50, "tiktok"));
            eventIds.add(id);
          }
          for (int i = 0; i < 2; i++) {
            String job = project + "-competitor-Toyota-" + i;
            String key = "youtube/" + run + "/batch-" + i + ".json.zst";
            crawler.upload(BUCKET, key, SampleBatches.batch("YOUTUBE", job, 20, 1, 200 + i), true);
            String id = "demo-" + run + "-youtube-" + i;
            crawler.publish(
                SampleBatches.event(
                    id, "minio://" + BUCKET + "/" + key, project, job, i, 20, "youtube"));
            eventIds.add(id);
          }
          String legacyKey = "legacy/" + run + "/post.json";
          crawler.upload(
              BUCKET,
              legacyKey,
              SampleBatches.batch("TIKTOK", project + "-brand-9", 1, 0, 300).get(0),
              false);
          String legacyId = "demo-" + run + "-legacy";
          crawler.publishRaw(
              "",
              settings.broker().legacyQueue(),
              ("{\"event_id\":\""
                      + legacyId
                      + "\",\"data_ref\":{\"bucket\":\""
                      + BUCKET
                      + "\",\"path\":\""
                      + legacyKey
                      + "\"},\"project_id\":\""
                      + project
                      + "\",\"job_id\":\""
                      + project
                      + "-brand-9\"}")
                  .getBytes(StandardCharsets.UTF_8));
          eventIds.add(legacyId);
          String missingId = "demo-" + run + "-missing";
          crawler.publish(
              SampleBatches.event(
                  missingId,
                  BUCKET + "/tiktok/" + run + "/never-uploaded.json",
                  project,
                  project + "-brand-7",
                  7,
                  50,
                  "tiktok"));
          eventIds.add(missingId);
          String broken =
              "{\"event_id\": \"demo-" + run + "-broken\", \"payload\": {\"minio_path\": ";
          crawler.publishText(broken);
          eventIds.add(EventId.derive(broken.getBytes(StandardCharsets.UTF_8)).value());
        }
        out.println(
            "demo: crawler sent " + eventIds.size() + " messages; waiting for the service...");
        Map<String, BatchEntry> done = awaitAll(runtime, eventIds, 120_000);
        out.println();
        out.printf(
            "%-34s %-8s %-9s %5s %5s %7s %7s  %s%n",
            "event", "platform", "status", "items", "ok", "crawler", "failed", "reason");
        for (String id : eventIds) {
          BatchEntry entry = done.get(id);
          if (entry == null) {
            out.printf("%-34s (not finished)%n", id);
            continue;
          }
          out.printf(
              "%-34s %-8s %-9s %5d %5d %7d %7d  %s%n",
              shorten(id, 34),
              entry.platform(),
              entry.status(),
              entry.counts().items(),
              entry.counts().succeeded(),
              entry.counts().crawlerErrors(),
              entry.counts().analysisErrors(),
              entry.lastError() == null ? "" : shorten(entry.lastError(), 70));
        }
        Thread.sleep(1_000);
        out.println();
        out.println("demo: results the Collector received on '" + COLLECTOR_QUEUE + "':");
        GetResponse message;
        while ((message = collector.basicGet(COLLECTOR_QUEUE, true)) != null) {
          out.println(
              "  "
                  + message.getProps().getMessageId()
                  + " -> "
                  + new String(message.getBody(), StandardCharsets.UTF_8));
        }
        out.println();
        out.println(
            "demo: console at http://127.0.0.1:"
                + runtime.httpPort()
                + "/  (user demo, one-time password "
                + password
                + ")");
        out.println(
            "demo: metrics at http://127.0.0.1:"
                + runtime.httpPort()
                + "/metrics, readiness at /readyz");
        if (!once) {
          out.println("demo: still running; press Ctrl-C to stop.");
          Thread.currentThread().join();
        }
      } catch (java.io.IOException | java.util.concurrent.TimeoutException e) {
        throw new IllegalStateException("demo broker setup failed: " + e.getMessage(), e);
      }
    }
  }

  private static Map<String, BatchEntry> awaitAll(
      ServiceRuntime runtime, List<String> ids, long timeoutMillis) throws InterruptedException {
    Map<String, BatchEntry> done = new HashMap<>();
    long deadline = System.currentTimeMillis() + timeoutMillis;
    while (done.size() < ids.size() && System.currentTimeMillis() < deadline) {
      for (String id : ids) {
        if (!done.containsKey(id)) {
          Optional<BatchEntry> entry = runtime.ledger().find(EventId.of(id));
          if (entry.isPresent() && entry.get().status().terminal()) {
            done.put(id, entry.get());
          }
        }
      }
      Thread.sleep(200);
    }
    return done;
  }

  private static Connection connect(ServiceSettings settings)
      throws java.io.IOException, java.util.concurrent.TimeoutException {
    ConnectionFactory factory = new ConnectionFactory();
    try {
      factory.setUri(settings.broker().url());
    } catch (Exception e) {
      throw new IllegalArgumentException("RABBITMQ_URL: " + e.getMessage(), e);
    }
    return factory.newConnection("smap-analytics demo crawler");
  }

  private static String shorten(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}
