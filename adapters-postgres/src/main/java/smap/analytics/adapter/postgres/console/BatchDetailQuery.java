package smap.analytics.adapter.postgres.console;

import static org.jooq.impl.DSL.inline;
import static smap.analytics.adapter.postgres.schema.Tables.BATCH_ATTEMPTS;
import static smap.analytics.adapter.postgres.schema.Tables.CRAWL_ERRORS;
import static smap.analytics.adapter.postgres.schema.Tables.POST_ANALYTICS;
import static smap.analytics.adapter.postgres.schema.Tables.RESULT_OUTBOX;

import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Records;
import smap.analytics.adapter.postgres.JooqBatchLedgerAdapter;
import smap.analytics.application.port.out.BatchLedgerPort;
import smap.analytics.domain.batch.EventId;
import smap.analytics.domain.console.Attempt;
import smap.analytics.domain.console.BatchDetail;
import smap.analytics.domain.console.ErrorRow;
import smap.analytics.domain.console.OutboxRow;
import smap.analytics.domain.console.PostRow;
import smap.analytics.domain.ledger.BatchEntry;

/** The console's page of one batch: its ledger entry, attempts, error rows, posts and results. */
final class BatchDetailQuery {

  /** Error rows and posts a batch's page shows at most. */
  private static final int ROWS_SHOWN = 500;

  private final DSLContext dsl;
  private final BatchLedgerPort ledger;

  BatchDetailQuery(DSLContext dsl) {
    this.dsl = dsl;
    this.ledger = new JooqBatchLedgerAdapter(dsl);
  }

  Optional<BatchDetail> find(EventId eventId) {
    Optional<BatchEntry> entry = ledger.find(eventId);
    if (entry.isEmpty()) {
      return Optional.empty();
    }
    String id = eventId.value();
    var a = BATCH_ATTEMPTS;
    List<Attempt> attempts =
        dsl.select(
                a.ATTEMPT, a.KIND, a.REQUESTED_BY, a.STARTED_AT, a.FINISHED_AT, a.STATUS, a.ERROR)
            .from(a)
            .where(a.EVENT_ID.eq(id))
            .orderBy(a.ATTEMPT, a.ID)
            .fetch(Records.mapping(Attempt::new));
    List<ErrorRow> errors =
        ErrorReportQuery.errorRows(dsl)
            .where(CRAWL_ERRORS.EVENT_ID.eq(id))
            .orderBy(CRAWL_ERRORS.ID)
            .limit(inline(ROWS_SHOWN))
            .fetch(Records.mapping(ErrorRow::new));
    var p = POST_ANALYTICS;
    List<PostRow> posts =
        dsl.select(
                p.ID,
                p.OVERALL_SENTIMENT,
                p.PRIMARY_INTENT,
                p.IMPACT_SCORE,
                p.RISK_LEVEL,
                p.PERMALINK)
            .from(p)
            .where(p.EVENT_ID.eq(id))
            .orderBy(p.ID)
            .limit(inline(ROWS_SHOWN))
            .fetch(Records.mapping(PostRow::new));
    var o = RESULT_OUTBOX;
    List<OutboxRow> results =
        dsl.select(
                o.MESSAGE_ID,
                o.STATUS,
                o.ATTEMPTS,
                // The stored JSON's text, as it was written.
                o.RESULT.convertFrom(json -> json == null ? null : json.data()),
                o.CREATED_AT,
                o.PUBLISHED_AT,
                o.LAST_ERROR)
            .from(o)
            .where(o.EVENT_ID.eq(id))
            .orderBy(o.ID)
            .fetch(Records.mapping(OutboxRow::new));
    return Optional.of(new BatchDetail(entry.get(), attempts, errors, posts, results));
  }
}
