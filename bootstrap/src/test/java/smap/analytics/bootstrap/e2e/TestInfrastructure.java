package smap.analytics.bootstrap.e2e;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * The real servers of the tests: PostgreSQL and RabbitMQ on this machine, each test class isolated.
 */
public final class TestInfrastructure {

  public static final String POSTGRES =
      envOr("TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/");
  public static final String RABBITMQ =
      envOr("TEST_RABBITMQ_URL", "amqp://guest:guest@127.0.0.1:5672/%2F");

  private TestInfrastructure() {}

  private static String envOr(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  /** A short unique suffix for database, exchange and queue names. */
  public static String uniqueSuffix() {
    return UUID.randomUUID().toString().replace("-", "").substring(0, 10).toLowerCase(Locale.ROOT);
  }

  /**
   * The settings of a service under test: its own database, S3 server, exchanges and queues
   * (prefixed with {@code prefix} and {@code suffix}), a free HTTP port.
   */
  public static java.util.Map<String, String> serviceEnvironment(
      String jdbcUrl,
      smap.analytics.embedded.s3.EmbeddedS3Server s3,
      String prefix,
      String suffix) {
    java.util.Map<String, String> env = new java.util.HashMap<>();
    env.put("DATABASE_URL", jdbcUrl);
    env.put("RABBITMQ_URL", RABBITMQ);
    env.put("MINIO_ENDPOINT", s3.endpoint().toString());
    env.put("MINIO_ACCESS_KEY", s3.accessKey());
    env.put("MINIO_SECRET_KEY", s3.secretKey());
    env.put("EVENT_EXCHANGE", prefix + ".events." + suffix);
    env.put("EVENT_QUEUE_NAME", prefix + ".in." + suffix);
    env.put("LEGACY_QUEUE_NAME", prefix + ".legacy." + suffix);
    env.put("DEAD_LETTER_QUEUE_NAME", prefix + ".dead." + suffix);
    env.put("PUBLISH_EXCHANGE", prefix + ".results." + suffix);
    env.put("HTTP_PORT", "0");
    env.put("INSTANCE_ID", prefix + "-" + suffix);
    return env;
  }

  /** A legacy single-post message referring to an object ({@code data_ref}). */
  public static String legacyDataRef(
      String eventId, String bucket, String key, String projectId, String jobId) {
    return "{\"event_id\":\""
        + eventId
        + "\",\"data_ref\":{\"bucket\":\""
        + bucket
        + "\",\"path\":\""
        + key
        + "\"},\"project_id\":\""
        + projectId
        + "\",\"job_id\":\""
        + jobId
        + "\"}";
  }

  /** Deletes the exchanges and queues of a service under test. */
  public static void deleteTopology(
      com.rabbitmq.client.Connection broker,
      smap.analytics.bootstrap.config.ServiceSettings settings)
      throws java.io.IOException, java.util.concurrent.TimeoutException {
    try (com.rabbitmq.client.Channel c = broker.createChannel()) {
      for (String q :
          java.util.List.of(
              settings.broker().eventQueue(),
              settings.broker().legacyQueue(),
              settings.broker().deadLetterQueue())) {
        c.queueDelete(q);
      }
      c.exchangeDelete(settings.broker().eventExchange());
      c.exchangeDelete(settings.broker().publishExchange());
      c.exchangeDelete(settings.broker().deadLetterQueue() + ".dlx");
    }
  }

  /** How long an unused test queue lives on the broker: a crashed run's queue goes by itself. */
  static final int QUEUE_EXPIRES_MILLIS = 10 * 60 * 1000;

  /**
   * Declares the Collector's queue of a test, bound to the service's result exchange. RabbitMQ
   * deletes it {@link #QUEUE_EXPIRES_MILLIS} after its last use, so a run that dies before its
   * {@code queueDelete} leaves nothing behind for long.
   */
  public static void declareCollector(
      com.rabbitmq.client.Channel channel,
      String queue,
      smap.analytics.bootstrap.config.ServiceSettings settings)
      throws java.io.IOException {
    channel.queueDeclare(
        queue, false, false, true, java.util.Map.of("x-expires", QUEUE_EXPIRES_MILLIS));
    channel.queueBind(
        queue, settings.broker().publishExchange(), settings.broker().publishRoutingKey());
  }

  /** Creates an empty database and returns its JDBC URL. */
  public static String createDatabase(String name) {
    try (Connection c = DriverManager.getConnection(POSTGRES + "postgres", "postgres", "");
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot create test database " + name + ": " + e.getMessage(), e);
    }
    return POSTGRES + name;
  }

  /** Drops a test database, closing its remaining connections. */
  public static void dropDatabase(String name) {
    try (Connection c = DriverManager.getConnection(POSTGRES + "postgres", "postgres", "");
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot drop test database " + name + ": " + e.getMessage(), e);
    }
  }
}
