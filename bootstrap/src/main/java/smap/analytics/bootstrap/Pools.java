package smap.analytics.bootstrap;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import smap.analytics.adapter.postgres.FlywayMigrator;
import smap.analytics.adapter.postgres.PostgresDataSources;
import smap.analytics.bootstrap.config.ServiceSettings;

/**
 * Composition root: the three PostgreSQL pools. The pipeline's; the console's, small and with a
 * statement timeout, so no amount of console traffic takes a connection the pipeline needs; and one
 * connection for /readyz and the operations sampler, so a busy console neither makes the instance
 * look unready nor takes the pipeline's connections.
 */
record Pools(HikariDataSource pipeline, HikariDataSource console, HikariDataSource ops) {

  private static final Logger LOG = LoggerFactory.getLogger(Pools.class);

  /**
   * Opens the pools (each closed through {@code resources}), creating the database and applying the
   * migrations first when MIGRATE_ON_START asks for it, else checking the schema is current.
   */
  static Pools open(
      ServiceSettings settings, MeterRegistry registry, List<AutoCloseable> resources) {
    ServiceSettings.Database db = settings.database();
    if (settings.migrateOnStart()) {
      PostgresDataSources.createDatabaseIfMissing(db.url(), db.user(), db.password());
    }
    ServiceSettings.Deadlines deadlines = settings.deadlines();
    HikariDataSource pipeline =
        PostgresDataSources.create(
            db.url(),
            db.user(),
            db.password(),
            db.poolSize(),
            deadlines.statement(),
            deadlines.databaseSocket());
    resources.add(pipeline);
    pipeline.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
    if (settings.migrateOnStart()) {
      LOG.info(FlywayMigrator.migrate(pipeline));
    } else {
      FlywayMigrator.requireCurrent(pipeline);
    }
    ServiceSettings.Console console = settings.console();
    HikariDataSource consolePool =
        PostgresDataSources.create(
            db.url(),
            db.user(),
            db.password(),
            console.poolSize(),
            console.statementTimeout(),
            Duration.ZERO);
    resources.add(consolePool);
    HikariDataSource ops =
        PostgresDataSources.create(
            db.url(), db.user(), db.password(), 1, Duration.ofSeconds(5), Duration.ZERO);
    resources.add(ops);
    return new Pools(pipeline, consolePool, ops);
  }

  /** Applies the migrations and returns a one-line summary. */
  static String migrate(ServiceSettings settings) {
    ServiceSettings.Database db = settings.database();
    PostgresDataSources.createDatabaseIfMissing(db.url(), db.user(), db.password());
    try (HikariDataSource dataSource =
        PostgresDataSources.create(db.url(), db.user(), db.password(), 2)) {
      return FlywayMigrator.migrate(dataSource);
    }
  }

  /** Lists the pending migrations without applying any (the database must exist). */
  static String migrateDryRun(ServiceSettings settings) {
    ServiceSettings.Database db = settings.database();
    try (HikariDataSource dataSource =
        PostgresDataSources.create(db.url(), db.user(), db.password(), 2)) {
      return FlywayMigrator.dryRun(dataSource);
    }
  }
}
