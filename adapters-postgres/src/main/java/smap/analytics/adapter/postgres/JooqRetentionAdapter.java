package smap.analytics.adapter.postgres;

import static org.jooq.impl.DSL.currentInstant;
import static org.jooq.impl.DSL.select;
import static smap.analytics.adapter.postgres.schema.Tables.AUDIT_LOG;
import static smap.analytics.adapter.postgres.schema.Tables.BATCH_LEDGER;
import static smap.analytics.adapter.postgres.schema.Tables.CRAWL_ERRORS;
import static smap.analytics.adapter.postgres.schema.Tables.RESULT_OUTBOX;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import smap.analytics.application.port.out.RetentionPort;
import smap.analytics.domain.batch.BatchStatus;
import smap.analytics.domain.retention.RetainedData;

/**
 * Adapter: retention in PostgreSQL (typed jOOQ). Each call removes at most {@code limit} rows in
 * one statement that selects them by an indexed time column (rows a writer holds are skipped, never
 * waited for); a session advisory lock lets one instance prune at a time.
 */
public final class JooqRetentionAdapter implements RetentionPort {

  /** The advisory lock key of the retention job ("smap ret" in ASCII). */
  static final long LOCK_KEY = 0x736d617020726574L;

  /** Finished batches whose raw message is no longer needed (FAILED and PARKED are replayed). */
  private static final List<String> PRUNABLE_BODIES =
      List.of(BatchStatus.SUCCEEDED, BatchStatus.PARTIAL, BatchStatus.REJECTED).stream()
          .map(LedgerEntryMapper.STATUS::to)
          .toList();

  private final DSLContext dsl;

  public JooqRetentionAdapter(DSLContext dsl) {
    this.dsl = dsl;
  }

  @Override
  public boolean exclusively(Runnable work) {
    AtomicBoolean ran = new AtomicBoolean();
    try {
      dsl.connection(
          connection -> {
            if (!advisory(connection, "SELECT pg_try_advisory_lock(?)")) {
              return;
            }
            try {
              ran.set(true);
              work.run();
            } finally {
              advisory(connection, "SELECT pg_advisory_unlock(?)");
            }
          });
    } catch (RuntimeException e) {
      throw SqlFailures.translate(e);
    }
    return ran.get();
  }

  private static boolean advisory(java.sql.Connection connection, String sql)
      throws java.sql.SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setLong(1, LOCK_KEY);
      try (ResultSet rs = statement.executeQuery()) {
        return rs.next() && rs.getBoolean(1);
      }
    }
  }

  @Override
  public int prune(RetainedData data, Instant before, int limit) {
    try {
      return switch (data) {
        case RAW_BODIES -> {
          var l = BATCH_LEDGER;
          yield dsl.update(l)
              .set(l.RAW_BODY, new byte[0])
              .set(l.RAW_BODY_TRUNCATED, true)
              .set(l.RAW_BODY_PRUNED_AT, currentInstant())
              .where(
                  l.EVENT_ID.in(
                      select(l.EVENT_ID)
                          .from(l)
                          .where(l.RAW_BODY_PRUNED_AT.isNull())
                          .and(l.FINISHED_AT.lt(before))
                          .and(l.STATUS.in(PRUNABLE_BODIES))
                          .limit(limit)
                          .forUpdate()
                          .skipLocked()))
              .execute();
        }
        case SENT_OUTBOX ->
            delete(
                RESULT_OUTBOX,
                RESULT_OUTBOX.ID,
                RESULT_OUTBOX.STATUS.eq("PUBLISHED").and(RESULT_OUTBOX.PUBLISHED_AT.lt(before)),
                limit);
        case AUDIT -> delete(AUDIT_LOG, AUDIT_LOG.ID, AUDIT_LOG.AT.lt(before), limit);
        case CRAWL_ERRORS ->
            delete(CRAWL_ERRORS, CRAWL_ERRORS.ID, CRAWL_ERRORS.CREATED_AT.lt(before), limit);
      };
    } catch (RuntimeException e) {
      throw SqlFailures.translate(e);
    }
  }

  /** Deletes at most {@code limit} rows that are {@code due}, skipping rows a writer holds. */
  private int delete(Table<?> table, Field<Long> id, Condition due, int limit) {
    return dsl.deleteFrom(table)
        .where(id.in(select(id).from(table).where(due).limit(limit).forUpdate().skipLocked()))
        .execute();
  }
}
