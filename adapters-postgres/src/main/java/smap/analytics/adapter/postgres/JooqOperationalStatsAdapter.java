package smap.analytics.adapter.postgres;

import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.currentInstant;
import static org.jooq.impl.DSL.extract;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.min;
import static org.jooq.impl.DSL.select;
import static smap.analytics.adapter.postgres.schema.Tables.BATCH_LEDGER;
import static smap.analytics.adapter.postgres.schema.Tables.RESULT_OUTBOX;

import java.util.stream.Stream;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.DatePart;
import org.jooq.Field;
import org.jooq.Record4;
import org.jooq.Table;
import org.jooq.impl.DSL;
import smap.analytics.application.port.out.OperationalStatsPort;
import smap.analytics.domain.batch.BatchStatus;
import smap.analytics.domain.outbox.OutboxStatus;

/**
 * Adapter: the outbox backlog, unroutable results, the oldest pending result's age (by the
 * database's clock, so instance clocks do not matter) and parked batches, in one statement.
 */
public final class JooqOperationalStatsAdapter implements OperationalStatsPort {

  // Statuses as literals, not bind values: the outbox's partial indexes name them, and a generic
  // plan of a prepared statement can only use such an index when the value is in the text.
  private static final Condition AWAITING =
      RESULT_OUTBOX.STATUS.in(
          Stream.of(OutboxStatus.PENDING, OutboxStatus.FAILED, OutboxStatus.PUBLISHING)
              .map(s -> inline(s.name()))
              .toList());

  private static final Field<Long> BACKLOG = count(RESULT_OUTBOX, AWAITING, "backlog");

  private static final Field<Long> UNROUTABLE =
      count(
          RESULT_OUTBOX,
          RESULT_OUTBOX.STATUS.eq(inline(OutboxStatus.UNROUTABLE.name())),
          "unroutable");

  private static final Field<Double> OLDEST_PENDING =
      field(
              select(
                      coalesce(
                              extract(
                                  currentInstant().minus(min(RESULT_OUTBOX.CREATED_AT)),
                                  DatePart.EPOCH),
                              inline(0))
                          // extract(epoch ...) is numeric: read it as a double.
                          .coerce(Double.class))
                  .from(RESULT_OUTBOX)
                  .where(AWAITING))
          .as("oldest_pending");

  private static final Field<Long> PARKED =
      count(BATCH_LEDGER, BATCH_LEDGER.STATUS.eq(inline(BatchStatus.PARKED.name())), "parked");

  /** A scalar subquery counting the rows of {@code table} that match {@code where}. */
  private static Field<Long> count(Table<?> table, Condition where, String name) {
    return field(select(DSL.count()).from(table).where(where)).coerce(Long.class).as(name);
  }

  private final DSLContext dsl;

  public JooqOperationalStatsAdapter(DSLContext dsl) {
    this.dsl = dsl;
  }

  @Override
  public OperationalStats read() {
    try {
      Record4<Long, Long, Double, Long> row =
          dsl.select(BACKLOG, UNROUTABLE, OLDEST_PENDING, PARKED).fetchSingle();
      return new OperationalStats(
          row.value1(), row.value2(), Math.max(0, row.value3()), row.value4());
    } catch (RuntimeException e) {
      throw SqlFailures.translate(e);
    }
  }
}
