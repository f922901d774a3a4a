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
import org.jooq.DSLContext;
import smap.analytics.application.port.out.RetainedData;
import smap.analytics.application.port.out.RetentionPort;
import smap.analytics.domain.batch.BatchStatus;

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
        case SENT_OUTBOX -> {
          var o = RESULT_OUTBOX;
          yield dsl.deleteFrom(o)
              .where(
                  o.ID.in(
                      select(o.ID)
                          .from(o)
                          .where(o.STATUS.eq("PUBLISHED"))
                          .and(o.PUBLISHED_AT.lt(before))
                          .limit(limit)
                          .forUpdate()
                          .skipLocked()))
              .execute();
        }
        case AUDIT -> {
          var a = AUDIT_LOG;
          yield dsl.deleteFrom(a)
              .where(
                  a.ID.in(
                      select(a.ID)
                          .from(a)
                          .where(a.AT.lt(before))
                          .limit(limit)
                          .forUpdate()
                          .skipLocked()))
              .execute();
        }
        case CRAWL_ERRORS -> {
          var e = CRAWL_ERRORS;
          yield dsl.deleteFrom(e)
              .where(
                  e.ID.in(
                      select(e.ID)
                          .from(e)
                          .where(e.CREATED_AT.lt(before))
                          .limit(limit)
                          .forUpdate()
                          .skipLocked()))
              .execute();
        }
      };
    } catch (RuntimeException e) {
      throw SqlFailures.translate(e);
    }
  }
}
