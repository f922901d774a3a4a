package smap.analytics.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import smap.analytics.application.port.out.OperationalStatsPort.OperationalStats;
import smap.analytics.domain.failure.DependencyUnavailableException;

class JooqOperationalStatsAdapterIT {

  private static TestDatabase db;
  private static JooqOperationalStatsAdapter stats;

  @BeforeAll
  static void migrate() {
    db = new TestDatabase();
    FlywayMigrator.migrate(db.dataSource);
    stats = new JooqOperationalStatsAdapter(DSL.using(db.dataSource, SQLDialect.POSTGRES));
  }

  @AfterAll
  static void drop() {
    db.close();
  }

  @Test
  void anEmptyStoreReadsZeroEverywhere() {
    db.execute("TRUNCATE result_outbox, batch_ledger CASCADE");

    assertThat(stats.read()).isEqualTo(new OperationalStats(0, 0, 0.0, 0));
  }

  @Test
  void countsTheBacklogUnroutableAndParkedAndAgesTheOldestUnpublishedResult() {
    db.execute("TRUNCATE result_outbox, batch_ledger CASCADE");
    outbox("a", "PENDING", "now() - interval '10 minutes'");
    outbox("b", "FAILED", "now() - interval '3 minutes'");
    outbox("c", "UNROUTABLE", "now() - interval '2 hours'");
    outbox("d", "PUBLISHED", "now() - interval '5 hours'");
    ledger("p1", "PARKED");
    ledger("p2", "PARKED");
    ledger("s1", "SUCCEEDED");

    OperationalStats read = stats.read();

    assertThat(read.outboxBacklog()).isEqualTo(2);
    assertThat(read.unroutableResults()).isEqualTo(1);
    assertThat(read.parkedBatches()).isEqualTo(2);
    // The pending row of 10 minutes, not the unroutable or published ones that are older.
    assertThat(read.oldestPendingSeconds()).isBetween(600.0, 900.0);
  }

  @Test
  void aDatabaseThatIsAwayIsADependencyFailure() {
    try (var away =
        PostgresDataSources.create("jdbc:postgresql://127.0.0.1:1/none", "postgres", "", 1)) {
      away.setConnectionTimeout(500);
      JooqOperationalStatsAdapter unreachable =
          new JooqOperationalStatsAdapter(DSL.using(away, SQLDialect.POSTGRES));

      assertThatThrownBy(unreachable::read).isInstanceOf(DependencyUnavailableException.class);
    }
  }

  private static void outbox(String id, String status, String createdAt) {
    db.execute(
        "INSERT INTO result_outbox (event_id, message_id, result, status, created_at) VALUES ('"
            + id
            + "', '"
            + id
            + "', '{}'::jsonb, '"
            + status
            + "', "
            + createdAt
            + ")");
  }

  private static void ledger(String id, String status) {
    db.execute(
        "INSERT INTO batch_ledger (event_id, queue, status, raw_body, received_at, started_at)"
            + " VALUES ('"
            + id
            + "', 'q', '"
            + status
            + "', ''::bytea, now(), now())");
  }
}
