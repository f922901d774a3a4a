package smap.analytics.adapter.postgres.console;

import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.row;
import static smap.analytics.adapter.postgres.schema.Tables.BATCH_LEDGER;

import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Records;
import org.jooq.TableField;
import smap.analytics.adapter.postgres.schema.tables.records.BatchLedgerRecord;
import smap.analytics.domain.console.BatchFilter;
import smap.analytics.domain.console.BatchRow;
import smap.analytics.domain.console.Cursor;

/**
 * The console's batch list: keyset pagination on (received_at, event_id), newest first, with the
 * matching indexes, so a page costs the same on row 100 000 as on row 1.
 */
final class BatchPageQuery {

  private final DSLContext dsl;

  BatchPageQuery(DSLContext dsl) {
    this.dsl = dsl;
  }

  List<BatchRow> page(BatchFilter filter, Cursor after, int limit) {
    Condition where = filter == null ? noCondition() : matching(filter);
    if (after != null) {
      // A row comparison, not two conditions: it is what the (received_at, event_id) index serves.
      where =
          where.and(
              row(BATCH_LEDGER.RECEIVED_AT, BATCH_LEDGER.EVENT_ID)
                  .lt(after.receivedAt(), after.eventId()));
    }
    var l = BATCH_LEDGER;
    // The list's columns (never the raw message or the JSON ones), in the order of BatchRow.
    return dsl.select(
            l.EVENT_ID,
            l.STATUS,
            l.PLATFORM,
            l.PROJECT_ID,
            l.JOB_ID,
            l.BATCH_INDEX,
            l.ITEMS,
            l.SUCCEEDED,
            l.CRAWLER_ERRORS,
            l.ANALYSIS_ERRORS,
            l.EXPECTED,
            l.ATTEMPTS,
            l.REPLAYS,
            l.LAST_ERROR,
            l.RECEIVED_AT,
            l.FINISHED_AT,
            l.PROCESSING_MS)
        .from(l)
        .where(where)
        .orderBy(BATCH_LEDGER.RECEIVED_AT.desc(), BATCH_LEDGER.EVENT_ID.desc())
        .limit(limit)
        .fetch(Records.mapping(BatchRow::new));
  }

  private static Condition matching(BatchFilter f) {
    Condition where = noCondition();
    where = where.and(equalUnlessBlank(BATCH_LEDGER.STATUS, f.status()));
    where = where.and(equalUnlessBlank(BATCH_LEDGER.PLATFORM, f.platform()));
    where = where.and(equalUnlessBlank(BATCH_LEDGER.PROJECT_ID, f.projectId()));
    where = where.and(equalUnlessBlank(BATCH_LEDGER.JOB_ID, f.jobId()));
    if (f.error() != null && !f.error().isBlank()) {
      where = where.and(BATCH_LEDGER.LAST_ERROR.likeIgnoreCase("%" + likeEscaped(f.error()) + "%"));
    }
    if (f.search() != null && !f.search().isBlank()) {
      // A prefix pattern bound as a value: the planner reads it as an index range on event_id.
      where = where.and(BATCH_LEDGER.EVENT_ID.like(likeEscaped(f.search()) + "%"));
    }
    if (f.from() != null) {
      where = where.and(BATCH_LEDGER.RECEIVED_AT.ge(f.from()));
    }
    if (f.to() != null) {
      where = where.and(BATCH_LEDGER.RECEIVED_AT.lt(f.to()));
    }
    return where;
  }

  private static Condition equalUnlessBlank(
      TableField<BatchLedgerRecord, String> field, String value) {
    return value == null || value.isBlank() ? noCondition() : field.eq(value);
  }

  /** {@code text} matched literally by LIKE (backslash is PostgreSQL's default escape). */
  private static String likeEscaped(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }
}
