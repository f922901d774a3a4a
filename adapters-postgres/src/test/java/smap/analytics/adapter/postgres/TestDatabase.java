package smap.analytics.adapter.postgres;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A fresh database on the machine's PostgreSQL for one test class, dropped afterwards. */
final class TestDatabase implements AutoCloseable {

  static final String SERVER = envOr("TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/");

  final String name = "smap_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  final String url = SERVER + name;
  final HikariDataSource dataSource;

  /**
   * Test databases of every module are named {@code smap_<kind>_<hex>}; those created over two
   * hours ago are leftovers of a run that died before dropping them (no test runs that long).
   */
  private static final String LEFTOVERS =
      "SELECT datname FROM pg_database WHERE datname ~ '^smap_[a-z0-9]+_[0-9a-f]{8,12}$' AND"
          + " (pg_stat_file('base/' || oid || '/PG_VERSION')).modification"
          + " < now() - interval '2 hours'";

  static {
    sweepLeftovers();
  }

  /** Drops leftover test databases, once per test JVM, before the first test creates its own. */
  private static void sweepLeftovers() {
    List<String> names = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(SERVER + "postgres", "postgres", "");
        Statement s = c.createStatement()) {
      try (ResultSet rows = s.executeQuery(LEFTOVERS)) {
        while (rows.next()) {
          names.add(rows.getString(1));
        }
      }
      for (String leftover : names) {
        s.execute("DROP DATABASE IF EXISTS " + leftover + " WITH (FORCE)");
      }
    } catch (SQLException e) {
      // Reading file times needs a superuser: without one, leftovers stay and the tests still run.
      System.err.println("test database sweep skipped: " + e.getMessage());
    }
  }

  TestDatabase() {
    admin("CREATE DATABASE " + name);
    dataSource = PostgresDataSources.create(url, "postgres", "", 8);
  }

  /** A fresh database with every migration applied. */
  static TestDatabase migrated() {
    TestDatabase db = new TestDatabase();
    FlywayMigrator.migrate(db.dataSource);
    return db;
  }

  /** jOOQ on this database. */
  org.jooq.DSLContext dsl() {
    return org.jooq.impl.DSL.using(dataSource, org.jooq.SQLDialect.POSTGRES);
  }

  private static String envOr(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  static void admin(String sql) {
    try (Connection c = DriverManager.getConnection(SERVER + "postgres", "postgres", "");
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  void execute(String sql) {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    dataSource.close();
    admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  }
}
