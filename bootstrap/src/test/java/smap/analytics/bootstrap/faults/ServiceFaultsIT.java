package smap.analytics.bootstrap.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.minio.MinioClient;
import java.net.ServerSocket;
import java.net.URI;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import smap.analytics.adapter.minio.MinioClients;
import smap.analytics.bootstrap.demo.SampleBatches;
import smap.analytics.bootstrap.demo.SimulatedCrawler;
import smap.analytics.bootstrap.e2e.TestInfrastructure;
import smap.analytics.embedded.s3.EmbeddedS3Server;

/**
 * Process-level faults with two instances of the service (separate JVMs running the shaded jar) on
 * one queue: PostgreSQL unreachable for 30 s, the broker connection cut and restored, the object
 * store stopped and started on the same port, SIGTERM with batches in flight, SIGKILL of one
 * instance. The service reaches PostgreSQL and RabbitMQ through TCP proxies in this test, so the
 * shared servers are never touched. At the end: every batch has exactly one result at the
 * Collector's queue, every stored item exactly one row, every crawler error exactly one row, and no
 * batch FAILED.
 */
class ServiceFaultsIT {

  private static final String BUCKET = "crawl-results";
  private static final String PROJECT = "7c1e8d2a-6b1f-4c57-9f55-1b4c2d3e4f51";
  private static final int PER_PHASE = 6;
  private static final int SIZE = 10;
  private static final int CRAWLER_ERRORS = 2;

  private final List<AutoCloseable> cleanup = new ArrayList<>();
  private final Map<String, Integer> results = new ConcurrentHashMap<>();
  private final Map<String, Long> resultAt = new ConcurrentHashMap<>();
  private final Map<String, List<Map<String, Object>>> uploaded = new LinkedHashMap<>();
  private final Map<String, String> phaseOf = new LinkedHashMap<>();
  private final Map<String, Long> recovery = new LinkedHashMap<>();
  private String suffix;
  private String database;
  private String jdbcUrl;
  private int s3Port;
  private EmbeddedS3Server s3;
  private SimulatedCrawler crawler;
  private Map<String, String> env;

  @AfterEach
  void tearDown() throws Exception {
    for (int i = cleanup.size() - 1; i >= 0; i--) {
      try {
        cleanup.get(i).close();
      } catch (Exception e) {
        System.err.println("cleanup: " + e);
      }
    }
    if (s3 != null) {
      s3.close();
    }
    if (database != null) {
      TestInfrastructure.dropDatabase(database);
    }
  }

  @Test
  void twoInstancesThroughEveryOutageGiveExactlyOneResultPerBatch() throws Exception {
    suffix = TestInfrastructure.uniqueSuffix();
    database = "smap_faults_" + suffix;
    jdbcUrl = TestInfrastructure.createDatabase(database);
    s3Port = freePort();
    s3 = EmbeddedS3Server.start(s3Port, "faults-access", "faults-secret-" + suffix);
    TcpProxy postgres =
        new TcpProxy(URI.create(TestInfrastructure.POSTGRES.substring(5)).getPort());
    cleanup.add(postgres);
    URI rabbit = URI.create(TestInfrastructure.RABBITMQ);
    TcpProxy broker = new TcpProxy(rabbit.getPort());
    cleanup.add(broker);
    // The object store too, so that reads can be made slow: SIGTERM and SIGKILL then meet batches
    // that are really in flight.
    TcpProxy objectStore = new TcpProxy(s3Port);
    cleanup.add(objectStore);

    env = new HashMap<>(TestInfrastructure.serviceEnvironment(jdbcUrl, s3, "faults", suffix));
    env.put("DATABASE_URL", "jdbc:postgresql://127.0.0.1:" + postgres.port() + "/" + database);
    env.put(
        "RABBITMQ_URL",
        TestInfrastructure.RABBITMQ.replace(
            ":" + rabbit.getPort() + "/", ":" + broker.port() + "/"));
    env.put("MINIO_ENDPOINT", "http://127.0.0.1:" + objectStore.port());
    env.put("LOG_FORMAT", "text");
    env.put("MAX_CONCURRENT_BATCHES", "2");
    env.put("RETRY_INITIAL_BACKOFF_MS", "200");
    env.put("RETRY_MAX_BACKOFF_MS", "2000");
    env.put("RETRY_MAX_ATTEMPTS", "200");
    env.put("OUTBOX_LEASE_SECONDS", "5");
    env.put("SHUTDOWN_TIMEOUT_SECONDS", "20");
    env.put("DATABASE_SOCKET_TIMEOUT_MS", "10000");
    env.put("DATABASE_STATEMENT_TIMEOUT_MS", "10000");

    Connection test = factory().newConnection("faults-it-" + suffix);
    cleanup.add(test);
    Channel collector = test.createChannel();
    collector.exchangeDeclare(env.get("PUBLISH_EXCHANGE"), "topic", true);
    String collectorQueue = collector.queueDeclare().getQueue();
    collector.queueBind(collectorQueue, env.get("PUBLISH_EXCHANGE"), "analyze.result");
    collector.basicConsume(
        collectorQueue,
        true,
        new DefaultConsumer(collector) {
          @Override
          public void handleDelivery(
              String tag, Envelope envelope, AMQP.BasicProperties props, byte[] body) {
            results.merge(props.getMessageId(), 1, Integer::sum);
            resultAt.putIfAbsent(props.getMessageId(), System.nanoTime());
          }
        });
    cleanup.add(
        () -> {
          try (Channel c = test.createChannel()) {
            for (String q :
                List.of(
                    env.get("EVENT_QUEUE_NAME"),
                    env.get("LEGACY_QUEUE_NAME"),
                    env.get("DEAD_LETTER_QUEUE_NAME"))) {
              c.queueDelete(q);
            }
            c.exchangeDelete(env.get("EVENT_EXCHANGE"));
            c.exchangeDelete(env.get("PUBLISH_EXCHANGE"));
            c.exchangeDelete(env.get("DEAD_LETTER_QUEUE_NAME") + ".dlx");
          }
        });
    crawler = new SimulatedCrawler(minio(), test, env.get("EVENT_EXCHANGE"), "data.collected");

    // The crawlers' bucket exists before the service starts, as in production (readiness checks
    // it).
    minio().makeBucket(io.minio.MakeBucketArgs.builder().bucket(BUCKET).build());
    ServiceProcess a = start("a");
    ServiceProcess b = start("b");
    a.awaitReady(Duration.ofSeconds(90));
    b.awaitReady(Duration.ofSeconds(90));

    // PostgreSQL unreachable for 30 s mid-stream, with batches in flight (their objects trickle
    // in, so they are still being read when the database goes; 10 KB at full speed took less than
    // the second the test used to wait, and the outage caught no batch).
    objectStore.trickle(256, Duration.ofMillis(100));
    List<String> pgBatches = publish("postgres", PER_PHASE);
    double pgInFlight = awaitInFlight(a);
    postgres.cut();
    long cutAt = System.nanoTime();
    objectStore.flow();
    ServiceProcess.Readyz answer = awaitNotReady(a);
    assertThat(answer.body()).contains("postgresql");
    List<Duration> took = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      ServiceProcess.Readyz again = a.readyz(Duration.ofSeconds(10));
      assertThat(again.status()).isEqualTo(503);
      assertThat(again.body()).contains("\"reason\"", "postgresql");
      took.add(again.took());
    }
    took.sort(null);
    System.out.println("FAULTS: /readyz while PostgreSQL is unreachable answered in " + took);
    // The median of nine answers, so that one scheduling hiccup of a loaded machine does not
    // count; the hang this guards against took more than 5 s on every request.
    assertThat(took.get(4))
        .as("median /readyz time, PostgreSQL unreachable")
        .isLessThan(Duration.ofSeconds(1));
    assertThat(took.get(8)).as("slowest /readyz").isLessThan(Duration.ofSeconds(3));
    Thread.sleep(Math.max(0, 30_000 - Duration.ofNanos(System.nanoTime() - cutAt).toMillis()));
    postgres.restore();
    awaitResults("postgres", pgBatches, System.nanoTime());

    // The broker connection cut and restored, with batches in flight.
    objectStore.trickle(256, Duration.ofMillis(100));
    List<String> brokerBatches = publish("broker", PER_PHASE);
    double brokerInFlight = awaitInFlight(a);
    broker.cut();
    objectStore.flow();
    Thread.sleep(5_000);
    broker.restore();
    awaitResults("broker", brokerBatches, System.nanoTime());

    // The object store down and back on the same port (the in-process store keeps nothing, so
    // the crawler uploads the objects again once it is back).
    List<String> s3Batches = new ArrayList<>();
    for (int i = 0; i < PER_PHASE; i++) {
      s3Batches.add(upload("s3", i));
    }
    s3.close();
    for (String eventId : s3Batches) {
      publishEvent(eventId);
    }
    Thread.sleep(8_000);
    s3 = EmbeddedS3Server.start(s3Port, "faults-access", "faults-secret-" + suffix);
    crawler = new SimulatedCrawler(minio(), test, env.get("EVENT_EXCHANGE"), "data.collected");
    for (String eventId : s3Batches) {
      reupload(eventId);
    }
    awaitResults("s3", s3Batches, System.nanoTime());

    // SIGTERM with batches in flight (their objects trickle in at 2.5 KB/s, seconds a batch):
    // it finishes or puts back what it holds and exits 0 within SHUTDOWN_TIMEOUT_SECONDS; a new
    // instance takes its place.
    objectStore.trickle(256, Duration.ofMillis(100));
    List<String> termBatches = publish("sigterm", PER_PHASE);
    double termInFlight = awaitInFlight(a);
    long termAt = System.nanoTime();
    Integer exit = a.terminate(Duration.ofSeconds(40));
    long termTook = Duration.ofNanos(System.nanoTime() - termAt).toMillis();
    objectStore.flow();
    assertThat(exit).as("exit code after SIGTERM; log " + a.log()).isEqualTo(0);
    assertThat(termTook)
        .as("SIGTERM to exit, ms (SHUTDOWN_TIMEOUT_SECONDS=20, plus the JVM's exit)")
        .isLessThan(22_000);
    ServiceProcess a2 = start("a2");
    awaitResults("sigterm", termBatches, System.nanoTime());

    // SIGKILL of one instance with batches in flight: they go back to the queue with its
    // connection and are processed once by the others.
    objectStore.trickle(256, Duration.ofMillis(100));
    List<String> killBatches = publish("sigkill", PER_PHASE);
    double killInFlight = awaitInFlight(b);
    b.kill();
    long killedAt = System.nanoTime();
    objectStore.flow();
    ServiceProcess b2 = start("b2");
    awaitResults("sigkill", killBatches, killedAt);
    System.out.printf(
        "FAULTS: batches in flight at the database cut %.0f, the broker cut %.0f, SIGTERM %.0f,"
            + " SIGKILL %.0f%n",
        pgInFlight, brokerInFlight, termInFlight, killInFlight);
    a2.awaitReady(Duration.ofSeconds(90));
    b2.awaitReady(Duration.ofSeconds(90));

    // Late duplicates would come from a takeover after the lease: wait out two leases.
    Thread.sleep(12_000);
    List<String> all = new ArrayList<>(phaseOf.keySet());
    Map<String, Integer> duplicated = new LinkedHashMap<>();
    results.forEach(
        (id, n) -> {
          if (n != 1) {
            duplicated.put(id, n);
          }
        });
    int lost = (int) all.stream().filter(id -> !results.containsKey(id)).count();
    List<Long> windows = confirmToMarkMillis(a, b, a2, b2);
    System.out.printf(
        "FAULTS: %d batches, lost %d, duplicated %s, recovery ms %s, SIGTERM exit %d in %d ms,"
            + " confirm-to-mark ms: n=%d max=%d p50=%d%n",
        all.size(),
        lost,
        duplicated,
        recovery,
        exit,
        termTook,
        windows.size(),
        windows.isEmpty() ? -1 : windows.get(windows.size() - 1),
        windows.isEmpty() ? -1 : windows.get(windows.size() / 2));
    assertThat(lost).as("batches without a result").isZero();
    assertThat(duplicated).as("batches with more than one result").isEmpty();
    assertThat(results.keySet()).containsExactlyInAnyOrderElementsOf(all);
    try (java.sql.Connection db = DriverManager.getConnection(jdbcUrl, "postgres", "");
        Statement s = db.createStatement()) {
      assertThat(count(s, "SELECT count(*) FROM batch_ledger WHERE status = 'SUCCEEDED'"))
          .isEqualTo(all.size());
      assertThat(count(s, "SELECT count(*) FROM batch_ledger WHERE status <> 'SUCCEEDED'"))
          .as("no batch FAILED, PARKED or left over")
          .isZero();
      assertThat(count(s, "SELECT count(*) FROM post_analytics"))
          .isEqualTo(all.size() * (SIZE - CRAWLER_ERRORS));
      assertThat(count(s, "SELECT count(DISTINCT id) FROM post_analytics"))
          .isEqualTo(all.size() * (SIZE - CRAWLER_ERRORS));
      assertThat(count(s, "SELECT count(*) FROM crawl_errors WHERE source = 'crawler'"))
          .isEqualTo(all.size() * CRAWLER_ERRORS);
      assertThat(count(s, "SELECT count(*) FROM result_outbox WHERE status <> 'PUBLISHED'"))
          .isZero();
    }
  }

  private ConnectionFactory factory() throws Exception {
    ConnectionFactory factory = new ConnectionFactory();
    factory.setUri(TestInfrastructure.RABBITMQ);
    return factory;
  }

  private ServiceProcess start(String name) throws Exception {
    ServiceProcess process = ServiceProcess.start(name, env, freePort());
    cleanup.add(process);
    return process;
  }

  private MinioClient minio() {
    return MinioClients.create(
        s3.endpoint().toString(), s3.accessKey(), s3.secretKey(), "us-east-1");
  }

  private List<String> publish(String phase, int n) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String id = upload(phase, i);
      publishEvent(id);
      ids.add(id);
    }
    return ids;
  }

  private String upload(String phase, int i) {
    String eventId = "fault-" + phase + "-" + i + "-" + suffix;
    String job = PROJECT + "-brand-0";
    List<Map<String, Object>> items =
        SampleBatches.batch("TIKTOK", job, SIZE, CRAWLER_ERRORS, 1_000L + phaseOf.size());
    uploaded.put(eventId, items);
    phaseOf.put(eventId, phase);
    crawler.upload(BUCKET, eventId + ".json", items, false);
    return eventId;
  }

  private void reupload(String eventId) {
    crawler.upload(BUCKET, eventId + ".json", uploaded.get(eventId), false);
  }

  private void publishEvent(String eventId) {
    String job = PROJECT + "-brand-0";
    crawler.publish(
        SampleBatches.event(
            eventId, BUCKET + "/" + eventId + ".json", PROJECT, job, 0, SIZE, "tiktok"));
  }

  private ServiceProcess.Readyz awaitNotReady(ServiceProcess instance) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    ServiceProcess.Readyz answer = null;
    while (System.nanoTime() < deadline) {
      answer = instance.readyz(Duration.ofSeconds(10));
      if (answer.status() == 503) {
        return answer;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("/readyz never said 503: " + answer);
  }

  /** Waits until the instance has a batch in flight; returns how many it has. */
  private static double awaitInFlight(ServiceProcess instance) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    double inFlight = Double.NaN;
    while (System.nanoTime() < deadline) {
      inFlight = instance.gauge("analytics_batches_in_flight");
      if (inFlight >= 1) {
        return inFlight;
      }
      Thread.sleep(50);
    }
    throw new AssertionError(instance.name() + " had no batch in flight: " + inFlight);
  }

  private void awaitResults(String phase, List<String> ids, long from) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(150).toNanos();
    while (System.nanoTime() < deadline) {
      if (ids.stream().allMatch(results::containsKey)) {
        long last = ids.stream().mapToLong(resultAt::get).max().orElse(from);
        recovery.put(phase, Math.max(0, Duration.ofNanos(last - from).toMillis()));
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError(
        phase
            + ": results missing for "
            + ids.stream().filter(id -> !results.containsKey(id)).toList());
  }

  /** The relay's "marked N ms after the confirm" figures from every instance's log, sorted. */
  private static List<Long> confirmToMarkMillis(ServiceProcess... instances) throws Exception {
    Pattern pattern = Pattern.compile("marked (\\d+) ms after the confirm");
    List<Long> values = new ArrayList<>();
    for (ServiceProcess instance : instances) {
      Matcher m = pattern.matcher(java.nio.file.Files.readString(instance.log()));
      while (m.find()) {
        values.add(Long.parseLong(m.group(1)));
      }
    }
    values.sort(null);
    return values;
  }

  private static long count(Statement s, String sql) throws Exception {
    try (ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
