package smap.analytics.demo;

import static java.time.temporal.ChronoUnit.MILLIS;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import io.minio.MinioClient;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import smap.analytics.adapter.minio.MinioClients;
import smap.analytics.adapter.web.console.ConsoleUser;
import smap.analytics.bootstrap.ServiceRuntime;
import smap.analytics.bootstrap.config.ServiceSettings;
import smap.analytics.bootstrap.config.Setting;
import smap.analytics.bootstrap.demo.SampleBatches;
import smap.analytics.bootstrap.demo.SimulatedCrawler;
import smap.analytics.domain.batch.EventId;
import smap.analytics.domain.ledger.BatchEntry;

/**
 * The {@code demo} command: the service in {@code serve} mode on embedded servers (or, with {@code
 * --external}, on the configured ones), a collector queue bound to the result exchange, and a
 * simulated crawler sending TikTok and YouTube batches (with error items, plain and compressed), a
 * legacy message and two broken ones. Prints what the service did with each and returns it.
 */
final class Demo {

  private static final String BUCKET = "crawl-results";
  private static final String COLLECTOR_QUEUE = "demo.collector.results";

  /** How the demo runs. */
  record Options(boolean external, boolean once) {}

  /** One batch as the ledger finished it. */
  record Batch(
      String eventId, String platform, String status, int items, int succeeded, String reason) {}

  /**
   * What the demo saw.
   *
   * @param firstResult from the command's start to the first batch with an outcome
   */
  record Report(
      List<Batch> batches,
      List<String> collectorResults,
      int httpPort,
      String consolePassword,
      Duration firstResult,
      List<String> topologyWarnings) {}

  private Demo() {}

  static Report run(
      Map<String, String> configured, PrintStream out, Options options, Consumer<Report> whileUp)
      throws InterruptedException {
    Instant started = Instant.now();
    EmbeddedParts parts = null;
    Map<String, String> env = new HashMap<>(configured);
    if (options.external()) {
      ServiceSettings external = ServiceSettings.fromEnvironment(env);
      out.println(
          "demo: --external: using the configured services: PostgreSQL "
              + external.database().url()
              + ", RabbitMQ "
              + withoutCredentials(external.broker().url())
              + ", S3 "
              + external.objectStore().endpoint());
    } else {
      out.println("demo: starting embedded PostgreSQL, AMQP broker and S3 server...");
      parts = EmbeddedParts.start();
      env.putAll(parts.settings());
      out.println("demo: " + parts.describe());
      out.println(
          "demo: the embedded broker has no RabbitMQ queue arguments (dead-letter exchange, quorum"
              + " queues): queues are declared without them; poison messages are still parked by"
              + " explicit publish");
    }
    AtomicReference<ServiceRuntime> running = new AtomicReference<>();
    if (!options.once()) {
      // Ctrl-C ends the process while the main thread waits: stop the service, then the servers.
      EmbeddedParts servers = parts;
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    ServiceRuntime runtime = running.get();
                    if (runtime != null) {
                      runtime.close();
                    }
                    if (servers != null) {
                      servers.close();
                    }
                  },
                  "demo-shutdown"));
    }
    try (EmbeddedParts closing = parts) {
      return serve(env, out, options, whileUp, started, parts != null, running);
    }
  }

  private static Report serve(
      Map<String, String> env,
      PrintStream out,
      Options options,
      Consumer<Report> whileUp,
      Instant started,
      boolean embedded,
      AtomicReference<ServiceRuntime> running)
      throws InterruptedException {
    // The demo's one-time console user: a random password, printed once, never stored in clear.
    String password = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    env.put(Setting.CONSOLE_USERS.name(), "demo:operator:" + ConsoleUser.hash(password));
    env.put(Setting.CONSOLE_SECURE_COOKIES.name(), "false");
    ServiceSettings settings = ServiceSettings.fromEnvironment(env);
    ServiceSettings.ObjectStore store = settings.objectStore();
    try (ServiceRuntime runtime =
            ServiceRuntime.start(
                settings,
                ServiceRuntime.Mode.SERVE,
                embedded ? ServiceRuntime.Broker.PLAIN_AMQP : ServiceRuntime.Broker.RABBITMQ);
        Connection connection = connect(settings)) {
      running.set(runtime);
      Channel collector = connection.createChannel();
      collector.queueDeclare(COLLECTOR_QUEUE, true, false, false, null);
      collector.queueBind(
          COLLECTOR_QUEUE,
          settings.broker().publishExchange(),
          settings.broker().publishRoutingKey());
      MinioClient minio =
          MinioClients.create(
              store.endpoint().toString(), store.accessKey(), store.secretKey(), store.region());
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
      Map<String, BatchEntry> done = new HashMap<>();
      awaitAll(runtime, eventIds, done, 180_000);
      out.println();
      out.printf(
          "%-34s %-8s %-9s %5s %5s %7s %7s  %s%n",
          "event", "platform", "status", "items", "ok", "crawler", "failed", "reason");
      List<Batch> batches = new ArrayList<>();
      for (String id : eventIds) {
        BatchEntry entry = done.get(id);
        if (entry == null) {
          out.printf("%-34s (not finished)%n", id);
          continue;
        }
        batches.add(
            new Batch(
                id,
                String.valueOf(entry.platform()),
                String.valueOf(entry.status()),
                entry.counts().items(),
                entry.counts().succeeded(),
                entry.lastError()));
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
      List<String> results = collect(collector, out);
      Duration toFirst =
          done.values().stream()
              .map(BatchEntry::finishedAt)
              .filter(java.util.Objects::nonNull)
              .min(Comparator.naturalOrder())
              .map(first -> Duration.between(started, first).truncatedTo(MILLIS))
              .orElse(null);
      out.println();
      out.println(
          "demo: first result "
              + (toFirst == null ? "never came" : toFirst.toMillis() / 1000.0 + " s")
              + " after the start, everything in "
              + Duration.between(started, Instant.now()).toMillis() / 1000.0
              + " s");
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
      Report report =
          new Report(
              List.copyOf(batches),
              results,
              runtime.httpPort(),
              password,
              toFirst,
              runtime.topologyWarnings());
      whileUp.accept(report);
      if (!options.once()) {
        out.println("demo: still running; press Ctrl-C to stop.");
        Thread.currentThread().join();
      }
      return report;
    } catch (java.io.IOException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("demo broker setup failed: " + e.getMessage(), e);
    }
  }

  /** Takes what the Collector would have received, waiting a little for the last results. */
  private static List<String> collect(Channel collector, PrintStream out)
      throws java.io.IOException, InterruptedException {
    Thread.sleep(1_000);
    out.println();
    out.println("demo: results the Collector received on '" + COLLECTOR_QUEUE + "':");
    List<String> results = new ArrayList<>();
    GetResponse message;
    while ((message = collector.basicGet(COLLECTOR_QUEUE, true)) != null) {
      String body = new String(message.getBody(), StandardCharsets.UTF_8);
      results.add(body);
      out.println("  " + message.getProps().getMessageId() + " -> " + body);
    }
    return List.copyOf(results);
  }

  private static String withoutCredentials(java.net.URI url) {
    return url.getUserInfo() == null
        ? url.toString()
        : url.toString().replace(url.getRawUserInfo() + "@", "");
  }

  /** Waits until every event has an outcome (or the time is up), collecting them in done. */
  private static void awaitAll(
      ServiceRuntime runtime, List<String> ids, Map<String, BatchEntry> done, long timeoutMillis)
      throws InterruptedException {
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
      Thread.sleep(100);
    }
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
