package smap.analytics.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.Collectors;
import org.jooq.Record;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import smap.analytics.application.port.out.ResultOutboxPort;
import smap.analytics.application.port.out.ResultOutboxPortContractTest;
import smap.analytics.domain.batch.AnalyzeResult;
import smap.analytics.domain.batch.EventId;

class JooqResultOutboxAdapterIT extends ResultOutboxPortContractTest {

  private static final TestDatabase DB = TestDatabase.migrated();

  @AfterAll
  static void drop() {
    DB.close();
  }

  @BeforeEach
  void empty() {
    DB.execute("TRUNCATE result_outbox RESTART IDENTITY");
  }

  @Override
  protected ResultOutboxPort outbox() {
    return new JooqResultOutboxAdapter(DB.dsl(), RELAY, Duration.ofSeconds(LEASE_SECONDS));
  }

  @Override
  protected void seed(EventId eventId, AnalyzeResult result) {
    DB.dsl()
        .execute(
            "INSERT INTO result_outbox (event_id, message_id, result, next_attempt_at)"
                + " VALUES (?, ?, ?::jsonb, ?)",
            eventId.value(),
            eventId.value(),
            Json.write(StoredResult.fields(result)),
            java.sql.Timestamp.from(NOW));
  }

  /**
   * The claim runs after every stored result: on an outbox of mostly published rows it must read
   * only the claimable ones through their index, also in the generic plan a server-side prepared
   * statement ends up with. So must the operations sampler's count of what awaits publishing.
   */
  @Test
  void theClaimAndTheBacklogReadTheirIndexesNotTheWholeOutbox() {
    DB.execute(
        "INSERT INTO result_outbox (event_id, message_id, result, status, published_at,"
            + " next_attempt_at) SELECT 'e' || g, 'e' || g, '{}'::jsonb, 'PUBLISHED', now(), now()"
            + " FROM generate_series(1, 20000) g");
    DB.execute(
        "INSERT INTO result_outbox (event_id, message_id, result, next_attempt_at) SELECT 'p' || g,"
            + " 'p' || g, '{}'::jsonb, now() FROM generate_series(1, 20) g");
    DB.execute("ANALYZE result_outbox");
    assertThat(
            genericPlan(JooqResultOutboxAdapter.CLAIM, "'r', now() + interval '30 s', now(), 50"))
        .as("the claim's generic plan")
        .contains("idx_result_outbox_claimable")
        .doesNotContain("Seq Scan on result_outbox");
    assertThat(genericPlan(JooqResultOutboxAdapter.EXPIRED_LEASES, "now(), 50"))
        .as("the lease watch's generic plan")
        .contains("idx_result_outbox_publishing")
        .doesNotContain("Seq Scan on result_outbox");

    String backlogPlan =
        DB
            .dsl()
            .fetch(
                "EXPLAIN SELECT count(*), min(created_at) FROM result_outbox"
                    + " WHERE status IN ('PENDING', 'FAILED', 'PUBLISHING')")
            .stream()
            .map((Record r) -> r.get(0, String.class))
            .collect(Collectors.joining("\n"));
    assertThat(backlogPlan)
        .as("the sampler's backlog")
        .contains("idx_result_outbox_awaiting")
        .doesNotContain("Seq Scan");
  }

  /** The plan a server-prepared {@code statement} ends up with, executed with {@code values}. */
  private static String genericPlan(CachedStatement statement, String values) {
    int n = 0;
    StringBuilder numbered = new StringBuilder();
    for (char c : statement.sql().toCharArray()) {
      if (c == '?') {
        numbered.append('$').append(++n);
      } else {
        numbered.append(c);
      }
    }
    return DB.dsl()
        .transactionResult(
            cfg -> {
              var tx = org.jooq.impl.DSL.using(cfg);
              tx.execute("SET LOCAL plan_cache_mode = force_generic_plan");
              tx.execute("PREPARE planned AS " + numbered);
              String plan =
                  tx.fetch("EXPLAIN EXECUTE planned(" + values + ")").stream()
                      .map(r -> r.get(0, String.class))
                      .collect(Collectors.joining("\n"));
              tx.execute("DEALLOCATE planned");
              return plan;
            });
  }
}
