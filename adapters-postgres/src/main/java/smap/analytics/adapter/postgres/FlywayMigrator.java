package smap.analytics.adapter.postgres;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/** Adapter helper: applies the Flyway migrations of {@code db/migration}. */
public final class FlywayMigrator {

  private FlywayMigrator() {}

  /**
   * Migrates the database. A database that already holds the original service's tables but no
   * Flyway history is baselined at version 0, so V1 converts those tables in place.
   *
   * @return a one-line summary
   */
  public static String migrate(DataSource dataSource) {
    MigrateResult result =
        Flyway.configure()
            .dataSource(dataSource)
            .locations("classpath:db/migration")
            .baselineOnMigrate(true)
            .baselineVersion("0")
            .load()
            .migrate();
    return "database schema at version "
        + (result.targetSchemaVersion == null
            ? result.initialSchemaVersion
            : result.targetSchemaVersion)
        + " ("
        + result.migrationsExecuted
        + " migrations applied)";
  }
}
