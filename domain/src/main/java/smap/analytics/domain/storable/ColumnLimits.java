package smap.analytics.domain.storable;

import java.util.List;

/**
 * The one place that knows how long a stored value may be. Each bounded value names the columns it
 * is written to; its limit is the smallest of their declared {@code VARCHAR} lengths in the Flyway
 * scripts (a test reads the scripts and checks every number). Values stored in {@code TEXT} columns
 * have a bound of our own, so one field cannot hold megabytes.
 */
public enum ColumnLimits {
  EVENT_ID(
      200,
      "batch_ledger.event_id",
      "batch_attempts.event_id",
      "post_analytics.event_id",
      "crawl_errors.event_id",
      "result_outbox.event_id"),
  EVENT_TYPE(100, "batch_ledger.event_type"),
  QUEUE(255, "batch_ledger.queue"),
  PROJECT_ID(
      100, "batch_ledger.project_id", "post_analytics.project_id", "crawl_errors.project_id"),
  JOB_ID(200, "batch_ledger.job_id", "post_analytics.job_id", "crawl_errors.job_id"),
  PLATFORM(20, "batch_ledger.platform", "post_analytics.platform", "crawl_errors.platform"),
  TASK_TYPE(50, "batch_ledger.task_type", "post_analytics.task_type"),
  BRAND_NAME(100, "batch_ledger.brand_name", "post_analytics.brand_name"),
  KEYWORD(200, "batch_ledger.keyword", "post_analytics.keyword", "post_analytics.keyword_source"),
  POST_ID(100, "post_analytics.id", "post_comments.post_id", "crawl_errors.content_id"),
  COMMENT_ID(200, "post_comments.comment_id"),
  AUTHOR_ID(100, "post_analytics.author_id"),
  AUTHOR_NAME(200, "post_analytics.author_name", "post_comments.author_name"),
  AUTHOR_USERNAME(100, "post_analytics.author_username"),
  PIPELINE_VERSION(50, "post_analytics.pipeline_version"),
  MODEL_VERSION(50, "post_analytics.model_version"),
  ERROR_CODE(50, "crawl_errors.error_code"),
  ERROR_CATEGORY(30, "crawl_errors.error_category"),
  // TEXT columns: bounds of our own.
  /** A post's text, transcription or a comment's text (the analysis reads at most this much). */
  CONTENT_TEXT(
      Bound.TEXT,
      200_000,
      "post_analytics.content_text",
      "post_analytics.content_transcription",
      "post_comments.text"),
  /** A link (permalink, avatar) or an object path: no real one is longer. */
  URL(
      Bound.TEXT,
      4_096,
      "post_analytics.permalink",
      "post_analytics.author_avatar_url",
      "crawl_errors.permalink",
      "batch_ledger.object_path"),
  /** A crawler's or our own error message on an item. */
  ERROR_MESSAGE(Bound.TEXT, 4_000, "crawl_errors.error_message"),
  /** The reason a batch failed, loaded by every console poll. */
  LAST_ERROR(
      Bound.TEXT,
      2_048,
      "batch_ledger.last_error",
      "batch_attempts.error",
      "result_outbox.last_error"),
  /** One hashtag of a post. */
  HASHTAG(Bound.JSON, 200, "post_analytics.hashtags"),
  /** One entry of a batch's warnings. */
  WARNING(Bound.JSON, 500, "batch_ledger.warnings");

  /** How the limit is set. */
  public enum Bound {
    /** By the column's declared {@code VARCHAR(n)}. */
    DECLARED,
    /** By this service: the column is {@code TEXT}. */
    TEXT,
    /** By this service, per entry of a JSONB array. */
    JSON
  }

  private final Bound bound;
  private final int limit;
  private final List<String> columns;

  ColumnLimits(int limit, String... columns) {
    this(Bound.DECLARED, limit, columns);
  }

  ColumnLimits(Bound bound, int limit, String... columns) {
    this.bound = bound;
    this.limit = limit;
    this.columns = List.of(columns);
  }

  /** Most characters a value may have. */
  public int limit() {
    return limit;
  }

  public Bound bound() {
    return bound;
  }

  /** The columns ({@code table.column}) the value is written to. */
  public List<String> columns() {
    return columns;
  }
}
