package smap.analytics.adapter.postgres.console;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import smap.analytics.adapter.postgres.JooqBatchLedgerAdapter;
import smap.analytics.application.port.out.BatchLedgerPort;
import smap.analytics.application.port.out.console.ConsoleQueryPort;
import smap.analytics.domain.batch.EventId;
import smap.analytics.domain.console.Attempt;
import smap.analytics.domain.console.BatchDetail;
import smap.analytics.domain.console.BatchFilter;
import smap.analytics.domain.console.BatchRow;
import smap.analytics.domain.console.Count;
import smap.analytics.domain.console.Cursor;
import smap.analytics.domain.console.ErrorGroup;
import smap.analytics.domain.console.ErrorRow;
import smap.analytics.domain.console.OutboxRow;
import smap.analytics.domain.console.PostRow;
import smap.analytics.domain.console.SeriesPoint;
import smap.analytics.domain.console.Throughput;
import smap.analytics.domain.ledger.BatchEntry;

/**
 * Adapter: the console's queries. The batch list uses keyset pagination on (received_at, event_id)
 * with matching indexes, so a page costs the same on row 100 000 as on row 1.
 */
public final class JooqConsoleQueryAdapter implements ConsoleQueryPort {

  private final DSLContext dsl;
  private final BatchLedgerPort ledger;
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
    this.dsl = dsl;
    this.ledger = new JooqBatchLedgerAdapter(dsl);
    this.parallel = parallel;
  }

  static Instant instant(Object value) {
    return JooqBatchLedgerAdapter.instant(value);
  }

  private static Timestamp ts(Instant instant) {
    return JooqBatchLedgerAdapter.ts(instant);
  }

  @Override
  public List<BatchRow> batches(BatchFilter f, Cursor after, int limit) {
    StringBuilder sql =
        new StringBuilder(
            "SELECT event_id, status, platform, project_id, job_id, batch_index, items, succeeded, crawler_errors,"
                + " analysis_errors, expected, attempts, replays, last_error, received_at, finished_at, processing_ms"
                + " FROM batch_ledger WHERE true");
    List<Object> binds = new ArrayList<>();
    if (f != null) {
      add(sql, binds, " AND status = ?", f.status());
      add(sql, binds, " AND platform = ?", f.platform());
      add(sql, binds, " AND project_id = ?", f.projectId());
      add(sql, binds, " AND job_id = ?", f.jobId());
      if (f.error() != null && !f.error().isBlank()) {
        sql.append(" AND last_error ILIKE ?");
        binds.add(
            "%" + f.error().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
      }
      if (f.search() != null && !f.search().isBlank()) {
        sql.append(" AND event_id LIKE ?");
        binds.add(f.search().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
      }
      if (f.from() != null) {
        sql.append(" AND received_at >= ?");
        binds.add(ts(f.from()));
      }
      if (f.to() != null) {
        sql.append(" AND received_at < ?");
        binds.add(ts(f.to()));
      }
    }
    if (after != null) {
      sql.append(" AND (received_at, event_id) < (?, ?)");
      binds.add(ts(after.receivedAt()));
      binds.add(after.eventId());
    }
    sql.append(" ORDER BY received_at DESC, event_id DESC LIMIT ?");
    binds.add(limit);
    List<BatchRow> rows = new ArrayList<>();
    for (Record r : dsl.fetch(sql.toString(), binds.toArray())) {
      rows.add(
          new BatchRow(
              r.get("event_id", String.class),
              r.get("status", String.class),
              r.get("platform", String.class),
              r.get("project_id", String.class),
              r.get("job_id", String.class),
              r.get("batch_index", Integer.class),
              r.get("items", Integer.class),
              r.get("succeeded", Integer.class),
              r.get("crawler_errors", Integer.class),
              r.get("analysis_errors", Integer.class),
              r.get("expected", Integer.class),
              r.get("attempts", Integer.class),
              r.get("replays", Integer.class),
              r.get("last_error", String.class),
              instant(r.get("received_at")),
              instant(r.get("finished_at")),
              r.get("processing_ms", Long.class)));
    }
    return rows;
  }

  private static void add(StringBuilder sql, List<Object> binds, String clause, String value) {
    if (value != null && !value.isBlank()) {
      sql.append(clause);
      binds.add(value);
    }
  }

  @Override
  public Optional<BatchDetail> batch(EventId eventId) {
    Optional<BatchEntry> entry = ledger.find(eventId);
    if (entry.isEmpty()) {
      return Optional.empty();
    }
    List<Attempt> attempts = new ArrayList<>();
    for (Record r :
        dsl.fetch(
            "SELECT * FROM batch_attempts WHERE event_id = ? ORDER BY attempt, id",
            eventId.value())) {
      attempts.add(
          new Attempt(
              r.get("attempt", Integer.class),
              r.get("kind", String.class),
              r.get("requested_by", String.class),
              instant(r.get("started_at")),
              instant(r.get("finished_at")),
              r.get("status", String.class),
              r.get("error", String.class)));
    }
    List<ErrorRow> errors = errorRows("WHERE event_id = ? ORDER BY id LIMIT 500", eventId.value());
    List<PostRow> posts = new ArrayList<>();
    for (Record r :
        dsl.fetch(
            "SELECT id, overall_sentiment, primary_intent, impact_score, risk_level, permalink FROM post_analytics"
                + " WHERE event_id = ? ORDER BY id LIMIT 500",
            eventId.value())) {
      posts.add(
          new PostRow(
              r.get("id", String.class),
              r.get("overall_sentiment", String.class),
              r.get("primary_intent", String.class),
              r.get("impact_score", Double.class),
              r.get("risk_level", String.class),
              r.get("permalink", String.class)));
    }
    List<OutboxRow> results = new ArrayList<>();
    for (Record r :
        dsl.fetch(
            "SELECT message_id, status, attempts, result::text AS result, created_at, published_at, last_error FROM result_outbox"
                + " WHERE event_id = ? ORDER BY id",
            eventId.value())) {
      results.add(
          new OutboxRow(
              r.get("message_id", String.class),
              r.get("status", String.class),
              r.get("attempts", Integer.class),
              r.get("result", String.class),
              instant(r.get("created_at")),
              instant(r.get("published_at")),
              r.get("last_error", String.class)));
    }
    return Optional.of(new BatchDetail(entry.get(), attempts, errors, posts, results));
  }

  private List<ErrorRow> errorRows(String where, Object... binds) {
    List<ErrorRow> rows = new ArrayList<>();
    for (Record r :
        dsl.fetch(
            "SELECT event_id, content_id, platform, error_code, error_category, transient, source, error_message, permalink,"
                + " created_at FROM crawl_errors "
                + where,
            binds)) {
      rows.add(
          new ErrorRow(
              r.get("event_id", String.class),
              r.get("content_id", String.class),
              r.get("platform", String.class),
              r.get("error_code", String.class),
              r.get("error_category", String.class),
              r.get("transient", Boolean.class),
              r.get("source", String.class),
              r.get("error_message", String.class),
              r.get("permalink", String.class),
              instant(r.get("created_at"))));
    }
    return rows;
  }

  @Override
  public List<ErrorGroup> errorGroups(Instant from, Instant to, String source) {
    List<ErrorGroup> groups = new ArrayList<>();
    Map<String, Boolean> seenBefore = new HashMap<>();
    for (Record r :
        dsl.fetch(
            "WITH w AS (SELECT error_code, error_category, transient, platform, source, count(*) AS n, min(created_at) AS first_seen,"
                + " max(created_at) AS last_seen FROM crawl_errors WHERE created_at >= ? AND created_at < ?"
                + " AND (?::text IS NULL OR source = ?) GROUP BY 1, 2, 3, 4, 5),"
                + " r AS (SELECT w.*, row_number() OVER (ORDER BY n DESC, error_code, platform, source) AS rn FROM w),"
                + " top AS (SELECT error_code, error_category, transient, platform, source, n, first_seen, last_seen"
                + " FROM r WHERE rn <= ?),"
                + " rest AS (SELECT ? AS error_code, error_category, transient, ? AS platform, source, sum(n)::bigint AS n,"
                + " min(first_seen) AS first_seen, max(last_seen) AS last_seen FROM r WHERE rn > ?"
                + " GROUP BY error_category, transient, source)"
                + " SELECT * FROM top UNION ALL SELECT * FROM rest ORDER BY n DESC, error_code",
            ts(from),
            ts(to),
            source,
            source,
            MAX_ERROR_GROUPS,
            OTHER_CODES,
            OTHER_PLATFORMS,
            MAX_ERROR_GROUPS)) {
      String code = r.get("error_code", String.class);
      boolean folded = OTHER_CODES.equals(code) && OTHER_PLATFORMS.equals(r.get("platform"));
      boolean isNew = !folded && !seenBefore.computeIfAbsent(code, c -> seenBefore(c, from));
      groups.add(
          new ErrorGroup(
              code,
              r.get("error_category", String.class),
              r.get("transient", Boolean.class),
              r.get("platform", String.class),
              r.get("source", String.class),
              r.get("n", Long.class),
              instant(r.get("first_seen")),
              instant(r.get("last_seen")),
              isNew));
    }
    return groups;
  }

  /**
   * Whether {@code code} has a row before {@code from}: one probe of the (error_code, created_at)
   * index per code. (A correlated NOT EXISTS in the group query was planned as a scan of the whole
   * table per code, 90 ms each for a code not seen before on 300 000 rows, because the planner
   * cannot see the code's value there; with the value it reads one index entry.)
   */
  private boolean seenBefore(String code, Instant from) {
    Record first =
        dsl.fetchOne(
            "SELECT created_at FROM crawl_errors WHERE error_code = {0} ORDER BY created_at LIMIT 1",
            // An escaped literal, not a bind value: a generic plan of a prepared statement would
            // not see the value either.
            DSL.inline(code));
    return first != null && instant(first.get("created_at")).isBefore(from);
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
              () -> errorSeries(from, to, bucketSeconds, source), parallel);
    } catch (RejectedExecutionException busy) {
      series = CompletableFuture.completedFuture(errorSeries(from, to, bucketSeconds, source));
    }
    List<ErrorGroup> groups = errorGroups(from, to, source);
    try {
      return new ErrorAggregates(groups, series.join());
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  @Override
  public List<SeriesPoint> errorSeries(
      Instant from, Instant to, long bucketSeconds, String source) {
    List<SeriesPoint> points = new ArrayList<>();
    for (Record r :
        dsl.fetch(
            "SELECT date_bin(make_interval(secs => ?), created_at, 'epoch'::timestamptz) AS bucket, error_category, count(*) AS n"
                + " FROM crawl_errors WHERE created_at >= ? AND created_at < ? AND (?::text IS NULL OR source = ?) GROUP BY 1, 2",
            (double) bucketSeconds,
            ts(from),
            ts(to),
            source,
            source)) {
      points.add(
          new SeriesPoint(
              instant(r.get("bucket")),
              r.get("error_category", String.class),
              r.get("n", Long.class)));
    }
    return points;
  }

  @Override
  public List<ErrorRow> errors(String code, Instant from, Instant to, int limit) {
    return errorRows(
        "WHERE error_code = ? AND created_at >= ? AND created_at < ? ORDER BY created_at DESC, id DESC LIMIT ?",
        code,
        ts(from),
        ts(to),
        limit);
  }

  @Override
  public List<Throughput> throughput(Instant from, Instant to) {
    List<Throughput> rows = new ArrayList<>();
    for (Record r :
        dsl.fetch(
            "SELECT platform, status, count(*) AS batches, coalesce(sum(items), 0) AS items, coalesce(sum(succeeded), 0) AS ok,"
                + " coalesce(sum(crawler_errors + analysis_errors), 0) AS errors FROM batch_ledger"
                + " WHERE finished_at >= ? AND finished_at < ? GROUP BY platform, status ORDER BY platform, status",
            ts(from),
            ts(to))) {
      rows.add(
          new Throughput(
              r.get("platform", String.class),
              r.get("status", String.class),
              r.get("batches", Long.class),
              r.get("items", Long.class),
              r.get("ok", Long.class),
              r.get("errors", Long.class)));
    }
    return rows;
  }

  @Override
  public List<Count> outbox() {
    List<Count> counts = new ArrayList<>();
    for (Record r :
        dsl.fetch(
            "SELECT status, count(*) AS n FROM result_outbox GROUP BY status ORDER BY status")) {
      counts.add(new Count(r.get("status", String.class), r.get("n", Long.class)));
    }
    return counts;
  }
}
