package smap.analytics.adapter.postgres;

import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.insertInto;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.val;
import static smap.analytics.adapter.postgres.LedgerEntryMapper.STATUS;
import static smap.analytics.adapter.postgres.LedgerEntryMapper.jsonb;
import static smap.analytics.adapter.postgres.schema.Tables.BATCH_LEDGER;
import static smap.analytics.adapter.postgres.schema.Tables.CRAWL_ERRORS;
import static smap.analytics.adapter.postgres.schema.Tables.RESULT_OUTBOX;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.CommonTableExpression;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.impl.DSL;
import smap.analytics.adapter.postgres.BatchRowsMapper.ErrorRowContext;
import smap.analytics.adapter.postgres.schema.tables.records.BatchLedgerRecord;
import smap.analytics.application.port.out.BatchCommit;
import smap.analytics.application.port.out.BatchCounts;
import smap.analytics.application.port.out.BatchFailure;
import smap.analytics.application.port.out.BatchLedgerPort.CommitOutcome;
import smap.analytics.domain.batch.AnalyzeResult;
import smap.analytics.domain.batch.BatchStatus;
import smap.analytics.domain.batch.EventId;
import smap.analytics.domain.error.ErrorSource;
import smap.analytics.domain.storable.ColumnLimits;
import smap.analytics.domain.storable.Storable;

/**
 * A batch's end, in one transaction that locks the ledger row first (so concurrent deliveries of
 * one event apply its effects once): its rows, then the ledger's final state, the attempt's close
 * and the outbox row in one statement. The rows are first written without savepoints; when the
 * database refuses one, the transaction is rolled back and done again with {@link
 * BatchRowsWriter#writeIsolated}, which finds the refused rows.
 */
final class BatchCommitWriter {

  /** Bound of a stored stack trace or longer explanation of a failure. */
  private static final int MAX_DETAIL = 16_000;

  private BatchCommitWriter() {}

  /** The fast attempt met a refused row: the transaction is done again, isolating rows. */
  private static final class RowsRefused extends RuntimeException {
    RowsRefused(RuntimeException cause) {
      super(cause.getMessage(), cause, false, false);
    }
  }

  static CommitOutcome commit(DSLContext dsl, BatchCommit commit) {
    try {
      return dsl.transactionResult(cfg -> commit(DSL.using(cfg), commit, false));
    } catch (RowsRefused refused) {
      return dsl.transactionResult(cfg -> commit(DSL.using(cfg), commit, true));
    }
  }

  private static CommitOutcome commit(DSLContext tx, BatchCommit commit, boolean isolate) {
    BatchLedgerRecord row = lock(tx, commit.eventId());
    if (STATUS.from(row.getStatus()).terminal() && !commit.replay()) {
      return CommitOutcome.ALREADY_COMMITTED;
    }
    int replays = row.getReplays() + (commit.replay() ? 1 : 0);
    String eventId = commit.eventId().value();
    if (commit.replay()) {
      tx.deleteFrom(CRAWL_ERRORS)
          .where(CRAWL_ERRORS.EVENT_ID.eq(eventId))
          .and(
              CRAWL_ERRORS.SOURCE.eq(
                  ErrorSource.ANALYTICS.name().toLowerCase(java.util.Locale.ROOT)))
          .execute();
    }
    ErrorRowContext batch =
        new ErrorRowContext(
            eventId, commit.projectId(), row.getJobId(), row.getBatchIndex(), commit.finishedAt());
    BatchCommit written = commit;
    if (isolate) {
      written = BatchRowsWriter.writeIsolated(tx, commit, batch);
    } else {
      try {
        BatchRowsWriter.writeAll(tx, commit, batch);
      } catch (RuntimeException e) {
        if (SqlFailures.unavailable(e)) {
          throw e;
        }
        throw new RowsRefused(e);
      }
    }
    BatchCounts counts = written.counts();
    var l = BATCH_LEDGER;
    Map<Field<?>, Object> set = new LinkedHashMap<>();
    set.put(l.STATUS, STATUS.to(written.status()));
    set.put(l.PROJECT_ID, commit.projectId());
    set.put(l.PLATFORM, commit.platform());
    set.put(l.ITEMS, counts.items());
    set.put(l.SUCCEEDED, counts.succeeded());
    set.put(l.CRAWLER_ERRORS, counts.crawlerErrors());
    set.put(l.ANALYSIS_ERRORS, counts.analysisErrors());
    set.put(l.EXPECTED, counts.expected());
    set.put(l.LAST_ERROR, null);
    set.put(l.LAST_ERROR_DETAIL, null);
    set.put(l.FETCH_MS, commit.fetchTime().toMillis());
    set.put(l.PROCESSING_MS, commit.processingTime().toMillis());
    finish(
        tx,
        set,
        new Ending(
            commit.eventId(),
            written.status(),
            null,
            commit.flags(),
            written.warnings(),
            written.result(),
            commit.replay(),
            replays,
            commit.finishedAt()));
    return CommitOutcome.COMMITTED;
  }

  static CommitOutcome fail(DSLContext dsl, BatchFailure failure) {
    return dsl.transactionResult(
        cfg -> {
          DSLContext tx = DSL.using(cfg);
          BatchLedgerRecord row = lock(tx, failure.eventId());
          if (STATUS.from(row.getStatus()).terminal() && !failure.replay()) {
            return CommitOutcome.ALREADY_COMMITTED;
          }
          int replays = row.getReplays() + (failure.replay() ? 1 : 0);
          var l = BATCH_LEDGER;
          Map<Field<?>, Object> set = new LinkedHashMap<>();
          set.put(l.STATUS, STATUS.to(failure.status()));
          set.put(l.PROJECT_ID, coalesce(val(failure.projectId(), l.PROJECT_ID), l.PROJECT_ID));
          set.put(l.PLATFORM, failure.platform());
          set.put(l.LAST_ERROR, Storable.reason(failure.reason(), ColumnLimits.LAST_ERROR));
          set.put(l.LAST_ERROR_DETAIL, Storable.reason(failure.detail(), MAX_DETAIL));
          finish(
              tx,
              set,
              new Ending(
                  failure.eventId(),
                  failure.status(),
                  failure.reason(),
                  failure.flags(),
                  failure.warnings(),
                  failure.result(),
                  failure.replay(),
                  replays,
                  failure.finishedAt()));
          return CommitOutcome.COMMITTED;
        });
  }

  /** What every end of an attempt writes besides its own columns. */
  private record Ending(
      EventId eventId,
      BatchStatus status,
      String error,
      Map<String, Boolean> flags,
      List<String> warnings,
      AnalyzeResult result,
      boolean replay,
      int replays,
      Instant at) {}

  /**
   * The ledger's final state with {@code set}, the attempt closed and, with a result, the outbox
   * row, in one statement. The result's JSON is written once, for the ledger and the outbox.
   */
  private static void finish(DSLContext tx, Map<Field<?>, Object> set, Ending end) {
    var l = BATCH_LEDGER;
    String eventId = end.eventId().value();
    JSONB result = end.result() == null ? null : jsonb(end.result().fields());
    set.put(l.FLAGS, jsonb(end.flags()));
    set.put(l.WARNINGS, jsonb(Storable.warnings(end.warnings())));
    set.put(l.FINISHED_AT, end.at());
    set.put(l.REPLAYS, end.replays());
    if (result != null) {
      set.put(l.RESULT, result);
    }
    set.put(l.NEXT_ATTEMPT_AT, null);
    set.put(l.UPDATED_AT, end.at());
    List<CommonTableExpression<?>> also = new ArrayList<>();
    also.add(LedgerAttempts.close(eventId, end.status(), end.error(), end.at()));
    if (result != null) {
      var o = RESULT_OUTBOX;
      String messageId = end.replay() ? eventId + "#replay-" + end.replays() : eventId;
      also.add(
          name("outbox")
              .as(
                  insertInto(o)
                      .set(o.EVENT_ID, eventId)
                      .set(o.MESSAGE_ID, messageId)
                      .set(o.RESULT, result)
                      .set(o.CREATED_AT, end.at())
                      .set(o.NEXT_ATTEMPT_AT, end.at())
                      .onConflict(o.MESSAGE_ID)
                      .doNothing()
                      .returningResult(o.ID)));
    }
    tx.with(also).update(l).set(set).where(l.EVENT_ID.eq(eventId)).execute();
  }

  private static BatchLedgerRecord lock(DSLContext tx, EventId eventId) {
    var l = BATCH_LEDGER;
    BatchLedgerRecord row =
        tx.select(l.STATUS, l.REPLAYS, l.JOB_ID, l.BATCH_INDEX)
            .from(l)
            .where(l.EVENT_ID.eq(eventId.value()))
            .forUpdate()
            .fetchOneInto(l);
    if (row == null) {
      throw new IllegalStateException("no ledger entry for " + eventId + "; begin() first");
    }
    return row;
  }
}
