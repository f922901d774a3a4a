package smap.analytics.adapter.postgres;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.BatchBindStep;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import smap.analytics.application.port.out.BatchCommit;
import smap.analytics.application.port.out.BatchFailure;
import smap.analytics.application.port.out.BatchLedgerPort;
import smap.analytics.application.port.out.BatchStart;
import smap.analytics.domain.batch.AnalyzeResult;
import smap.analytics.domain.batch.BatchStatus;
import smap.analytics.domain.batch.EventId;
import smap.analytics.domain.batch.Platform;
import smap.analytics.domain.error.CrawlError;
import smap.analytics.domain.error.ErrorCode;
import smap.analytics.domain.error.ErrorSource;
import smap.analytics.domain.ledger.BatchCounts;
import smap.analytics.domain.ledger.BatchEntry;
import smap.analytics.domain.message.EventContext;
import smap.analytics.domain.message.MessageFormat;
import smap.analytics.domain.post.CommentRecord;
import smap.analytics.domain.post.PostRecord;
import smap.analytics.domain.storable.ColumnLimits;
import smap.analytics.domain.storable.Storable;

/**
 * Adapter: the batch ledger and everything a batch writes, in PostgreSQL through jOOQ. Each commit
 * is one transaction that locks the ledger row first, so concurrent deliveries of one event apply
 * its effects once; posts, comments and error rows are written as one batched statement each.
 */
public final class JooqBatchLedgerAdapter implements BatchLedgerPort {

  /** Bound of the stored raw message. */
  public static final int MAX_RAW_BODY = 64 * 1024;

  /** Bound of a stored stack trace or longer explanation of a failure. */
  private static final int MAX_DETAIL = 16_000;

  /** Characters of the database's refusal kept in the row or warning that records it. */
  private static final int MAX_REFUSAL = 300;

  private static final String[] POST_ANALYSIS_COLUMNS = {
    "platform",
    "published_at",
    "analyzed_at",
    "overall_sentiment",
    "overall_sentiment_score",
    "overall_confidence",
    "primary_intent",
    "intent_confidence",
    "impact_score",
    "risk_level",
    "is_viral",
    "is_kol",
    "aspects_breakdown",
    "keywords",
    "sentiment_probabilities",
    "impact_breakdown",
    "view_count",
    "like_count",
    "comment_count",
    "share_count",
    "save_count",
    "follower_count",
    "processing_time_ms",
    "model_version",
    "author_is_verified"
  };
  private static final String[] POST_METADATA_COLUMNS = {
    "project_id",
    "event_id",
    "job_id",
    "batch_index",
    "task_type",
    "keyword_source",
    "crawled_at",
    "pipeline_version",
    "brand_name",
    "keyword",
    "content_text",
    "content_transcription",
    "media_duration",
    "hashtags",
    "permalink",
    "author_id",
    "author_name",
    "author_username",
    "author_avatar_url"
  };
  private static final String[] JSON_COLUMNS = {
    "aspects_breakdown", "keywords", "sentiment_probabilities", "impact_breakdown", "hashtags"
  };
  private static final String UPSERT_POST = upsertPostSql();
  private static final String INSERT_COMMENT =
      "INSERT INTO post_comments (post_id, comment_id, text, author_name, likes, commented_at)"
          + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (post_id, comment_id) DO NOTHING";
  private static final String INSERT_ERROR =
      "INSERT INTO crawl_errors (content_id, project_id, job_id, platform, error_code,"
          + " error_category, error_message, error_details, permalink, created_at, event_id,"
          + " batch_index, source, transient) VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?)"
          + " ON CONFLICT (event_id, content_id, error_code) DO NOTHING";

  private final DSLContext dsl;

  public JooqBatchLedgerAdapter(DSLContext dsl) {
    this.dsl = dsl;
  }

  private static String upsertPostSql() {
    List<String> columns = new ArrayList<>();
    columns.add("id");
    columns.addAll(Arrays.asList(POST_ANALYSIS_COLUMNS));
    columns.addAll(Arrays.asList(POST_METADATA_COLUMNS));
    List<String> values = new ArrayList<>();
    for (String column : columns) {
      values.add(Arrays.asList(JSON_COLUMNS).contains(column) ? "?::jsonb" : "?");
    }
    List<String> updates = new ArrayList<>();
    for (String column : POST_ANALYSIS_COLUMNS) {
      updates.add(column + " = EXCLUDED." + column);
    }
    for (String column : POST_METADATA_COLUMNS) {
      updates.add(column + " = COALESCE(EXCLUDED." + column + ", post_analytics." + column + ")");
    }
    return "INSERT INTO post_analytics ("
        + String.join(", ", columns)
        + ") VALUES ("
        + String.join(", ", values)
        + ") ON CONFLICT (id) DO UPDATE SET "
        + String.join(", ", updates);
  }

  @Override
  public Optional<BatchEntry> find(EventId eventId) {
    try {
      Record row = dsl.fetchOne("SELECT * FROM batch_ledger WHERE event_id = ?", eventId.value());
      return Optional.ofNullable(row).map(JooqBatchLedgerAdapter::entry);
    } catch (RuntimeException e) {
      throw SqlFailures.translate(e);
    }
  }

  @Override
  public AttemptStart begin(BatchStart start) {
    try {
      return dsl.transactionResult(
          cfg -> {
            DSLContext tx = DSL.using(cfg);
            EventContext c = start.context();
            Record existing =
                tx.fetchOne(
                    "SELECT * FROM batch_ledger WHERE event_id = ? FOR UPDATE",
                    c.eventId().value());
            int attempt;
            Optional<BatchEntry> previous =
                Optional.ofNullable(existing).map(JooqBatchLedgerAdapter::entry);
            Timestamp now = ts(start.startedAt());
            if (existing == null) {
              byte[] body = start.rawBody();
              boolean truncated = body.length > MAX_RAW_BODY;
              tx.execute(
                  "INSERT INTO batch_ledger (event_id, event_id_derived, event_type, event_timestamp,"
                      + " queue, format, object_path, project_id, job_id, batch_index, content_count,"
                      + " platform, task_type, brand_name, keyword, status, attempts, raw_body,"
                      + " raw_body_truncated, received_at, started_at, updated_at) VALUES (?, ?, ?, ?, ?,"
                      + " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PROCESSING', 1, ?, ?, ?, ?, ?)",
                  c.eventId().value(),
                  c.eventId().derived(),
                  c.eventType(),
                  ts(c.timestamp()),
                  Storable.text(start.queue(), ColumnLimits.QUEUE),
                  start.format() == null ? null : start.format().name(),
                  Storable.text(start.objectPath(), ColumnLimits.URL),
                  Storable.text(c.projectId(), ColumnLimits.PROJECT_ID),
                  Storable.text(c.jobId(), ColumnLimits.JOB_ID),
                  c.batchIndex(),
                  c.contentCount(),
                  c.platform() == null ? "UNKNOWN" : c.platform().name(),
                  Storable.text(c.taskType(), ColumnLimits.TASK_TYPE),
                  Storable.text(c.brandName(), ColumnLimits.BRAND_NAME),
                  Storable.text(c.keyword(), ColumnLimits.KEYWORD),
                  truncated ? Arrays.copyOf(body, MAX_RAW_BODY) : body,
                  truncated,
                  now,
                  now,
                  now);
              attempt = 1;
            } else {
              attempt = existing.get("attempts", Integer.class) + 1;
              tx.execute(
                  "UPDATE batch_ledger SET attempts = ?, status = CASE WHEN status IN ('SUCCEEDED', 'PARTIAL',"
                      + " 'FAILED', 'REJECTED', 'PARKED') THEN status ELSE 'PROCESSING' END, started_at = ?,"
                      + " next_attempt_at = NULL, updated_at = ?, format = COALESCE(format, ?),"
                      + " object_path = COALESCE(object_path, ?) WHERE event_id = ?",
                  attempt,
                  now,
                  now,
                  start.format() == null ? null : start.format().name(),
                  start.objectPath(),
                  c.eventId().value());
            }
            tx.execute(
                "INSERT INTO batch_attempts (event_id, attempt, kind, started_at) VALUES (?, ?, ?, ?)",
                c.eventId().value(),
                attempt,
                existing != null && existing.get("status", String.class).equals("PROCESSING")
                    ? "redelivery"
                    : "delivery",
                now);
            return new AttemptStart(attempt, previous);
          });
    } catch (RuntimeException e) {
      throw SqlFailures.translate(e);
    }
  }

  @Override
  public CommitOutcome commit(BatchCommit commit) {
    try {
      return dsl.transactionResult(
          cfg -> {
            DSLContext tx = DSL.using(cfg);
            Record row = lock(tx, commit.eventId());
            if (row == null) {
              throw new IllegalStateException(
                  "no ledger entry for " + commit.eventId() + "; begin() first");
            }
            if (BatchStatus.valueOf(row.get("status", String.class)).terminal()
                && !commit.replay()) {
              return CommitOutcome.ALREADY_COMMITTED;
            }
            int replays = row.get("replays", Integer.class) + (commit.replay() ? 1 : 0);
            String eventId = commit.eventId().value();
            if (commit.replay()) {
              tx.execute(
                  "DELETE FROM crawl_errors WHERE event_id = ? AND source = 'analytics'", eventId);
            }
            BatchCommit written =
                writeIsolated(
                    tx,
                    commit,
                    row.get("job_id", String.class),
                    row.get("batch_index", Integer.class));
            BatchCounts counts = written.counts();
            tx.execute(
                "UPDATE batch_ledger SET status = ?, project_id = ?, platform = ?, items = ?, succeeded = ?,"
                    + " crawler_errors = ?, analysis_errors = ?, expected = ?, last_error = NULL,"
                    + " last_error_detail = NULL, flags = ?::jsonb, warnings = ?::jsonb, finished_at = ?,"
                    + " fetch_ms = ?, processing_ms = ?, replays = ?, result = COALESCE(?::jsonb, result),"
                    + " next_attempt_at = NULL, updated_at = ? WHERE event_id = ?",
                written.status().name(),
                commit.projectId(),
                commit.platform().name(),
                counts.items(),
                counts.succeeded(),
                counts.crawlerErrors(),
                counts.analysisErrors(),
                counts.expected(),
                Json.write(commit.flags()),
                Json.write(Storable.warnings(written.warnings())),
                ts(commit.finishedAt()),
                commit.fetchTime().toMillis(),
                commit.processingTime().toMillis(),
                replays,
                written.result() == null ? null : Json.write(resultMap(written.result())),
                ts(commit.finishedAt()),
                eventId);
            closeAttempt(tx, eventId, written.status(), null, commit.finishedAt());
            outbox(
                tx,
                commit.eventId(),
                written.result(),
                commit.replay(),
                replays,
                commit.finishedAt());
            return CommitOutcome.COMMITTED;
          });
    } catch (RuntimeException e) {
      throw SqlFailures.translate(e);
    }
  }

  @Override
  public CommitOutcome fail(BatchFailure failure) {
    try {
      return dsl.transactionResult(
          cfg -> {
            DSLContext tx = DSL.using(cfg);
            Record row = lock(tx, failure.eventId());
            if (row == null) {
              throw new IllegalStateException(
                  "no ledger entry for " + failure.eventId() + "; begin() first");
            }
            if (BatchStatus.valueOf(row.get("status", String.class)).terminal()
                && !failure.replay()) {
              return CommitOutcome.ALREADY_COMMITTED;
            }
            int replays = row.get("replays", Integer.class) + (failure.replay() ? 1 : 0);
            tx.execute(
                "UPDATE batch_ledger SET status = ?, project_id = COALESCE(?, project_id), platform = ?,"
                    + " last_error = ?, last_error_detail = ?, flags = ?::jsonb, warnings = ?::jsonb,"
                    + " finished_at = ?, replays = ?, result = COALESCE(?::jsonb, result),"
                    + " next_attempt_at = NULL, updated_at = ? WHERE event_id = ?",
                failure.status().name(),
                failure.projectId(),
                failure.platform().name(),
                Storable.reason(failure.reason(), ColumnLimits.LAST_ERROR),
                Storable.reason(failure.detail(), MAX_DETAIL),
                Json.write(failure.flags()),
                Json.write(Storable.warnings(failure.warnings())),
                ts(failure.finishedAt()),
                replays,
                failure.result() == null ? null : Json.write(resultMap(failure.result())),
                ts(failure.finishedAt()),
                failure.eventId().value());
            closeAttempt(
                tx,
                failure.eventId().value(),
                failure.status(),
                failure.reason(),
                failure.finishedAt());
            outbox(
                tx,
                failure.eventId(),
                failure.result(),
                failure.replay(),
                replays,
                failure.finishedAt());
            return CommitOutcome.COMMITTED;
          });
    } catch (RuntimeException e) {
      throw SqlFailures.translate(e);
    }
  }

  @Override
  public java.util.Set<String> storedPostIds(EventId eventId) {
    try {
      java.util.Set<String> ids = new java.util.LinkedHashSet<>();
      for (Record r :
          dsl.fetch("SELECT id FROM post_analytics WHERE event_id = ?", eventId.value())) {
        ids.add(r.get("id", String.class));
      }
      return ids;
    } catch (RuntimeException e) {
      throw SqlFailures.translate(e);
    }
  }

  @Override
  public void retrying(EventId eventId, String error, Instant nextAttemptAt) {
    try {
      dsl.transaction(
          cfg -> {
            DSLContext tx = DSL.using(cfg);
            tx.execute(
                "UPDATE batch_ledger SET status = 'RETRYING', last_error = ?, next_attempt_at = ?,"
                    + " updated_at = now() WHERE event_id = ? AND status NOT IN"
                    + " ('SUCCEEDED', 'PARTIAL', 'FAILED', 'REJECTED', 'PARKED')",
                Storable.reason(error, ColumnLimits.LAST_ERROR),
                ts(nextAttemptAt),
                eventId.value());
            closeAttempt(tx, eventId.value(), BatchStatus.RETRYING, error, Instant.now());
          });
    } catch (RuntimeException e) {
      throw SqlFailures.translate(e);
    }
  }

  /**
   * Writes the batch's posts, comments and error rows in one batched statement each, inside a
   * savepoint. When the database refuses a row (a value no check foresaw), the savepoint is rolled
   * back and the rows are written one by one, each in its own savepoint: a refused post becomes an
   * INTERNAL_ERROR row with the database's reason, a refused comment is dropped with a warning, a
   * refused error row is stored plainly (no details) or, failing that, named in a warning. The rest
   * of the batch commits (CONTRACT 7). An unavailable database still fails the whole commit.
   *
   * @return the commit as written (counts, status and result recounted when posts were refused)
   */
  private static BatchCommit writeIsolated(
      DSLContext tx, BatchCommit commit, String jobId, Integer batchIndex) {
    String eventId = commit.eventId().value();
    String firstRefusal =
        refusal(
            tx,
            s -> {
              writePosts(s, commit.posts());
              writeComments(s, commit.comments());
              writeErrors(
                  s,
                  commit.errors(),
                  eventId,
                  commit.projectId(),
                  jobId,
                  batchIndex,
                  commit.finishedAt());
            });
    if (firstRefusal == null) {
      return commit;
    }
    List<String> warnings = new ArrayList<>();
    Map<String, CrawlError> refusedPosts = new LinkedHashMap<>();
    for (PostRecord post : commit.posts()) {
      String refusal = refusal(tx, s -> writePosts(s, List.of(post)));
      if (refusal != null) {
        warnings.add("post " + post.id() + ": the database refused its row (" + refusal + ")");
        refusedPosts.put(
            post.id(),
            new CrawlError(
                post.id(),
                post.platform().name(),
                ErrorCode.INTERNAL_ERROR,
                false,
                ErrorSource.ANALYTICS,
                "the database refused the analysed post: " + refusal,
                Map.of(),
                post.content().permalink()));
      }
    }
    List<CommentRecord> comments = new ArrayList<>();
    for (CommentRecord comment : commit.comments()) {
      if (refusedPosts.containsKey(comment.postId())) {
        continue;
      }
      String refusal = refusal(tx, s -> writeComments(s, List.of(comment)));
      if (refusal == null) {
        comments.add(comment);
      } else {
        warnings.add(
            "comment "
                + comment.commentId()
                + " of post "
                + comment.postId()
                + ": the database refused it ("
                + refusal
                + "); not stored");
      }
    }
    List<CrawlError> errors = new ArrayList<>();
    Map<String, CrawlError> postErrors = new LinkedHashMap<>();
    List<CrawlError> candidates = new ArrayList<>(commit.errors());
    candidates.addAll(refusedPosts.values());
    for (CrawlError error : candidates) {
      CrawlError stored = error;
      String refusal = writeError(tx, error, commit, jobId, batchIndex);
      if (refusal != null) {
        stored =
            new CrawlError(
                error.contentId(),
                error.platform(),
                error.code(),
                error.transientError(),
                error.source(),
                "the database refused this error row (" + refusal + "); its message was dropped",
                Map.of(),
                null);
        if (writeError(tx, stored, commit, jobId, batchIndex) != null) {
          warnings.add(
              "error row "
                  + error.code().value()
                  + " of "
                  + error.contentId()
                  + ": the database refused it ("
                  + refusal
                  + "); not stored");
          continue;
        }
      }
      if (refusedPosts.containsKey(error.contentId())
          && refusedPosts.get(error.contentId()) == error) {
        postErrors.put(error.contentId(), stored);
      } else {
        errors.add(stored);
      }
    }
    for (String refusedId : refusedPosts.keySet()) {
      postErrors.putIfAbsent(refusedId, refusedPosts.get(refusedId));
    }
    return commit.withRefusedRows(postErrors, errors, comments, warnings);
  }

  private static String writeError(
      DSLContext tx, CrawlError error, BatchCommit commit, String jobId, Integer batchIndex) {
    return refusal(
        tx,
        s ->
            writeErrors(
                s,
                List.of(error),
                commit.eventId().value(),
                commit.projectId(),
                jobId,
                batchIndex,
                commit.finishedAt()));
  }

  /**
   * Runs {@code write} in a savepoint: null when it succeeded, else the database's reason (the
   * savepoint rolled back). An unavailable database is rethrown, not a refusal.
   */
  private static String refusal(DSLContext tx, java.util.function.Consumer<DSLContext> write) {
    try {
      tx.transaction(nested -> write.accept(DSL.using(nested)));
      return null;
    } catch (RuntimeException e) {
      if (SqlFailures.unavailable(e)) {
        throw e;
      }
      return Storable.reason(SqlFailures.rootMessage(e), MAX_REFUSAL);
    }
  }

  private static Record lock(DSLContext tx, EventId eventId) {
    return tx.fetchOne(
        "SELECT status, replays, job_id, batch_index FROM batch_ledger WHERE event_id = ? FOR UPDATE",
        eventId.value());
  }

  private static void closeAttempt(
      DSLContext tx, String eventId, BatchStatus status, String error, Instant at) {
    tx.execute(
        "UPDATE batch_attempts SET finished_at = ?, status = ?, error = ? WHERE id ="
            + " (SELECT max(id) FROM batch_attempts WHERE event_id = ?)",
        ts(at),
        status.name(),
        Storable.reason(error, ColumnLimits.LAST_ERROR),
        eventId);
  }

  private static void outbox(
      DSLContext tx,
      EventId eventId,
      AnalyzeResult result,
      boolean replay,
      int replays,
      Instant at) {
    if (result == null) {
      return;
    }
    String messageId = replay ? eventId.value() + "#replay-" + replays : eventId.value();
    tx.execute(
        "INSERT INTO result_outbox (event_id, message_id, result, created_at, next_attempt_at)"
            + " VALUES (?, ?, ?::jsonb, ?, ?) ON CONFLICT (message_id) DO NOTHING",
        eventId.value(),
        messageId,
        Json.write(resultMap(result)),
        ts(at),
        ts(at));
  }

  /** The six fields of CONTRACT 6, in order. */
  static Map<String, Object> resultMap(AnalyzeResult result) {
    return StoredResult.fields(result);
  }

  private static void writePosts(DSLContext tx, List<PostRecord> posts) {
    if (posts.isEmpty()) {
      return;
    }
    BatchBindStep batch = tx.batch(UPSERT_POST);
    for (PostRecord p : posts) {
      PostRecord.CrawlMetadata m = p.crawl();
      PostRecord.Content content = p.content();
      PostRecord.AuthorInfo a = p.author();
      batch =
          batch.bind(
              p.id(),
              p.platform().name(),
              ts(p.publishedAt()),
              ts(p.analyzedAt()),
              p.sentiment().label(),
              p.sentiment().score(),
              p.sentiment().confidence(),
              p.primaryIntent(),
              p.intentConfidence(),
              p.impact().score(),
              p.impact().riskLevel(),
              p.impact().viral(),
              p.impact().kol(),
              Json.write(p.aspectsBreakdown()),
              Json.write(p.keywords()),
              Json.write(p.sentimentProbabilities()),
              Json.write(p.impactBreakdown()),
              p.metrics().views(),
              p.metrics().likes(),
              p.metrics().comments(),
              p.metrics().shares(),
              p.metrics().saves(),
              p.metrics().followers(),
              p.processingTimeMs(),
              p.modelVersion(),
              a.verified(),
              p.projectId(),
              m.eventId(),
              m.jobId(),
              m.batchIndex(),
              m.taskType(),
              m.keywordSource(),
              ts(m.crawledAt()),
              m.pipelineVersion(),
              m.brandName(),
              m.keyword(),
              content.text(),
              content.transcription(),
              content.durationSeconds(),
              content.hashtags() == null ? null : Json.write(content.hashtags()),
              content.permalink(),
              a.id(),
              a.name(),
              a.username(),
              a.avatarUrl());
    }
    batch.execute();
  }

  private static void writeComments(DSLContext tx, List<CommentRecord> comments) {
    if (comments.isEmpty()) {
      return;
    }
    BatchBindStep batch = tx.batch(INSERT_COMMENT);
    for (CommentRecord c : comments) {
      batch =
          batch.bind(
              c.postId(), c.commentId(), c.text(), c.authorName(), c.likes(), ts(c.commentedAt()));
    }
    batch.execute();
  }

  private static void writeErrors(
      DSLContext tx,
      List<CrawlError> errors,
      String eventId,
      String projectId,
      String jobId,
      Integer batchIndex,
      Instant at) {
    if (errors.isEmpty()) {
      return;
    }
    BatchBindStep batch = tx.batch(INSERT_ERROR);
    for (CrawlError e : errors) {
      batch =
          batch.bind(
              e.contentId(),
              projectId,
              jobId,
              e.platform(),
              e.code().value(),
              e.category().label(),
              e.message(),
              Json.write(e.details()),
              e.permalink(),
              ts(at),
              eventId,
              batchIndex,
              e.source().name().toLowerCase(),
              e.transientError());
    }
    batch.execute();
  }

  /**
   * A bind value for a timestamptz column (jOOQ binds an untyped OffsetDateTime as text in plain
   * SQL).
   */
  public static Timestamp ts(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }

  private static Instant instant(Record row, String column) {
    return instant(row.get(column));
  }

  /** A timestamptz column's value (jOOQ returns OffsetDateTime or Timestamp) as an Instant. */
  public static Instant instant(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof OffsetDateTime odt) {
      return odt.toInstant();
    }
    if (value instanceof Timestamp t) {
      return t.toInstant();
    }
    return Instant.parse(value.toString());
  }

  private static String json(Record row, String column) {
    Object value = row.get(column);
    return value == null ? null : value.toString();
  }

  /** A stored platform (written from {@link Platform#name()}), or null where none was named. */
  private static Platform platform(String stored) {
    return stored == null ? null : Platform.from(stored);
  }

  static BatchEntry entry(Record row) {
    EventContext context =
        new EventContext(
            new EventId(
                row.get("event_id", String.class), row.get("event_id_derived", Boolean.class)),
            row.get("event_type", String.class),
            instant(row, "event_timestamp"),
            row.get("project_id", String.class),
            row.get("job_id", String.class),
            row.get("batch_index", Integer.class),
            row.get("content_count", Integer.class),
            platform(row.get("platform", String.class)),
            row.get("task_type", String.class),
            row.get("brand_name", String.class),
            row.get("keyword", String.class));
    int items = row.get("items", Integer.class);
    BatchCounts counts =
        new BatchCounts(
            items,
            row.get("succeeded", Integer.class),
            row.get("crawler_errors", Integer.class),
            row.get("analysis_errors", Integer.class),
            row.get("expected", Integer.class));
    Map<String, Boolean> flags = new LinkedHashMap<>();
    Json.readMap(json(row, "flags")).forEach((k, v) -> flags.put(k, Boolean.TRUE.equals(v)));
    String format = row.get("format", String.class);
    return new BatchEntry(
        context,
        BatchStatus.valueOf(row.get("status", String.class)),
        row.get("attempts", Integer.class),
        row.get("replays", Integer.class),
        row.get("queue", String.class),
        format == null ? null : MessageFormat.valueOf(format),
        row.get("object_path", String.class),
        row.get("project_id", String.class),
        row.get("platform", String.class),
        counts,
        row.get("last_error", String.class),
        row.get("last_error_detail", String.class),
        flags,
        Json.readStrings(json(row, "warnings")),
        row.get("raw_body", byte[].class),
        row.get("raw_body_truncated", Boolean.class),
        instant(row, "received_at"),
        instant(row, "started_at"),
        instant(row, "finished_at"),
        row.get("fetch_ms", Long.class),
        row.get("processing_ms", Long.class));
  }
}
