package smap.analytics.adapter.postgres;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jooq.DSLContext;
import smap.analytics.application.port.out.RetentionPort;
import smap.analytics.domain.retention.RetainedData;

/**
 * Adapter: retention in PostgreSQL. Each call removes at most {@code limit} rows in one statement
 * that selects them by an indexed time column (rows a writer holds are skipped, never waited for);
 * a session advisory lock lets one instance prune at a time.
 */
public final class JooqRetentionAdapter implements RetentionPort {

  /** The advisory lock key of the retention job ("smap ret" in ASCII). */
  static final long LOCK_KEY = 0x736d617020726574L;

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
    String cutoff = before.toString();
    try {
      return switch (data) {
        case RAW_BODIES ->
            dsl.execute(
                "UPDATE batch_ledger SET raw_body = ''::bytea, raw_body_truncated = true,"
                    + " raw_body_pruned_at = now() WHERE event_id IN (SELECT event_id FROM"
                    + " batch_ledger WHERE raw_body_pruned_at IS NULL AND finished_at < CAST(? AS timestamptz) AND status"
                    + " IN ('SUCCEEDED', 'PARTIAL', 'REJECTED') LIMIT ? FOR UPDATE SKIP LOCKED)",
                cutoff,
                limit);
        case SENT_OUTBOX ->
            dsl.execute(
                "DELETE FROM result_outbox WHERE id IN (SELECT id FROM result_outbox WHERE status ="
                    + " 'PUBLISHED' AND published_at < CAST(? AS timestamptz) LIMIT ? FOR UPDATE SKIP LOCKED)",
                cutoff,
                limit);
        case AUDIT ->
            dsl.execute(
                "DELETE FROM audit_log WHERE id IN (SELECT id FROM audit_log WHERE at < CAST(? AS timestamptz) LIMIT ?"
                    + " FOR UPDATE SKIP LOCKED)",
                cutoff,
                limit);
        case CRAWL_ERRORS ->
            dsl.execute(
                "DELETE FROM crawl_errors WHERE id IN (SELECT id FROM crawl_errors WHERE created_at"
                    + " < CAST(? AS timestamptz) LIMIT ? FOR UPDATE SKIP LOCKED)",
                cutoff,
                limit);
      };
    } catch (RuntimeException e) {
      throw SqlFailures.translate(e);
    }
  }
}
