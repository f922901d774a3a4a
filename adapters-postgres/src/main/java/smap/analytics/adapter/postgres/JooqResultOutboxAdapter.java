package smap.analytics.adapter.postgres;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import smap.analytics.application.port.out.OutboxMessage;
import smap.analytics.application.port.out.ResultOutboxPort;
import smap.analytics.domain.batch.AnalyzeResult;
import smap.analytics.domain.batch.EventId;

/**
 * Adapter: the result outbox in PostgreSQL. Claims take rows with {@code FOR UPDATE SKIP LOCKED}
 * and mark them PUBLISHING under this relay's name with a lease, so relays in several instances
 * never publish the same row at once; a takeover is a compare-and-set on the lease's beat.
 */
public final class JooqResultOutboxAdapter implements ResultOutboxPort {

  /** How long a claimed row is hidden from other relays by default. */
  static final Duration LEASE = Duration.ofSeconds(30);

  private static final String COLUMNS =
      "id, event_id, message_id, result::text AS result, attempts";

  private final DSLContext dsl;
  private final String relay;
  private final Duration lease;

  /** A relay with a name of its own and the default lease (tests and the console's counts). */
  public JooqResultOutboxAdapter(DSLContext dsl) {
    this(dsl, "relay-" + java.util.UUID.randomUUID(), LEASE);
  }

  /**
   * @param relay this relay's name, unique per process (a restarted process must not inherit the
   *     rows of its previous life)
   * @param lease how long a claim or renewal holds a row
   */
  public JooqResultOutboxAdapter(DSLContext dsl, String relay, Duration lease) {
    this.dsl = dsl;
    this.relay = relay;
    this.lease = lease;
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
                    "SELECT "
                        + COLUMNS
                        + " FROM result_outbox WHERE status IN ('PENDING', 'FAILED') AND"
                        + " next_attempt_at <= ? ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED",
                    JooqBatchLedgerAdapter.ts(now),
                    limit)) {
              tx.execute(
                  "UPDATE result_outbox SET status = 'PUBLISHING', claimed_by = ?,"
                      + " next_attempt_at = ?, attempts = attempts + 1, lease_beat = lease_beat + 1"
                      + " WHERE id = ?",
                  relay,
                  JooqBatchLedgerAdapter.ts(now.plus(lease)),
                  row.get("id", Long.class));
              claimed.add(message(row, 1));
            }
            return claimed;
          });
    } catch (RuntimeException e) {
      throw SqlFailures.translate(e);
    }
  }

  private static OutboxMessage message(Record row, int counted) {
    Map<String, Object> result = Json.readMap(row.get("result", String.class));
    return new OutboxMessage(
        row.get("id", Long.class),
        EventId.of(row.get("event_id", String.class)),
        row.get("message_id", String.class),
        new AnalyzeResult(
            (String) result.get("project_id"),
            (String) result.get("job_id"),
            ((Number) result.get("batch_size")).intValue(),
            ((Number) result.get("success_count")).intValue(),
            ((Number) result.get("error_count")).intValue()),
        row.get("attempts", Integer.class) + counted);
  }

  @Override
  public void release(long id, Instant now) {
    update(
        "UPDATE result_outbox SET status = CASE WHEN attempts > 1 THEN 'FAILED' ELSE 'PENDING' END,"
            + " attempts = attempts - 1, next_attempt_at = ? WHERE id = ? AND claimed_by = ? AND"
            + " status = 'PUBLISHING'",
        JooqBatchLedgerAdapter.ts(now),
        id,
        relay);
  }

  @Override
  public void renew(Collection<Long> ids, Instant now) {
    if (ids.isEmpty()) {
      return;
    }
    update(
        "UPDATE result_outbox SET next_attempt_at = ?, lease_beat = lease_beat + 1 WHERE id ="
            + " ANY(?) AND claimed_by = ? AND status = 'PUBLISHING'",
        JooqBatchLedgerAdapter.ts(now.plus(lease)),
        ids.toArray(Long[]::new),
        relay);
  }

  @Override
  public List<Lease> expiredLeases(int limit, Instant now) {
    try {
      List<Lease> leases = new ArrayList<>();
      for (Record row :
          dsl.fetch(
              "SELECT id, claimed_by, lease_beat FROM result_outbox WHERE status = 'PUBLISHING' AND"
                  + " next_attempt_at <= ? ORDER BY id LIMIT ?",
              JooqBatchLedgerAdapter.ts(now),
              limit)) {
        leases.add(
            new Lease(
                row.get("id", Long.class),
                row.get("claimed_by", String.class),
                row.get("lease_beat", Long.class)));
      }
      return leases;
    } catch (RuntimeException e) {
      throw SqlFailures.translate(e);
    }
  }

  @Override
  public Optional<OutboxMessage> takeOver(long id, long beat, Instant now) {
    try {
      Record row =
          dsl.fetchOne(
              "UPDATE result_outbox SET claimed_by = ?, next_attempt_at = ?, attempts = attempts +"
                  + " 1, lease_beat = lease_beat + 1 WHERE id = ? AND status = 'PUBLISHING' AND"
                  + " lease_beat = ? RETURNING "
                  + COLUMNS,
              relay,
              JooqBatchLedgerAdapter.ts(now.plus(lease)),
              id,
              beat);
      return Optional.ofNullable(row).map(r -> message(r, 0));
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
                  "SELECT count(*) FROM result_outbox WHERE status IN ('PENDING', 'FAILED',"
                      + " 'PUBLISHING')"))
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
