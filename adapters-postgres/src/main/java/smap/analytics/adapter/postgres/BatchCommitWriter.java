package smap.analytics.adapter.postgres;

import static org.jooq.impl.DSL.castNull;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.insertInto;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.select;
import static smap.analytics.adapter.postgres.CachedStatement.param;
import static smap.analytics.adapter.postgres.LedgerEntryMapper.STATUS;
import static smap.analytics.adapter.postgres.LedgerEntryMapper.jsonb;
import static smap.analytics.adapter.postgres.schema.Tables.BATCH_LEDGER;
import static smap.analytics.adapter.postgres.schema.Tables.CRAWL_ERRORS;
import static smap.analytics.adapter.postgres.schema.Tables.RESULT_OUTBOX;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.CommonTableExpression;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Record1;
import org.jooq.TableField;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import smap.analytics.adapter.postgres.BatchRowsMapper.ErrorRowContext;
import smap.analytics.adapter.postgres.schema.tables.records.BatchLedgerRecord;
import smap.analytics.application.port.out.BatchCommit;
import smap.analytics.application.port.out.BatchFailure;
import smap.analytics.application.port.out.BatchLedgerPort.CommitOutcome;
import smap.analytics.domain.batch.AnalyzeResult;
import smap.analytics.domain.batch.BatchStatus;
import smap.analytics.domain.batch.EventId;
import smap.analytics.domain.error.ErrorSource;
import smap.analytics.domain.ledger.BatchCounts;
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
    Locked row = lock(tx, commit.eventId());
    if (row.status().terminal() && !commit.replay()) {
      return CommitOutcome.ALREADY_COMMITTED;
    }
    int replays = row.replays() + (commit.replay() ? 1 : 0);
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
            eventId, commit.projectId(), row.jobId(), row.batchIndex(), commit.finishedAt());
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
    Map<String, Object> set = new HashMap<>();
    set.put("set_status", STATUS.to(written.status()));
    set.put("set_project_id", commit.projectId());
    set.put("set_platform", commit.platform().name());
    set.put("set_items", counts.items());
    set.put("set_succeeded", counts.succeeded());
    set.put("set_crawler_errors", counts.crawlerErrors());
    set.put("set_analysis_errors", counts.analysisErrors());
    set.put("set_expected", counts.expected());
    set.put("set_fetch_ms", commit.fetchTime().toMillis());
    set.put("set_processing_ms", commit.processingTime().toMillis());
    finish(
        tx,
        COMMIT_END,
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
          Locked row = lock(tx, failure.eventId());
          if (row.status().terminal() && !failure.replay()) {
            return CommitOutcome.ALREADY_COMMITTED;
          }
          int replays = row.replays() + (failure.replay() ? 1 : 0);
          Map<String, Object> set = new HashMap<>();
          set.put("set_status", STATUS.to(failure.status()));
          set.put("set_project_id", failure.projectId());
          set.put("set_platform", failure.platform().name());
          set.put("set_last_error", Storable.reason(failure.reason(), ColumnLimits.LAST_ERROR));
          set.put("set_last_error_detail", Storable.reason(failure.detail(), MAX_DETAIL));
          finish(
              tx,
              FAIL_END,
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

  private static final CachedStatement LOCK =
      new CachedStatement(
          CachedStatement.RENDERER
              .select(
                  BATCH_LEDGER.STATUS,
                  BATCH_LEDGER.REPLAYS,
                  BATCH_LEDGER.JOB_ID,
                  BATCH_LEDGER.BATCH_INDEX)
              .from(BATCH_LEDGER)
              .where(BATCH_LEDGER.EVENT_ID.eq(param("event_id", BATCH_LEDGER.EVENT_ID)))
              .forUpdate());

  /** A commit's own columns: the counts, and no error any more. */
  private static final CachedStatement COMMIT_END =
      ending(
          Map.of(
              BATCH_LEDGER.LAST_ERROR, castNull(BATCH_LEDGER.LAST_ERROR),
              BATCH_LEDGER.LAST_ERROR_DETAIL, castNull(BATCH_LEDGER.LAST_ERROR_DETAIL)),
          BATCH_LEDGER.STATUS,
          BATCH_LEDGER.PROJECT_ID,
          BATCH_LEDGER.PLATFORM,
          BATCH_LEDGER.ITEMS,
          BATCH_LEDGER.SUCCEEDED,
          BATCH_LEDGER.CRAWLER_ERRORS,
          BATCH_LEDGER.ANALYSIS_ERRORS,
          BATCH_LEDGER.EXPECTED,
          BATCH_LEDGER.FETCH_MS,
          BATCH_LEDGER.PROCESSING_MS);

  /** A failure's own columns: its reason, and the project only where it is known. */
  private static final CachedStatement FAIL_END =
      ending(
          Map.of(
              BATCH_LEDGER.PROJECT_ID,
              coalesce(param("set_project_id", BATCH_LEDGER.PROJECT_ID), BATCH_LEDGER.PROJECT_ID)),
          BATCH_LEDGER.STATUS,
          BATCH_LEDGER.PLATFORM,
          BATCH_LEDGER.LAST_ERROR,
          BATCH_LEDGER.LAST_ERROR_DETAIL);

  /**
   * The ledger's final state (the caller's columns as parameters set_&lt;column&gt;, {@code fixed}
   * as given, then what every end writes), the attempt closed and, when publish is true, the outbox
   * row, in one statement.
   */
  private static CachedStatement ending(
      Map<Field<?>, Field<?>> fixed, TableField<BatchLedgerRecord, ?>... own) {
    var l = BATCH_LEDGER;
    var o = RESULT_OUTBOX;
    Map<Field<?>, Field<?>> set = new LinkedHashMap<>();
    for (TableField<BatchLedgerRecord, ?> column : own) {
      set.put(column, param("set_" + column.getName(), column));
    }
    set.putAll(fixed);
    set.put(l.FLAGS, param("set_flags", l.FLAGS));
    set.put(l.WARNINGS, param("set_warnings", l.WARNINGS));
    set.put(l.FINISHED_AT, param("set_finished_at", l.FINISHED_AT));
    set.put(l.REPLAYS, param("set_replays", l.REPLAYS));
    set.put(l.RESULT, coalesce(param("set_result", l.RESULT), l.RESULT));
    set.put(l.NEXT_ATTEMPT_AT, castNull(l.NEXT_ATTEMPT_AT));
    set.put(l.UPDATED_AT, param("set_updated_at", l.UPDATED_AT));
    CommonTableExpression<Record1<Long>> outbox =
        name("outbox")
            .as(
                insertInto(o, o.EVENT_ID, o.MESSAGE_ID, o.RESULT, o.CREATED_AT, o.NEXT_ATTEMPT_AT)
                    .select(
                        select(
                                param("outbox_event_id", o.EVENT_ID),
                                param("outbox_message_id", o.MESSAGE_ID),
                                param("outbox_result", o.RESULT),
                                param("outbox_created_at", o.CREATED_AT),
                                param("outbox_next_attempt_at", o.NEXT_ATTEMPT_AT))
                            .where(DSL.param("publish", SQLDataType.BOOLEAN).isTrue()))
                    .onConflict(o.MESSAGE_ID)
                    .doNothing()
                    .returningResult(o.ID));
    return new CachedStatement(
        CachedStatement.RENDERER
            .with(LedgerAttempts.close())
            .with(outbox)
            .update(l)
            .set(set)
            .where(l.EVENT_ID.eq(param("event_id", l.EVENT_ID))));
  }

  /**
   * Ends the attempt with {@code statement}: the ledger's final state, the attempt closed and, with
   * a result, the outbox row. The result's JSON is written once, for the ledger and the outbox.
   */
  private static void finish(
      DSLContext tx, CachedStatement statement, Map<String, Object> values, Ending end) {
    String eventId = end.eventId().value();
    JSONB result = end.result() == null ? null : jsonb(StoredResult.fields(end.result()));
    values.putAll(LedgerAttempts.closing(eventId, end.status(), end.error(), end.at()));
    values.put("set_flags", jsonb(end.flags()));
    values.put("set_warnings", jsonb(Storable.warnings(end.warnings())));
    values.put("set_finished_at", end.at());
    values.put("set_replays", end.replays());
    values.put("set_result", result);
    values.put("set_updated_at", end.at());
    values.put("outbox_event_id", eventId);
    values.put("outbox_message_id", end.replay() ? eventId + "#replay-" + end.replays() : eventId);
    values.put("outbox_result", result);
    values.put("outbox_created_at", end.at());
    values.put("outbox_next_attempt_at", end.at());
    values.put("publish", result != null);
    values.put("event_id", eventId);
    statement.execute(tx, values);
  }

  /** The ledger row's columns a commit needs, read with the row locked. */
  private record Locked(BatchStatus status, int replays, String jobId, Integer batchIndex) {}

  private static Locked lock(DSLContext tx, EventId eventId) {
    Locked row =
        LOCK.query(
            tx,
            Map.of("event_id", eventId.value()),
            rows ->
                rows.next()
                    ? new Locked(
                        STATUS.from(rows.getString(1)),
                        rows.getInt(2),
                        rows.getString(3),
                        (Integer) rows.getObject(4))
                    : null);
    if (row == null) {
      throw new IllegalStateException("no ledger entry for " + eventId + "; begin() first");
    }
    return row;
  }
}
