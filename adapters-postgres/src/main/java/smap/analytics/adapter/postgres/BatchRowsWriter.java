package smap.analytics.adapter.postgres;

import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.excluded;
import static smap.analytics.adapter.postgres.schema.Tables.CRAWL_ERRORS;
import static smap.analytics.adapter.postgres.schema.Tables.POST_ANALYTICS;
import static smap.analytics.adapter.postgres.schema.Tables.POST_COMMENTS;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertOnDuplicateStep;
import org.jooq.Query;
import org.jooq.TableField;
import org.jooq.impl.DSL;
import smap.analytics.adapter.postgres.BatchRowsMapper.ErrorRowContext;
import smap.analytics.adapter.postgres.schema.tables.records.CrawlErrorsRecord;
import smap.analytics.adapter.postgres.schema.tables.records.PostAnalyticsRecord;
import smap.analytics.adapter.postgres.schema.tables.records.PostCommentsRecord;
import smap.analytics.application.port.out.BatchCommit;
import smap.analytics.domain.error.CrawlError;
import smap.analytics.domain.error.ErrorCode;
import smap.analytics.domain.error.ErrorSource;
import smap.analytics.domain.post.CommentRecord;
import smap.analytics.domain.post.PostRecord;
import smap.analytics.domain.storable.Storable;

/**
 * Writes a batch's posts, comments and error rows: one multi-row typed INSERT each. {@link
 * #writeIsolated} finds the rows the database refuses, with savepoints. The columns and conflict
 * clauses are package-visible for the benchmark's COPY writer, which measured slower (README,
 * Benchmarks).
 */
final class BatchRowsWriter {

  /** Characters of the database's refusal kept in the row or warning that records it. */
  private static final int MAX_REFUSAL = 300;

  /** The analysis of a post: a redelivered post takes the new one. */
  private static final List<TableField<PostAnalyticsRecord, ?>> POST_ANALYSIS =
      List.of(
          POST_ANALYTICS.PLATFORM,
          POST_ANALYTICS.PUBLISHED_AT,
          POST_ANALYTICS.ANALYZED_AT,
          POST_ANALYTICS.OVERALL_SENTIMENT,
          POST_ANALYTICS.OVERALL_SENTIMENT_SCORE,
          POST_ANALYTICS.OVERALL_CONFIDENCE,
          POST_ANALYTICS.PRIMARY_INTENT,
          POST_ANALYTICS.INTENT_CONFIDENCE,
          POST_ANALYTICS.IMPACT_SCORE,
          POST_ANALYTICS.RISK_LEVEL,
          POST_ANALYTICS.IS_VIRAL,
          POST_ANALYTICS.IS_KOL,
          POST_ANALYTICS.ASPECTS_BREAKDOWN,
          POST_ANALYTICS.KEYWORDS,
          POST_ANALYTICS.SENTIMENT_PROBABILITIES,
          POST_ANALYTICS.IMPACT_BREAKDOWN,
          POST_ANALYTICS.VIEW_COUNT,
          POST_ANALYTICS.LIKE_COUNT,
          POST_ANALYTICS.COMMENT_COUNT,
          POST_ANALYTICS.SHARE_COUNT,
          POST_ANALYTICS.SAVE_COUNT,
          POST_ANALYTICS.FOLLOWER_COUNT,
          POST_ANALYTICS.PROCESSING_TIME_MS,
          POST_ANALYTICS.MODEL_VERSION,
          POST_ANALYTICS.AUTHOR_IS_VERIFIED);

  /** A post's crawl metadata: a redelivery keeps the stored value where the new one is missing. */
  private static final List<TableField<PostAnalyticsRecord, ?>> POST_METADATA =
      List.of(
          POST_ANALYTICS.PROJECT_ID,
          POST_ANALYTICS.EVENT_ID,
          POST_ANALYTICS.JOB_ID,
          POST_ANALYTICS.BATCH_INDEX,
          POST_ANALYTICS.TASK_TYPE,
          POST_ANALYTICS.KEYWORD_SOURCE,
          POST_ANALYTICS.CRAWLED_AT,
          POST_ANALYTICS.PIPELINE_VERSION,
          POST_ANALYTICS.BRAND_NAME,
          POST_ANALYTICS.KEYWORD,
          POST_ANALYTICS.CONTENT_TEXT,
          POST_ANALYTICS.CONTENT_TRANSCRIPTION,
          POST_ANALYTICS.MEDIA_DURATION,
          POST_ANALYTICS.HASHTAGS,
          POST_ANALYTICS.PERMALINK,
          POST_ANALYTICS.AUTHOR_ID,
          POST_ANALYTICS.AUTHOR_NAME,
          POST_ANALYTICS.AUTHOR_USERNAME,
          POST_ANALYTICS.AUTHOR_AVATAR_URL);

  /** The columns a post row sets, in the order they are written. */
  static final List<TableField<PostAnalyticsRecord, ?>> POST_COLUMNS = postColumns();

  /** The columns a comment row sets, in the order they are written. */
  static final List<TableField<PostCommentsRecord, ?>> COMMENT_COLUMNS =
      List.of(
          POST_COMMENTS.POST_ID,
          POST_COMMENTS.COMMENT_ID,
          POST_COMMENTS.TEXT,
          POST_COMMENTS.AUTHOR_NAME,
          POST_COMMENTS.LIKES,
          POST_COMMENTS.COMMENTED_AT);

  /** The columns an error row sets, in the order they are written. */
  static final List<TableField<CrawlErrorsRecord, ?>> ERROR_COLUMNS =
      List.of(
          CRAWL_ERRORS.CONTENT_ID,
          CRAWL_ERRORS.PROJECT_ID,
          CRAWL_ERRORS.JOB_ID,
          CRAWL_ERRORS.PLATFORM,
          CRAWL_ERRORS.ERROR_CODE,
          CRAWL_ERRORS.ERROR_CATEGORY,
          CRAWL_ERRORS.ERROR_MESSAGE,
          CRAWL_ERRORS.ERROR_DETAILS,
          CRAWL_ERRORS.PERMALINK,
          CRAWL_ERRORS.CREATED_AT,
          CRAWL_ERRORS.EVENT_ID,
          CRAWL_ERRORS.BATCH_INDEX,
          CRAWL_ERRORS.SOURCE,
          CRAWL_ERRORS.TRANSIENT);

  private static final MultiRowInsert<PostAnalyticsRecord> POSTS =
      new MultiRowInsert<>(POST_ANALYTICS, POST_COLUMNS, BatchRowsWriter::postConflict);

  private static final MultiRowInsert<PostCommentsRecord> COMMENTS =
      new MultiRowInsert<>(POST_COMMENTS, COMMENT_COLUMNS, BatchRowsWriter::commentConflict);

  private static final MultiRowInsert<CrawlErrorsRecord> ERRORS =
      new MultiRowInsert<>(CRAWL_ERRORS, ERROR_COLUMNS, BatchRowsWriter::errorConflict);

  private BatchRowsWriter() {}

  private static List<TableField<PostAnalyticsRecord, ?>> postColumns() {
    List<TableField<PostAnalyticsRecord, ?>> columns = new ArrayList<>();
    columns.add(POST_ANALYTICS.ID);
    columns.addAll(POST_ANALYSIS);
    columns.addAll(POST_METADATA);
    return columns;
  }

  /** A post's conflict: the new analysis, and the crawl metadata where the new one is present. */
  static Query postConflict(InsertOnDuplicateStep<PostAnalyticsRecord> insert) {
    return insert.onConflict(POST_ANALYTICS.ID).doUpdate().set(postUpsert());
  }

  /** A redelivered comment is not stored twice. */
  static Query commentConflict(InsertOnDuplicateStep<PostCommentsRecord> insert) {
    return insert.onConflict(POST_COMMENTS.POST_ID, POST_COMMENTS.COMMENT_ID).doNothing();
  }

  /** One error row per event, item and code. */
  static Query errorConflict(InsertOnDuplicateStep<CrawlErrorsRecord> insert) {
    return insert
        .onConflict(CRAWL_ERRORS.EVENT_ID, CRAWL_ERRORS.CONTENT_ID, CRAWL_ERRORS.ERROR_CODE)
        .doNothing();
  }

  private static Map<Field<?>, Field<?>> postUpsert() {
    Map<Field<?>, Field<?>> set = new LinkedHashMap<>();
    POST_ANALYSIS.forEach(column -> set.put(column, excluded(column)));
    POST_METADATA.forEach(column -> set.put(column, merged(column)));
    return set;
  }

  private static <T> Field<T> merged(Field<T> column) {
    return coalesce(excluded(column), column);
  }

  /** Writes every row in one statement per table; the caller's transaction fails on a refusal. */
  static void writeAll(DSLContext tx, BatchCommit commit, ErrorRowContext batch) {
    writePosts(tx, commit.posts());
    writeComments(tx, commit.comments());
    writeErrors(tx, commit.errors(), batch);
  }

  /**
   * Writes the rows one table at a time, each in a savepoint. When the database refuses a row (a
   * value no check foresaw), the rows are written one by one, each in its own savepoint: a refused
   * post becomes an INTERNAL_ERROR row with the database's reason, a refused comment is dropped
   * with a warning, a refused error row is stored plainly (no details) or, failing that, named in a
   * warning. The rest of the batch commits (CONTRACT 7). An unavailable database still fails the
   * whole commit.
   *
   * @return the commit as written (counts, status and result recounted when posts were refused)
   */
  static BatchCommit writeIsolated(DSLContext tx, BatchCommit commit, ErrorRowContext batch) {
    if (refusal(tx, s -> writeAll(s, commit, batch)) == null) {
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
      String refusal = refusal(tx, s -> writeErrors(s, List.of(error), batch));
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
        CrawlError plain = stored;
        if (refusal(tx, s -> writeErrors(s, List.of(plain), batch)) != null) {
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
      if (refusedPosts.get(error.contentId()) == error) {
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

  /**
   * Runs {@code write} in a savepoint: null when it succeeded, else the database's reason (the
   * savepoint rolled back). An unavailable database is rethrown, not a refusal.
   */
  private static String refusal(DSLContext tx, Consumer<DSLContext> write) {
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

  private static void writePosts(DSLContext tx, List<PostRecord> posts) {
    POSTS.execute(tx, posts.stream().map(BatchRowsMapper::post).toList());
  }

  private static void writeComments(DSLContext tx, List<CommentRecord> comments) {
    COMMENTS.execute(tx, comments.stream().map(BatchRowsMapper::comment).toList());
  }

  private static void writeErrors(DSLContext tx, List<CrawlError> errors, ErrorRowContext batch) {
    ERRORS.execute(tx, errors.stream().map(e -> BatchRowsMapper.error(e, batch)).toList());
  }
}
