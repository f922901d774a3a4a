package smap.analytics.adapter.postgres.console;

import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.sum;
import static smap.analytics.adapter.postgres.schema.Tables.BATCH_LEDGER;
import static smap.analytics.adapter.postgres.schema.Tables.RESULT_OUTBOX;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.conf.Settings;
import org.jooq.conf.SettingsTools;
import smap.analytics.application.port.out.console.ConsoleQueryPort;
import smap.analytics.domain.batch.EventId;
import smap.analytics.domain.console.BatchDetail;
import smap.analytics.domain.console.BatchFilter;
import smap.analytics.domain.console.BatchRow;
import smap.analytics.domain.console.Count;
import smap.analytics.domain.console.Cursor;
import smap.analytics.domain.console.ErrorGroup;
import smap.analytics.domain.console.ErrorRow;
import smap.analytics.domain.console.SeriesPoint;
import smap.analytics.domain.console.Throughput;

/**
 * Adapter: the console's queries in typed jOOQ: the batch list ({@link BatchPageQuery}), one
 * batch's page ({@link BatchDetailQuery}), the error report ({@link ErrorReportQuery}) and the
 * overview's counts.
 */
public final class JooqConsoleQueryAdapter implements ConsoleQueryPort {

  private final DSLContext dsl;
  private final BatchPageQuery batches;
  private final BatchDetailQuery detail;
  private final ErrorReportQuery errors;
  private final Executor parallel;

  /** Queries on {@code dsl}; the error page's two aggregations run one after the other. */
  public JooqConsoleQueryAdapter(DSLContext dsl) {
    this(dsl, Runnable::run);
  }

  /**
   * Queries on {@code dsl}; the error page's second aggregation runs on {@code parallel} (a bounded
   * executor: when it refuses, the aggregation runs on the calling thread instead).
   */
  public JooqConsoleQueryAdapter(DSLContext dsl, Executor parallel) {
    this.dsl = timesBoundNatively(dsl);
    this.batches = new BatchPageQuery(this.dsl);
    this.detail = new BatchDetailQuery(this.dsl);
    this.errors = new ErrorReportQuery(this.dsl);
    this.parallel = parallel;
  }

  /**
   * {@code dsl} binding an Instant as a timestamptz value instead of text. jOOQ binds it as text by
   * default and casts it in the statement; that cast is not constant-folded, so a window scan
   * evaluated it per row: the error groups and series over a million rows took three times as long
   * as with the timestamps the plain-SQL queries bound.
   */
  private static DSLContext timesBoundNatively(DSLContext dsl) {
    Settings settings = SettingsTools.clone(dsl.settings()).withBindOffsetDateTimeType(true);
    return dsl.configuration().derive(settings).dsl();
  }

  @Override
  public List<BatchRow> batches(BatchFilter filter, Cursor after, int limit) {
    return batches.page(filter, after, limit);
  }

  @Override
  public Optional<BatchDetail> batch(EventId eventId) {
    return detail.find(eventId);
  }

  @Override
  public List<ErrorGroup> errorGroups(Instant from, Instant to, String source) {
    return errors.groups(from, to, source);
  }

  @Override
  public ErrorAggregates errorAggregates(
      Instant from, Instant to, long bucketSeconds, String source) {
    // Two scans on two connections at once: about as fast as one (a GROUPING SETS query that does
    // both in one scan measured four times slower: it sorts instead of hashing).
    CompletableFuture<List<SeriesPoint>> series;
    try {
      series =
          CompletableFuture.supplyAsync(
              () -> errors.series(from, to, bucketSeconds, source), parallel);
    } catch (RejectedExecutionException busy) {
      series = CompletableFuture.completedFuture(errors.series(from, to, bucketSeconds, source));
    }
    List<ErrorGroup> groups = errors.groups(from, to, source);
    try {
      return new ErrorAggregates(groups, series.join());
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  @Override
  public List<SeriesPoint> errorSeries(
      Instant from, Instant to, long bucketSeconds, String source) {
    return errors.series(from, to, bucketSeconds, source);
  }

  @Override
  public List<ErrorRow> errors(String code, Instant from, Instant to, int limit) {
    return errors.rows(code, from, to, limit);
  }

  @Override
  public List<Throughput> throughput(Instant from, Instant to) {
    var l = BATCH_LEDGER;
    return dsl.select(
            l.PLATFORM,
            l.STATUS,
            count().coerce(Long.class),
            total(sum(l.ITEMS)),
            total(sum(l.SUCCEEDED)),
            total(sum(l.CRAWLER_ERRORS.plus(l.ANALYSIS_ERRORS))))
        .from(l)
        .where(l.FINISHED_AT.ge(from))
        .and(l.FINISHED_AT.lt(to))
        .groupBy(l.PLATFORM, l.STATUS)
        .orderBy(l.PLATFORM, l.STATUS)
        .fetch(
            r ->
                new Throughput(
                    r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6()));
  }

  /** A sum over integer columns (bigint in PostgreSQL), 0 over no rows. */
  private static Field<Long> total(Field<?> sum) {
    return coalesce(sum.coerce(Long.class), inline(0L));
  }

  @Override
  public List<Count> outbox() {
    return dsl.select(RESULT_OUTBOX.STATUS, count().coerce(Long.class))
        .from(RESULT_OUTBOX)
        .groupBy(RESULT_OUTBOX.STATUS)
        .orderBy(RESULT_OUTBOX.STATUS)
        .fetch(r -> new Count(r.value1(), r.value2()));
  }
}
