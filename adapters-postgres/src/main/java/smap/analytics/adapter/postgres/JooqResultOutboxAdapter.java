package smap.analytics.adapter.postgres;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import smap.analytics.application.port.out.OutboxMessage;
import smap.analytics.application.port.out.ResultOutboxPort;
import smap.analytics.domain.batch.AnalyzeResult;
import smap.analytics.domain.batch.EventId;

/**
 * Adapter: the result outbox in PostgreSQL. Claims take a lease with {@code FOR UPDATE SKIP
 * LOCKED}, so relays in several instances never publish the same row at once.
 */
public final class JooqResultOutboxAdapter implements ResultOutboxPort {

  /** How long a claimed row is hidden from other relays. */
  static final Duration LEASE = Duration.ofSeconds(30);

  private final DSLContext dsl;

  public JooqResultOutboxAdapter(DSLContext dsl) {
    this.dsl = dsl;
  }

  @Override
  public List<OutboxMessage> claimDue(int limit, Instant now) {
    try {
      return dsl.transactionResult(
          cfg -> {
            DSLContext tx = DSL.using(cfg);
            List<OutboxMessage> claimed = new ArrayList<>();
            for (Record row :
                tx.fetch(
                    "SELECT id, event_id, message_id, result::text AS result, attempts FROM result_outbox"
                        + " WHERE status IN ('PENDING', 'FAILED') AND next_attempt_at <= ?"
                        + " ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED",
                    JooqBatchLedgerAdapter.ts(now),
                    limit)) {
              long id = row.get("id", Long.class);
              tx.execute(
                  "UPDATE result_outbox SET next_attempt_at = ?, attempts = attempts + 1 WHERE id = ?",
                  JooqBatchLedgerAdapter.ts(now.plus(LEASE)),
                  id);
              Map<String, Object> result = Json.readMap(row.get("result", String.class));
              claimed.add(
                  new OutboxMessage(
                      id,
                      EventId.of(row.get("event_id", String.class)),
                      row.get("message_id", String.class),
                      new AnalyzeResult(
                          (String) result.get("project_id"),
                          (String) result.get("job_id"),
                          ((Number) result.get("batch_size")).intValue(),
                          ((Number) result.get("success_count")).intValue(),
                          ((Number) result.get("error_count")).intValue()),
                      row.get("attempts", Integer.class) + 1));
            }
            return claimed;
          });
    } catch (RuntimeException e) {
      throw SqlFailures.translate(e);
    }
  }

  @Override
  public void markPublished(long id, Instant at) {
    update(
        "UPDATE result_outbox SET status = 'PUBLISHED', published_at = ?, last_error = NULL WHERE id = ?",
        JooqBatchLedgerAdapter.ts(at),
        id);
  }

  @Override
  public void markUnroutable(long id, Instant at) {
    update(
        "UPDATE result_outbox SET status = 'UNROUTABLE', published_at = ?, last_error ="
            + " 'returned by the broker: no queue bound for the routing key' WHERE id = ?",
        JooqBatchLedgerAdapter.ts(at),
        id);
  }

  @Override
  public void markFailed(long id, String error, Instant retryAt) {
    update(
        "UPDATE result_outbox SET status = 'FAILED', last_error = ?, next_attempt_at = ? WHERE id = ?",
        error,
        JooqBatchLedgerAdapter.ts(retryAt),
        id);
  }

  @Override
  public long backlog() {
    try {
      return ((Number)
              dsl.fetchValue(
                  "SELECT count(*) FROM result_outbox WHERE status IN ('PENDING', 'FAILED')"))
          .longValue();
    } catch (RuntimeException e) {
      throw SqlFailures.translate(e);
    }
  }

  /** Results the broker returned as unroutable, for the console's banner. */
  public long unroutable() {
    try {
      return ((Number)
              dsl.fetchValue("SELECT count(*) FROM result_outbox WHERE status = 'UNROUTABLE'"))
          .longValue();
    } catch (RuntimeException e) {
      throw SqlFailures.translate(e);
    }
  }

  private void update(String sql, Object... binds) {
    try {
      dsl.execute(sql, binds);
    } catch (RuntimeException e) {
      throw SqlFailures.translate(e);
    }
  }
}
