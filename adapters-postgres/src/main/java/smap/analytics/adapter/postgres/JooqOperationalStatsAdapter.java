package smap.analytics.adapter.postgres;

import org.jooq.DSLContext;
import org.jooq.Record;
import smap.analytics.application.port.out.OperationalStatsPort;

/**
 * Adapter: the outbox backlog, unroutable results, the oldest pending result's age (by the
 * database's clock, so instance clocks do not matter) and parked batches, in one statement.
 */
public final class JooqOperationalStatsAdapter implements OperationalStatsPort {

  private static final String SQL =
      """
      SELECT
        (SELECT count(*) FROM result_outbox WHERE status IN ('PENDING', 'FAILED', 'PUBLISHING'))
          AS backlog,
        (SELECT count(*) FROM result_outbox WHERE status = 'UNROUTABLE') AS unroutable,
        (SELECT coalesce(extract(epoch FROM now() - min(created_at)), 0)
           FROM result_outbox WHERE status IN ('PENDING', 'FAILED', 'PUBLISHING'))
          AS oldest_pending,
        (SELECT count(*) FROM batch_ledger WHERE status = 'PARKED') AS parked
      """;

  private final DSLContext dsl;

  public JooqOperationalStatsAdapter(DSLContext dsl) {
    this.dsl = dsl;
  }

  @Override
  public OperationalStats read() {
    try {
      Record row = dsl.fetchOne(SQL);
      return new OperationalStats(
          row.get("backlog", Long.class),
          row.get("unroutable", Long.class),
          Math.max(0, row.get("oldest_pending", Double.class)),
          row.get("parked", Long.class));
    } catch (RuntimeException e) {
      throw SqlFailures.translate(e);
    }
  }
}
