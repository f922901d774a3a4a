package smap.analytics.adapter.postgres;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** A fresh database on the machine's PostgreSQL for one test class, dropped afterwards. */
final class TestDatabase implements AutoCloseable {

  static final String SERVER = envOr("TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/");

  final String name = "smap_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  final String url = SERVER + name;
  final HikariDataSource dataSource;

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
