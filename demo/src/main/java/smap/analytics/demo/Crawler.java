package smap.analytics.demo;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DeliverCallback;
import io.minio.MinioClient;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import smap.analytics.adapter.minio.MinioClients;
import smap.analytics.bootstrap.config.ServiceSettings;
import smap.analytics.bootstrap.demo.SampleBatches;
import smap.analytics.bootstrap.demo.SimulatedCrawler;

/**
 * The {@code crawler} command: a simulated crawler against the configured broker and object store
 * (compose runs it beside the service). Each round uploads a TikTok batch of 50 and a compressed
 * YouTube batch of 20 and publishes their {@code data.collected} events; a collector queue bound to
 * the result exchange shows what the Collector would receive.
 */
final class Crawler {

  static final String BUCKET = "crawl-results";
  static final String COLLECTOR_QUEUE = "crawler.collector.results";
  private static final long CONNECT_PATIENCE_MILLIS = 180_000;

  /** How often and how many times. */
  record Options(int everySeconds, int rounds) {

    static Options parse(List<String> args) {
      int every = 15;
      int rounds = Integer.MAX_VALUE;
      for (int i = 0; i < args.size(); i++) {
        String option = args.get(i);
        if (i + 1 >= args.size() || !List.of("--every", "--rounds").contains(option)) {
          throw new IllegalArgumentException("unknown or incomplete option '" + option + "'");
        }
        int value;
        try {
          value = Integer.parseInt(args.get(++i));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(option + " takes a whole number, got " + args.get(i));
        }
        if (value < 1) {
          throw new IllegalArgumentException(option + " must be at least 1, got " + value);
        }
        if (option.equals("--every")) {
          every = value;
        } else {
          rounds = value;
        }
      }
      return new Options(every, rounds);
    }
  }

  private Crawler() {}

  static void run(ServiceSettings settings, PrintStream out, Options options)
      throws InterruptedException {
    ServiceSettings.ObjectStore store = settings.objectStore();
    ServiceSettings.Broker broker = settings.broker();
    MinioClient minio =
        MinioClients.create(
            store.endpoint().toString(), store.accessKey(), store.secretKey(), store.region());
    try (Connection connection = connectPatiently(settings, out)) {
      Channel channel = connection.createChannel();
      // The service declares the same; declaring here lets the crawler start first.
      channel.exchangeDeclare(broker.eventExchange(), BuiltinExchangeType.TOPIC, true);
      channel.exchangeDeclare(broker.publishExchange(), BuiltinExchangeType.TOPIC, true);
      channel.queueDeclare(COLLECTOR_QUEUE, true, false, false, null);
      channel.queueBind(COLLECTOR_QUEUE, broker.publishExchange(), broker.publishRoutingKey());
      DeliverCallback print =
          (tag, message) ->
              out.println(
                  "crawler: the Collector received "
                      + new String(message.getBody(), StandardCharsets.UTF_8));
      channel.basicConsume(COLLECTOR_QUEUE, true, print, tag -> {});
      try (SimulatedCrawler crawler =
          new SimulatedCrawler(
              minio, connection, broker.eventExchange(), broker.eventRoutingKey())) {
        String project = "proj_" + UUID.randomUUID().toString().substring(0, 8);
        for (int round = 0; round < options.rounds(); round++) {
          String run = Long.toString(System.currentTimeMillis(), 36);
          send(crawler, "TIKTOK", project + "-brand-" + round, project, run, round, 50, false);
          send(
              crawler,
              "YOUTUBE",
              project + "-competitor-Toyota-" + round,
              project,
              run,
              round,
              20,
              true);
          out.println("crawler: round " + (round + 1) + ": published a TikTok and a YouTube batch");
          Thread.sleep(options.everySeconds() * 1000L);
        }
      }
    } catch (java.io.IOException e) {
      throw new IllegalStateException("crawler broker setup failed: " + e.getMessage(), e);
    }
  }

  /** Uploads one batch (2 crawler errors in a TikTok one, 1 in a YouTube one) and its event. */
  private static void send(
      SimulatedCrawler crawler,
      String platform,
      String job,
      String project,
      String run,
      int round,
      int size,
      boolean compressed) {
    String lower = platform.toLowerCase(java.util.Locale.ROOT);
    String key = lower + "/" + run + "/batch-" + round + (compressed ? ".json.zst" : ".json");
    int errors = platform.equals("TIKTOK") ? 2 : 1;
    crawler.upload(
        BUCKET, key, SampleBatches.batch(platform, job, size, errors, round), compressed);
    crawler.publish(
        SampleBatches.event(
            "crawler-" + run + "-" + lower,
            (compressed ? "minio://" : "") + BUCKET + "/" + key,
            project,
            job,
            round,
            size,
            lower));
  }

  /** Connects to the broker, waiting for it while it starts (compose starts all at once). */
  private static Connection connectPatiently(ServiceSettings settings, PrintStream out)
      throws InterruptedException {
    ConnectionFactory factory = new ConnectionFactory();
    try {
      factory.setUri(settings.broker().url());
    } catch (Exception e) {
      throw new IllegalArgumentException("RABBITMQ_URL: " + e.getMessage(), e);
    }
    long deadline = System.currentTimeMillis() + CONNECT_PATIENCE_MILLIS;
    while (true) {
      try {
        return factory.newConnection("smap-analytics simulated crawler");
      } catch (Exception e) {
        if (System.currentTimeMillis() > deadline) {
          throw new IllegalStateException("crawler cannot reach the broker: " + e, e);
        }
        out.println("crawler: waiting for the broker (" + e.getMessage() + ")");
        Thread.sleep(2_000);
      }
    }
  }
}
