package smap.analytics.adapter.postgres;

import static org.jooq.impl.DSL.castNull;
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
import static org.jooq.impl.DSL.when;
import static smap.analytics.adapter.postgres.CachedStatement.param;
import static smap.analytics.adapter.postgres.LedgerEntryMapper.STATUS;
import static smap.analytics.adapter.postgres.schema.Tables.BATCH_ATTEMPTS;
import static smap.analytics.adapter.postgres.schema.Tables.BATCH_LEDGER;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.CommonTableExpression;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Record1;
import org.jooq.Record2;
import org.jooq.TableField;
import smap.analytics.adapter.postgres.schema.tables.BatchAttempts;
import smap.analytics.adapter.postgres.schema.tables.records.BatchLedgerRecord;
import smap.analytics.application.port.out.BatchLedgerPort.AttemptStart;
import smap.analytics.application.port.out.BatchStart;
import smap.analytics.domain.batch.BatchStatus;
import smap.analytics.domain.batch.EventId;
import smap.analytics.domain.ledger.BatchEntry;
import smap.analytics.domain.storable.ColumnLimits;
import smap.analytics.domain.storable.Storable;

/** The attempts of a batch: recording that one starts (one statement) and closing it. */
final class LedgerAttempts {

  /** The terminal statuses, as constants in the SQL. */
  static final List<Field<String>> TERMINAL =
      LedgerEntryMapper.TERMINAL.stream().<Field<String>>map(s -> inline(STATUS.to(s))).toList();

  private static final String PROCESSING = STATUS.to(BatchStatus.PROCESSING);

  /** The columns a new entry sets ({@link LedgerEntryMapper#newEntry}). */
  private static final List<TableField<BatchLedgerRecord, ?>> NEW_ENTRY =
      LedgerEntryMapper.NEW_ENTRY;

  private static final Field<Integer> NUMBER = BATCH_LEDGER.ATTEMPTS.as("attempt_number");
  private static final CommonTableExpression<BatchLedgerRecord> PREV =
      name("prev")
          .as(
              selectFrom(BATCH_LEDGER)
                  .where(BATCH_LEDGER.EVENT_ID.eq(param("event_id", BATCH_LEDGER.EVENT_ID))));
  private static final CachedStatement BEGIN = begin(false);
  private static final CachedStatement BEGIN_UNLESS_FINISHED = begin(true);

  private LedgerAttempts() {}

  private static CachedStatement begin(boolean skipFinished) {
    var l = BATCH_LEDGER;
    BatchAttempts a = BATCH_ATTEMPTS;
    var prev = PREV;
    CommonTableExpression<Record2<String, Integer>> up =
        name("up")
            .as(
                insertInto(l)
                    .columns(NEW_ENTRY)
                    .values(NEW_ENTRY.stream().map(c -> param("new_" + c.getName(), c)).toList())
                    .onConflict(l.EVENT_ID)
                    .doUpdate()
                    .set(l.ATTEMPTS, l.ATTEMPTS.plus(inline(1)))
                    .set(l.STATUS, when(l.STATUS.in(TERMINAL), l.STATUS).else_(inline(PROCESSING)))
                    .set(l.STARTED_AT, excluded(l.STARTED_AT))
                    .set(l.NEXT_ATTEMPT_AT, castNull(l.NEXT_ATTEMPT_AT))
                    .set(l.UPDATED_AT, excluded(l.UPDATED_AT))
                    .set(l.FORMAT, coalesce(l.FORMAT, excluded(l.FORMAT)))
                    .set(l.OBJECT_PATH, coalesce(l.OBJECT_PATH, excluded(l.OBJECT_PATH)))
                    .where(skipFinished ? l.STATUS.notIn(TERMINAL) : noCondition())
                    .returningResult(l.EVENT_ID, l.ATTEMPTS));
    Field<String> kind =
        when(
                exists(selectOne().from(prev).where(prev.field(l.STATUS).eq(inline(PROCESSING)))),
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
                                param("attempt_started_at", a.STARTED_AT))
                            .from(up))
                    .returningResult(a.ID));
    return new CachedStatement(
        CachedStatement.RENDERER
            .with(prev)
            .with(up)
            .with(attempt)
            .select(up.field(l.ATTEMPTS).as(NUMBER.getName()))
            .select(prev.fields())
            .from(selectOne().asTable("one"))
            .leftJoin(up)
            .on(trueCondition())
            .leftJoin(prev)
            .on(trueCondition()));
  }

  /**
   * Records that an attempt starts and reads the entry as it was, in one statement: it reads the
   * row as of the statement's start, inserts the entry or counts one more attempt on it, and adds
   * the attempt's row. With {@code skipFinished}, a terminal entry is left as it is and the result
   * has attempt 0 (a duplicate delivery). A concurrent commit between the statement's snapshot and
   * its write is caught by the upsert's condition, and the entry is then read again.
   */
  static AttemptStart begin(DSLContext dsl, BatchStart start, boolean skipFinished) {
    BatchLedgerRecord entry = LedgerEntryMapper.newEntry(start);
    Map<String, Object> values = new HashMap<>();
    for (TableField<BatchLedgerRecord, ?> column : NEW_ENTRY) {
      values.put("new_" + column.getName(), entry.get(column));
    }
    values.put("event_id", entry.getEventId());
    values.put("attempt_started_at", start.startedAt());
    Field<?>[] fields = new Field<?>[PREV.fields().length + 1];
    fields[0] = NUMBER;
    System.arraycopy(PREV.fields(), 0, fields, 1, PREV.fields().length);
    Record row =
        (skipFinished ? BEGIN_UNLESS_FINISHED : BEGIN)
            .query(dsl, values, rows -> dsl.fetch(rows, fields).get(0));
    Optional<BatchEntry> previous =
        row.get(PREV.field(BATCH_LEDGER.EVENT_ID)) == null
            ? Optional.empty()
            : Optional.of(LedgerEntryMapper.entry(row.into(BATCH_LEDGER)));
    Integer started = row.get(NUMBER);
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

  /**
   * Closes the event's latest attempt with its outcome: a common table expression with the
   * parameters closed_at, closed_status, closed_error and closed_event_id (see {@link #closing}).
   */
  static CommonTableExpression<Record1<Long>> close() {
    BatchAttempts a = BATCH_ATTEMPTS;
    BatchAttempts latest = BATCH_ATTEMPTS.as("latest");
    return name("closed")
        .as(
            update(a)
                .set(a.FINISHED_AT, param("closed_at", a.FINISHED_AT))
                .set(a.STATUS, param("closed_status", a.STATUS))
                .set(a.ERROR, param("closed_error", a.ERROR))
                .where(
                    a.ID.eq(
                        select(max(latest.ID))
                            .from(latest)
                            .where(latest.EVENT_ID.eq(param("closed_event_id", latest.EVENT_ID)))))
                .returningResult(a.ID));
  }

  /** The values of {@link #close()}'s parameters. */
  static Map<String, Object> closing(String eventId, BatchStatus status, String error, Instant at) {
    Map<String, Object> values = new HashMap<>();
    values.put("closed_at", at);
    values.put("closed_status", STATUS.to(status));
    values.put("closed_error", Storable.reason(error, ColumnLimits.LAST_ERROR));
    values.put("closed_event_id", eventId);
    return values;
  }

  private static final CachedStatement RETRYING =
      new CachedStatement(
          CachedStatement.RENDERER
              .with(close())
              .update(BATCH_LEDGER)
              .set(BATCH_LEDGER.STATUS, inline(STATUS.to(BatchStatus.RETRYING)))
              .set(BATCH_LEDGER.LAST_ERROR, param("last_error", BATCH_LEDGER.LAST_ERROR))
              .set(
                  BATCH_LEDGER.NEXT_ATTEMPT_AT,
                  param("next_attempt_at", BATCH_LEDGER.NEXT_ATTEMPT_AT))
              .set(BATCH_LEDGER.UPDATED_AT, param("updated_at", BATCH_LEDGER.UPDATED_AT))
              .where(BATCH_LEDGER.EVENT_ID.eq(param("event_id", BATCH_LEDGER.EVENT_ID)))
              .and(BATCH_LEDGER.STATUS.notIn(TERMINAL)));

  /** Status RETRYING unless terminal, the error and the next try, and the attempt closed. */
  static void retrying(DSLContext dsl, EventId eventId, String error, Instant nextAttemptAt) {
    Instant now = Instant.now();
    Map<String, Object> values = closing(eventId.value(), BatchStatus.RETRYING, error, now);
    values.put("last_error", Storable.reason(error, ColumnLimits.LAST_ERROR));
    values.put("next_attempt_at", nextAttemptAt);
    values.put("updated_at", now);
    values.put("event_id", eventId.value());
    RETRYING.execute(dsl, values);
  }
}
