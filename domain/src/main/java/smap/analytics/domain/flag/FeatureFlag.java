package smap.analytics.domain.flag;

/**
 * The operator's switches. Each has a stable key (stored, and used in the console's URLs), a
 * default and a one-line description.
 */
public enum FeatureFlag {
  CONSUMPTION_PAUSED(
      "consumption-paused", false, "Kill switch: stop taking new messages from every input queue."),
  BATCH_FORMAT("batch-format", true, "Accept batched data.collected events (payload.minio_path)."),
  LEGACY_FORMAT(
      "legacy-format",
      true,
      "Consume the legacy queue and accept legacy data_ref and inline single-post messages."),
  RESULT_PUBLISHING(
      "result-publishing", true, "Publish per-batch results to the Collector (outbox relay)."),
  STORE_CRAWLER_ERRORS(
      "store-crawler-errors", true, "Store crawler error items as crawl_errors rows."),
  STAGE_KEYWORDS("stage-keywords", true, "Analysis stage: aspect keyword extraction."),
  STAGE_SENTIMENT("stage-sentiment", true, "Analysis stage: overall sentiment."),
  STAGE_ASPECT_SENTIMENT(
      "stage-aspect-sentiment", true, "Analysis stage: sentiment per aspect (needs keywords)."),
  STAGE_IMPACT("stage-impact", true, "Analysis stage: impact score and risk level.");

  private final String key;
  private final boolean defaultValue;
  private final String description;

  FeatureFlag(String key, boolean defaultValue, String description) {
    this.key = key;
    this.defaultValue = defaultValue;
    this.description = description;
  }

  public String key() {
    return key;
  }

  public boolean defaultValue() {
    return defaultValue;
  }

  public String description() {
    return description;
  }

  /**
   * True for the analysis-stage flags, the only ones that may be rolled out to a percentage of the
   * batches: the others (formats, kill switch, publishing) act on queues and instances, not on one
   * batch, so "on for 10 % of events" would mean nothing for them.
   */
  public boolean percentageRollout() {
    return key.startsWith("stage-");
  }

  /** The flag with this key. */
  public static FeatureFlag fromKey(String key) {
    for (FeatureFlag flag : values()) {
      if (flag.key.equals(key)) {
        return flag;
      }
    }
    throw new IllegalArgumentException("unknown feature flag '" + key + "'");
  }
}
