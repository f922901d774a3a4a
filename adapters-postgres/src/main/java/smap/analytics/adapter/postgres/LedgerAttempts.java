package smap.analytics.adapter.postgres;

import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.excluded;
import static org.jooq.impl.DSL.exists;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.insertInto;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.selectFrom;
import static org.jooq.impl.DSL.selectOne;
import static org.jooq.impl.DSL.trueCondition;
import static org.jooq.impl.DSL.update;
import static org.jooq.impl.DSL.val;
import static org.jooq.impl.DSL.when;
import static smap.analytics.adapter.postgres.LedgerEntryMapper.STATUS;
import static smap.analytics.adapter.postgres.schema.Tables.BATCH_ATTEMPTS;
import static smap.analytics.adapter.postgres.schema.Tables.BATCH_LEDGER;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.CommonTableExpression;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Record1;
import org.jooq.Record2;
import smap.analytics.adapter.postgres.schema.tables.BatchAttempts;
import smap.analytics.adapter.postgres.schema.tables.records.BatchLedgerRecord;
import smap.analytics.application.port.out.BatchEntry;
import smap.analytics.application.port.out.BatchLedgerPort.AttemptStart;
import smap.analytics.application.port.out.BatchStart;
import smap.analytics.domain.batch.BatchStatus;
import smap.analytics.domain.batch.EventId;
import smap.analytics.domain.storable.ColumnLimits;
import smap.analytics.domain.storable.Storable;

/** The attempts of a batch: recording that one starts (one statement) and closing it. */
final class LedgerAttempts {

  private static final List<String> TERMINAL =
      LedgerEntryMapper.TERMINAL.stream().map(STATUS::to).toList();
  private static final String PROCESSING = STATUS.to(BatchStatus.PROCESSING);

  private LedgerAttempts() {}

  /**
   * Records that an attempt starts and reads the entry as it was, in one statement: it reads the
   * row as of the statement's start, inserts the entry or counts one more attempt on it, and adds
   * the attempt's row. With {@code skipFinished}, a terminal entry is left as it is and the result
   * has attempt 0 (a duplicate delivery). A concurrent commit between the statement's snapshot and
   * its write is caught by the upsert's condition, and the entry is then read again.
   */
  static AttemptStart begin(DSLContext dsl, BatchStart start, boolean skipFinished) {
    var l = BATCH_LEDGER;
    BatchAttempts a = BATCH_ATTEMPTS;
    String eventId = start.context().eventId().value();
    CommonTableExpression<BatchLedgerRecord> prev =
        name("prev").as(selectFrom(l).where(l.EVENT_ID.eq(eventId)));
    CommonTableExpression<Record2<String, Integer>> up =
        name("up")
            .as(
                insertInto(l)
                    .set(LedgerEntryMapper.newEntry(start))
                    .onConflict(l.EVENT_ID)
                    .doUpdate()
                    .set(l.ATTEMPTS, l.ATTEMPTS.plus(1))
                    .set(l.STATUS, when(l.STATUS.in(TERMINAL), l.STATUS).else_(inline(PROCESSING)))
                    .set(l.STARTED_AT, excluded(l.STARTED_AT))
                    .set(l.NEXT_ATTEMPT_AT, (Instant) null)
                    .set(l.UPDATED_AT, excluded(l.UPDATED_AT))
                    .set(l.FORMAT, coalesce(l.FORMAT, excluded(l.FORMAT)))
                    .set(l.OBJECT_PATH, coalesce(l.OBJECT_PATH, excluded(l.OBJECT_PATH)))
                    .where(skipFinished ? l.STATUS.notIn(TERMINAL) : noCondition())
                    .returningResult(l.EVENT_ID, l.ATTEMPTS));
    Field<String> kind =
        when(
                exists(selectOne().from(prev).where(prev.field(l.STATUS).eq(PROCESSING))),
                inline("redelivery"))
            .else_(inline("delivery"));
    CommonTableExpression<Record1<Long>> attempt =
        name("attempt")
            .as(
                insertInto(a, a.EVENT_ID, a.ATTEMPT, a.KIND, a.STARTED_AT)
                    .select(
                        select(
                                up.field(l.EVENT_ID),
                                up.field(l.ATTEMPTS),
                                kind,
                                val(start.startedAt(), a.STARTED_AT))
                            .from(up))
                    .returningResult(a.ID));
    Field<Integer> number = up.field(l.ATTEMPTS).as("attempt_number");
    Record row =
        dsl.with(prev)
            .with(up)
            .with(attempt)
            .select(number)
            .select(prev.fields())
            .from(selectOne().asTable("one"))
            .leftJoin(up)
            .on(trueCondition())
            .leftJoin(prev)
            .on(trueCondition())
            .fetchOne();
    Optional<BatchEntry> previous =
        row.get(prev.field(l.EVENT_ID)) == null
            ? Optional.empty()
            : Optional.of(LedgerEntryMapper.entry(row.into(l)));
    Integer started = row.get(number);
    if (started != null) {
      return new AttemptStart(started, previous);
    }
    if (previous.isEmpty() || !previous.get().status().terminal()) {
      previous = find(dsl, start.context().eventId());
    }
    return new AttemptStart(0, previous);
  }

  static Optional<BatchEntry> find(DSLContext dsl, EventId eventId) {
    return dsl.selectFrom(BATCH_LEDGER)
        .where(BATCH_LEDGER.EVENT_ID.eq(eventId.value()))
        .fetchOptional()
        .map(LedgerEntryMapper::entry);
  }

  /** Closes the event's latest attempt with its outcome (a common table expression's body). */
  static CommonTableExpression<Record1<Long>> close(
      String eventId, BatchStatus status, String error, Instant at) {
    BatchAttempts a = BATCH_ATTEMPTS;
    BatchAttempts latest = BATCH_ATTEMPTS.as("latest");
    return name("closed")
        .as(
            update(a)
                .set(a.FINISHED_AT, at)
                .set(a.STATUS, STATUS.to(status))
                .set(a.ERROR, Storable.reason(error, ColumnLimits.LAST_ERROR))
                .where(
                    a.ID.eq(select(max(latest.ID)).from(latest).where(latest.EVENT_ID.eq(eventId))))
                .returningResult(a.ID));
  }

  /** Status RETRYING unless terminal, the error and the next try, and the attempt closed. */
  static void retrying(DSLContext dsl, EventId eventId, String error, Instant nextAttemptAt) {
    var l = BATCH_LEDGER;
    dsl.with(close(eventId.value(), BatchStatus.RETRYING, error, Instant.now()))
        .update(l)
        .set(l.STATUS, STATUS.to(BatchStatus.RETRYING))
        .set(l.LAST_ERROR, Storable.reason(error, ColumnLimits.LAST_ERROR))
        .set(l.NEXT_ATTEMPT_AT, nextAttemptAt)
        .set(l.UPDATED_AT, Instant.now())
        .where(l.EVENT_ID.eq(eventId.value()))
        .and(l.STATUS.notIn(TERMINAL))
        .execute();
  }
}
