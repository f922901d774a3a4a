package smap.analytics.bootstrap.e2e;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.minio.MinioClient;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import smap.analytics.adapter.minio.MinioClients;
import smap.analytics.bootstrap.ServiceRuntime;
import smap.analytics.bootstrap.config.ServiceSettings;
import smap.analytics.bootstrap.demo.SimulatedCrawler;
import smap.analytics.domain.batch.EventId;
import smap.analytics.domain.ledger.BatchEntry;
import smap.analytics.embedded.s3.EmbeddedS3Server;

/**
 * A service under test with everything of its own: a database, an in-process S3 server, exchanges
 * and queues, a broker connection for the test and a simulated crawler. Closing it removes them
 * all, also when it failed half-way through starting.
 */
public final class RunningService implements AutoCloseable {

  private String suffix;
  private String database;
  private String jdbcUrl;
  private EmbeddedS3Server s3;
  private ServiceSettings settings;
  private ServiceRuntime runtime;
  private Connection broker;
  private SimulatedCrawler crawler;

  private RunningService() {}

  /**
   * Starts a service in {@code mode}; {@code prefix} names its database, queues and connections,
   * and {@code environment} may change its settings before it starts.
   */
  public static RunningService start(
      String prefix, ServiceRuntime.Mode mode, Consumer<Map<String, String>> environment)
      throws Exception {
    return start(prefix, mode, environment, java.util.function.UnaryOperator.identity());
  }

  /** As above, with the object store port wrapped (a test-only failing port). */
  public static RunningService start(
      String prefix,
      ServiceRuntime.Mode mode,
      Consumer<Map<String, String>> environment,
      java.util.function.UnaryOperator<smap.analytics.application.port.out.BatchObjectPort> objects)
      throws Exception {
    RunningService service = new RunningService();
    try {
      service.suffix = TestInfrastructure.uniqueSuffix();
      service.database = "smap_" + prefix + "_" + service.suffix;
      service.jdbcUrl = TestInfrastructure.createDatabase(service.database);
      service.s3 =
          EmbeddedS3Server.start(0, prefix + "-access", prefix + "-secret-" + service.suffix);
      Map<String, String> env =
          TestInfrastructure.serviceEnvironment(
              service.jdbcUrl, service.s3, prefix, service.suffix);
      environment.accept(env);
      service.settings = ServiceSettings.fromEnvironment(env);
      // The crawlers' bucket exists before the service starts, as in production (readiness
      // checks it).
      MinioClient minio =
          MinioClients.create(
              service.s3.endpoint().toString(),
              service.s3.accessKey(),
              service.s3.secretKey(),
              "us-east-1");
      minio.makeBucket(
          io.minio.MakeBucketArgs.builder()
              .bucket(service.settings.objectStore().bucket())
              .build());
      service.runtime = ServiceRuntime.start(service.settings, mode, objects);
      ConnectionFactory factory = new ConnectionFactory();
      factory.setUri(TestInfrastructure.RABBITMQ);
      service.broker = factory.newConnection(prefix + "-it");
      service.crawler =
          new SimulatedCrawler(
              minio,
              service.broker,
              service.settings.broker().eventExchange(),
              service.settings.broker().eventRoutingKey());
      return service;
    } catch (Exception | Error e) {
      service.close();
      throw e;
    }
  }

  /**
   * Waits until {@code /readyz} answers 200: every dependency probed once in the background and up.
   * Straight after the start the probes have not answered yet and readiness is 503, as it should
   * be; tests that read readiness or the dependency gauges start from a ready service.
   */
  public RunningService awaitReady(int seconds) throws Exception {
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    java.net.http.HttpRequest request =
        java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + runtime.httpPort() + "/readyz"))
            .timeout(java.time.Duration.ofSeconds(5))
            .build();
    long deadline = System.currentTimeMillis() + seconds * 1000L;
    String last = "";
    while (System.currentTimeMillis() < deadline) {
      java.net.http.HttpResponse<String> response =
          http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 200) {
        return this;
      }
      last = response.statusCode() + " " + response.body();
      Thread.sleep(100);
    }
    throw new AssertionError("not ready within " + seconds + " s: " + last);
  }

  /** The batch's ledger entry once it is terminal; fails after {@code seconds}. */
  public BatchEntry awaitTerminal(String eventId, int seconds) throws InterruptedException {
    long deadline = System.currentTimeMillis() + seconds * 1000L;
    while (System.currentTimeMillis() < deadline) {
      Optional<BatchEntry> entry = runtime.ledger().find(EventId.of(eventId));
      if (entry.isPresent() && entry.get().status().terminal()) {
        return entry.get();
      }
      Thread.sleep(100);
    }
    throw new AssertionError(
        "event "
            + eventId
            + " did not finish within "
            + seconds
            + " s: "
            + runtime.ledger().find(EventId.of(eventId)));
  }

  public String suffix() {
    return suffix;
  }

  public String jdbcUrl() {
    return jdbcUrl;
  }

  public ServiceSettings settings() {
    return settings;
  }

  public ServiceRuntime runtime() {
    return runtime;
  }

  public Connection broker() {
    return broker;
  }

  public SimulatedCrawler crawler() {
    return crawler;
  }

  /** The in-process S3 server, which a test may stop to take the object store away. */
  public EmbeddedS3Server s3() {
    return s3;
  }

  @Override
  public void close() throws Exception {
    if (crawler != null) {
      crawler.close();
    }
    if (runtime != null) {
      runtime.close();
    }
    if (broker != null) {
      if (settings != null) {
        TestInfrastructure.deleteTopology(broker, settings);
      }
      broker.close();
    }
    if (s3 != null) {
      s3.close();
    }
    if (database != null) {
      TestInfrastructure.dropDatabase(database);
    }
  }
}
