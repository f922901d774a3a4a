package smap.analytics.adapter.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Adapter helper: the connection pool, and creation of the database on a developer machine. */
public final class PostgresDataSources {

  private static final Logger LOG = LoggerFactory.getLogger(PostgresDataSources.class);

  private PostgresDataSources() {}

  /** A HikariCP pool (Hikari instead of a hand-written pool: it is the JDBC standard). */
  public static HikariDataSource create(String url, String user, String password, int poolSize) {
    return create(url, user, password, poolSize, java.time.Duration.ZERO, java.time.Duration.ZERO);
  }

  /**
   * As above, with a statement timeout (the server cancels a statement, e.g. a lock wait, after it)
   * and a socket read timeout (a server that stops answering fails the call instead of holding the
   * thread); zero for none.
   */
  public static HikariDataSource create(
      String url,
      String user,
      String password,
      int poolSize,
      java.time.Duration statementTimeout,
      java.time.Duration socketTimeout) {
    HikariConfig config = new HikariConfig();
    if (!statementTimeout.isZero()) {
      config.setConnectionInitSql("SET statement_timeout = " + statementTimeout.toMillis());
    }
    if (!socketTimeout.isZero()) {
      config.addDataSourceProperty(
          "socketTimeout", Math.max(1, (socketTimeout.toMillis() + 999) / 1000));
    }
    config.addDataSourceProperty("connectTimeout", 5);
    config.setJdbcUrl(url);
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(poolSize);
    config.setConnectionTimeout(5_000);
    config.setValidationTimeout(2_000);
    config.setPoolName("smap-analytics");
    config.setInitializationFailTimeout(-1);
    return new HikariDataSource(config);
  }

  /**
   * The pipeline's jOOQ context on {@code dataSource}: every statement run for a batch is bounded
   * by the batch's deadline ({@link BatchDeadlineListener}).
   */
  public static org.jooq.DSLContext pipeline(javax.sql.DataSource dataSource) {
    return org.jooq.impl.DSL.using(
        new org.jooq.impl.DefaultConfiguration()
            .set(dataSource)
            .set(org.jooq.SQLDialect.POSTGRES)
            .set(new BatchDeadlineListener()));
  }

  /**
   * Creates the database named in {@code url} when the server says it does not exist and the user
   * may create it, so a fresh machine needs no manual step. Any other failure is left to the pool.
   */
  public static void createDatabaseIfMissing(String url, String user, String password) {
    try (Connection ignored = DriverManager.getConnection(url, user, password)) {
      return;
    } catch (SQLException e) {
      if (!"3D000".equals(e.getSQLState())) {
        return;
      }
    }
    String rest = url.substring("jdbc:".length());
    URI uri = URI.create(rest);
    String database = uri.getPath().substring(1);
    if (!database.matches("[A-Za-z0-9_]+")) {
      throw new IllegalStateException(
          "database '" + database + "' does not exist; create it first");
    }
    String maintenance = url.replaceFirst("/" + database + "(\\?|$)", "/postgres$1");
    try (Connection connection = DriverManager.getConnection(maintenance, user, password);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + database);
      LOG.info("created database {}", database);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "database '" + database + "' does not exist and could not be created: " + e.getMessage(),
          e);
    }
  }
}
