package smap.analytics.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The dry run lists pending migrations and changes nothing; the start-up check names them. */
class FlywayMigratorIT {

  private static long tables(TestDatabase db) throws Exception {
    try (Connection c = db.dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void aDryRunOnAnEmptyDatabaseListsEveryMigrationAndAppliesNone() throws Exception {
    try (TestDatabase db = new TestDatabase()) {
      String report = FlywayMigrator.dryRun(db.dataSource);

      assertThat(report)
          .startsWith("dry run: database schema at version none (no migration history); ")
          .contains("migrations pending, none applied:")
          .contains("  V1 analytics schema (V1__analytics_schema.sql)")
          .contains("  V102 retention (V102__retention.sql)");
      assertThat(FlywayMigrator.pending(db.dataSource)).first().isEqualTo("V1 analytics schema");
      assertThat(tables(db)).as("not even Flyway's history table").isZero();
    }
  }

  @Test
  void theStartUpCheckNamesThePendingMigrationsAndPassesOnceMigrated() throws Exception {
    try (TestDatabase db = new TestDatabase()) {
      assertThatThrownBy(() -> FlywayMigrator.requireCurrent(db.dataSource))
          .isInstanceOf(FlywayMigrator.SchemaNotCurrentException.class)
          .hasMessageStartingWith("database schema is not current: ")
          .hasMessageContaining("pending (V1 analytics schema, ")
          .hasMessageContaining("V102 retention")
          .hasMessageEndingWith(
              "run the migrate command first (back up the database before), or set"
                  + " MIGRATE_ON_START=true")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));

      FlywayMigrator.migrate(db.dataSource);

      FlywayMigrator.requireCurrent(db.dataSource);
      assertThat(FlywayMigrator.pending(db.dataSource)).isEmpty();
      assertThat(FlywayMigrator.dryRun(db.dataSource))
          .matches("dry run: database schema at version \\d+; 0 migrations pending, nothing to do");
    }
  }
}
