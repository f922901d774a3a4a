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
