package smap.analytics.adapter.postgres;

import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Adapter helper: applies the Flyway migrations of {@code db/migration}, lists the pending ones
 * without applying them (dry run), and checks that a database is current when start-up must not
 * migrate.
 */
public final class FlywayMigrator {

  private FlywayMigrator() {}

  /**
   * Migrates the database. A database that already holds the original service's tables but no
   * Flyway history is baselined at version 0, so V1 converts those tables in place.
   *
   * @return a one-line summary
   */
  public static String migrate(DataSource dataSource) {
    MigrateResult result = flyway(dataSource).migrate();
    return "database schema at version "
        + (result.targetSchemaVersion == null
            ? result.initialSchemaVersion
            : result.targetSchemaVersion)
        + " ("
        + result.migrationsExecuted
        + " migrations applied)";
  }

  /**
   * The migrations {@link #migrate} would apply, oldest first, as {@code V<version> <description>};
   * empty when the schema is current. Changes nothing in the database.
   */
  public static List<String> pending(DataSource dataSource) {
    MigrationInfoService info = flyway(dataSource).info();
    return Arrays.stream(info.pending())
        .map(m -> "V" + m.getVersion() + " " + m.getDescription())
        .toList();
  }

  /**
   * A multi-line report of a dry run: the version the database is at and each pending migration.
   */
  public static String dryRun(DataSource dataSource) {
    MigrationInfoService info = flyway(dataSource).info();
    MigrationInfo current = info.current();
    MigrationInfo[] pending = info.pending();
    StringBuilder report = new StringBuilder();
    report
        .append("dry run: database schema at version ")
        .append(current == null ? "none (no migration history)" : current.getVersion())
        .append("; ")
        .append(pending.length)
        .append(pending.length == 1 ? " migration" : " migrations")
        .append(" pending")
        .append(pending.length == 0 ? ", nothing to do" : ", none applied:");
    for (MigrationInfo m : pending) {
      report
          .append(System.lineSeparator())
          .append("  V")
          .append(m.getVersion())
          .append(' ')
          .append(m.getDescription())
          .append(" (")
          .append(m.getScript())
          .append(')');
    }
    return report.toString();
  }

  /**
   * Checks that no migration is pending, for a start-up that must not migrate.
   *
   * @throws SchemaNotCurrentException naming every pending migration
   */
  public static void requireCurrent(DataSource dataSource) {
    List<String> pending = pending(dataSource);
    if (!pending.isEmpty()) {
      throw new SchemaNotCurrentException(pending);
    }
  }

  private static Flyway flyway(DataSource dataSource) {
    return Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/migration")
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .load();
  }

  /** The database schema is behind this version of the service. */
  public static final class SchemaNotCurrentException extends IllegalStateException {

    private final List<String> pending;

    SchemaNotCurrentException(List<String> pending) {
      super(
          "database schema is not current: "
              + pending.size()
              + (pending.size() == 1 ? " migration" : " migrations")
              + " pending ("
              + String.join(", ", pending)
              + "); run the migrate command first (back up the database before), or set"
              + " MIGRATE_ON_START=true");
      this.pending = List.copyOf(pending);
    }

    /** The pending migrations, oldest first. */
    public List<String> pending() {
      return pending;
    }
  }
}
