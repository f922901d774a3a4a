package smap.analytics.bench.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.github.luben.zstd.Zstd;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The end-to-end benchmark: the service jar as one or more real {@code consume} processes against
 * the machine's RabbitMQ and PostgreSQL and an in-process S3 server. It uploads realistic batches,
 * publishes their {@code data.collected} events with the AMQP client, and reads the Collector's
 * results from a queue bound to the result exchange. Reports items a minute, per-batch latency from
 * publish to result (p50/p95/p99), CPU microseconds an item of the service processes and of
 * PostgreSQL (from {@code /proc}), and the service's resident memory, at full load and at a paced
 * half load. Prints a table and writes JSON. A benchmark, not a test: it asserts nothing about
 * time.
 */
public final class PipelineBenchmark {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Options options;
  private final String suffix =
      UUID.randomUUID().toString().replace("-", "").substring(0, 8).toLowerCase(Locale.ROOT);
  private final String bucket = "bench-" + suffix;
  private final String database = "smap_bench_" + suffix;
  private final String exchange = "smap.bench.events." + suffix;
  private final String queue = "analytics.bench.in." + suffix;
  private final String resultExchange = "results.bench." + suffix;
  private final String collectorQueue = "collector.bench." + suffix;
  private final Map<String, Long> publishedAt = new ConcurrentHashMap<>();
  private final Map<String, Long> receivedAt = new ConcurrentHashMap<>();
  private final Map<String, Integer> batchSizes = new ConcurrentHashMap<>();
  private final AtomicInteger duplicates = new AtomicInteger();
  private final AtomicInteger wrongCounts = new AtomicInteger();
  private BenchServices services;
  private MinioClient uploaded;
  private int warmupBatches;

  /** Batches of each further warm-up round while the JIT compiler is still busy. */
  private static final int WARMUP_ROUND = 1000;

  private PipelineBenchmark(Options options) {
    this.options = options;
  }

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    new PipelineBenchmark(options).run();
  }

  private void run() throws Exception {
    S3 s3 = S3.start();
    ConnectionFactory factory = new ConnectionFactory();
    factory.setUri(options.rabbitmqUrl());
    String jdbcUrl = createDatabase();
    try (Connection broker = factory.newConnection("pipeline-benchmark")) {
      Channel results = broker.createChannel();
      results.exchangeDeclare(resultExchange, "topic", true);
      results.queueDeclare(collectorQueue, true, false, false, null);
      results.queueBind(collectorQueue, resultExchange, "analyze.result");
      results.basicQos(500);
      results.basicConsume(
          collectorQueue,
          true,
          (tag, delivery) -> onResult(delivery.getProperties().getMessageId(), delivery.getBody()),
          tag -> {});
      MinioClient minio = s3.client();
      minio.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
      uploaded = minio;
      services = new BenchServices(options, serviceSettings(jdbcUrl, s3));
      for (int i = 0; i < options.instances(); i++) {
        services.start(i);
      }
      Thread sampler = Thread.ofPlatform().daemon().start(services::sampleRss);
      Channel publisher = broker.createChannel();
      publisher.confirmSelect();
      int from = 0;
      System.out.printf(Locale.ROOT, "bench: warm-up, %d batches%n", options.warmup());
      Phase warm = runPhase("warm-up", publisher, from, options.warmup(), 0);
      from += options.warmup();
      // Until the JIT compiler is quiet: a long-running instance has compiled its hot code, and
      // the figures are of that steady state (the compiler's share is reported all the same).
      while (warm.jitShare() * 100 > options.jitQuietPercent()
          && from + WARMUP_ROUND <= options.warmupMax()) {
        System.out.printf(
            Locale.ROOT,
            "bench: the JIT compiler took %.1f %% of the service's CPU; %d batches more%n",
            warm.jitShare() * 100,
            WARMUP_ROUND);
        warm = runPhase("warm-up", publisher, from, WARMUP_ROUND, 0);
        from += WARMUP_ROUND;
      }
      warmupBatches = from;
      services.resetMaxRss();
      Phase full = runPhase("full load", publisher, from, options.batches(), 0);
      from += options.batches();
      double halfRate = full.batchesPerSecond() / 2;
      Phase half = runPhase("half load", publisher, from, options.batches() / 2, halfRate);
      sampler.interrupt();
      report(List.of(full, half));
    } finally {
      if (services != null) {
        services.stop();
      }
      cleanUp(factory);
      dropDatabase();
      s3.close();
    }
  }

  /** The environment of every service process: this run's database, broker names and bucket. */
  private Map<String, String> serviceSettings(String jdbcUrl, S3 s3) {
    Map<String, String> env = new java.util.HashMap<>();
    env.put("DATABASE_URL", jdbcUrl);
    env.put("RABBITMQ_URL", options.rabbitmqUrl());
    env.put("MINIO_ENDPOINT", s3.endpoint());
    env.put("MINIO_ACCESS_KEY", S3.ACCESS);
    env.put("MINIO_SECRET_KEY", S3.SECRET);
    env.put("MINIO_BUCKET", bucket);
    env.put("EVENT_EXCHANGE", exchange);
    env.put("EVENT_QUEUE_NAME", queue);
    env.put("LEGACY_QUEUE_NAME", "analytics.bench.legacy." + suffix);
    env.put("DEAD_LETTER_QUEUE_NAME", "analytics.bench.dead." + suffix);
    env.put("PUBLISH_EXCHANGE", resultExchange);
    env.put("HTTP_PORT", "0");
    return env;
  }

  private void onResult(String messageId, byte[] body) {
    long now = System.nanoTime();
    if (receivedAt.putIfAbsent(messageId, now) != null) {
      duplicates.incrementAndGet();
      return;
    }
    try {
      Map<?, ?> result = JSON.readValue(body, Map.class);
      int size = ((Number) result.get("batch_size")).intValue();
      int success = ((Number) result.get("success_count")).intValue();
      int errors = ((Number) result.get("error_count")).intValue();
      Integer expected = batchSizes.get(messageId);
      if (expected == null || size != expected || errors != 1 || success != size - 1) {
        wrongCounts.incrementAndGet();
      }
    } catch (IOException | RuntimeException e) {
      wrongCounts.incrementAndGet();
    }
  }

  private static boolean youtube(int index) {
    return index % 2 == 1;
  }

  private String eventId(int index) {
    return "bench-" + suffix + "-" + index;
  }

  private void upload(MinioClient minio, int index) throws Exception {
    boolean youtube = youtube(index);
    boolean compressed = (index / 2) % 2 == 0;
    String jobId = "proj_bench-brand-" + index;
    byte[] json = JSON.writeValueAsBytes(BenchBatches.batch(youtube, jobId, index * 7919L));
    byte[] body = compressed ? Zstd.compress(json, 3) : json;
    String key = "batches/" + index + (compressed ? ".json.zst" : ".json");
    PutObjectArgs.Builder put =
        PutObjectArgs.builder().bucket(bucket).object(key).stream(
                new ByteArrayInputStream(body), body.length, -1)
            .contentType(compressed ? "application/zstd" : "application/json");
    if (compressed) {
      put.userMetadata(Map.of("compressed", "true", "compression-algorithm", "zstd"));
    }
    minio.putObject(put.build());
    batchSizes.put(eventId(index), youtube ? BenchBatches.YOUTUBE_SIZE : BenchBatches.TIKTOK_SIZE);
  }

  private Phase runPhase(String name, Channel publisher, int from, int count, double perSecond)
      throws Exception {
    System.out.printf(
        Locale.ROOT, "bench: uploading %d batches to the in-process S3 server%n", count);
    for (int i = 0; i < count; i++) {
      upload(uploaded, from + i);
    }
    long serviceCpu0 = services.cpuMicros();
    long[] jitGc0 = services.jitAndGcCpuMicros();
    long pgCpu0 = ProcStats.postgresCpuMicros();
    long start = System.nanoTime();
    long interval = perSecond > 0 ? (long) (1e9 / perSecond) : 0;
    int items = 0;
    for (int i = 0; i < count; i++) {
      int index = from + i;
      if (interval > 0) {
        long due = start + i * interval;
        while (System.nanoTime() < due) {
          LockSupport.parkNanos(due - System.nanoTime());
        }
      }
      String id = eventId(index);
      String jobId = "proj_bench-brand-" + index;
      boolean compressed = (index / 2) % 2 == 0;
      String path = bucket + "/batches/" + index + (compressed ? ".json.zst" : ".json");
      byte[] body =
          JSON.writeValueAsBytes(BenchBatches.event(id, path, jobId, index, youtube(index)));
      publishedAt.put(id, System.nanoTime());
      publisher.basicPublish(
          exchange,
          "data.collected",
          new AMQP.BasicProperties.Builder()
              .contentType("application/json")
              .deliveryMode(2)
              .messageId(id)
              .build(),
          body);
      items += batchSizes.get(id);
      if (i % 50 == 49) {
        publisher.waitForConfirmsOrDie(60_000);
      }
    }
    publisher.waitForConfirmsOrDie(60_000);
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(options.timeoutMinutes());
    List<Long> latencies = new ArrayList<>(count);
    long last = start;
    for (int i = 0; i < count; i++) {
      String id = eventId(from + i);
      Long at;
      while ((at = receivedAt.get(id)) == null) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              name + ": no result for " + id + " within " + options.timeoutMinutes() + " min");
        }
        for (Process p : services.processes()) {
          if (!p.isAlive()) {
            throw new IllegalStateException("a service process exited: " + p.exitValue());
          }
        }
        Thread.sleep(5);
      }
      latencies.add(at - publishedAt.get(id));
      last = Math.max(last, at);
    }
    long serviceCpu = services.cpuMicros() - serviceCpu0;
    long[] jitGc = services.jitAndGcCpuMicros();
    long pgCpu = ProcStats.postgresCpuMicros() - pgCpu0;
    Phase phase =
        new Phase(
            name,
            count,
            items,
            (last - start) / 1e9,
            latencies,
            serviceCpu,
            jitGc[0] - jitGc0[0],
            jitGc[1] - jitGc0[1],
            pgCpu,
            services.maxRss(),
            perSecond);
    System.out.println("bench: " + phase.line());
    return phase;
  }

  private void report(List<Phase> phases) throws IOException {
    System.out.println();
    System.out.printf(
        Locale.ROOT,
        "%-10s %7s %7s %10s %8s %8s %8s %12s %8s %7s %11s %10s%n",
        "phase",
        "batches",
        "items",
        "items/min",
        "p50 ms",
        "p95 ms",
        "p99 ms",
        "svc us/item",
        "of: jit",
        "gc",
        "pg us/item",
        "RSS MB");
    for (Phase p : phases) {
      System.out.println(p.row());
    }
    System.out.printf(
        Locale.ROOT,
        "instances %d, warm-up %d batches, duplicates %d, results with wrong counts %d, CPU ticks/s"
            + " %d%n",
        options.instances(),
        warmupBatches,
        duplicates.get(),
        wrongCounts.get(),
        ProcStats.TICKS_PER_SECOND);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("instances", options.instances());
    json.put("warmup_batches", warmupBatches);
    json.put("jvm_args", options.jvmArgs());
    json.put("duplicates", duplicates.get());
    json.put("wrong_counts", wrongCounts.get());
    List<Object> rows = new ArrayList<>();
    for (Phase p : phases) {
      rows.add(p.toJson());
    }
    json.put("phases", rows);
    Files.createDirectories(options.out().toAbsolutePath().getParent());
    JSON.writeValue(options.out().toFile(), json);
    System.out.println("bench: wrote " + options.out());
  }

  private String createDatabase() throws Exception {
    try (java.sql.Connection c =
            DriverManager.getConnection(options.postgresUrl() + "postgres", options.pgUser(), "");
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + database);
    }
    return options.postgresUrl() + database;
  }

  private void dropDatabase() {
    try (java.sql.Connection c =
            DriverManager.getConnection(options.postgresUrl() + "postgres", options.pgUser(), "");
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    } catch (Exception e) {
      System.err.println("bench: could not drop " + database + ": " + e.getMessage());
    }
  }

  private void cleanUp(ConnectionFactory factory) {
    try (Connection c = factory.newConnection("pipeline-benchmark-cleanup");
        Channel ch = c.createChannel()) {
      for (String q :
          List.of(
              queue,
              collectorQueue,
              "analytics.bench.legacy." + suffix,
              "analytics.bench.dead." + suffix)) {
        ch.queueDelete(q);
      }
      ch.exchangeDelete(exchange);
      ch.exchangeDelete(resultExchange);
      ch.exchangeDelete("analytics.bench.dead." + suffix + ".dlx");
    } catch (Exception e) {
      System.err.println("bench: clean-up of the broker topology failed: " + e.getMessage());
    }
  }
}
