package smap.analytics.domain.post;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import smap.analytics.domain.batch.Platform;

/**
 * One row of {@code post_analytics}: the analysed post with its crawler and batch metadata. The
 * JSON columns are JDK trees (maps and lists in a deterministic order).
 *
 * <p>Crawler-metadata fields that are null never blank a stored value on upsert (CONTRACT 8).
 */
public record PostRecord(
    String id,
    String projectId,
    Platform platform,
    Instant publishedAt,
    Instant analyzedAt,
    Sentiment sentiment,
    String primaryIntent,
    double intentConfidence,
    Impact impact,
    Map<String, Object> aspectsBreakdown,
    List<Map<String, Object>> keywords,
    Map<String, Object> sentimentProbabilities,
    Map<String, Object> impactBreakdown,
    Metrics metrics,
    int processingTimeMs,
    String modelVersion,
    CrawlMetadata crawl,
    Content content,
    AuthorInfo author) {

  public PostRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(platform, "platform");
    Objects.requireNonNull(publishedAt, "publishedAt");
    Objects.requireNonNull(analyzedAt, "analyzedAt");
    Objects.requireNonNull(sentiment, "sentiment");
    Objects.requireNonNull(primaryIntent, "primaryIntent");
    Objects.requireNonNull(impact, "impact");
    Objects.requireNonNull(metrics, "metrics");
    Objects.requireNonNull(crawl, "crawl");
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(author, "author");
    aspectsBreakdown = aspectsBreakdown == null ? Map.of() : aspectsBreakdown;
    keywords = keywords == null ? List.of() : keywords;
    sentimentProbabilities = sentimentProbabilities == null ? Map.of() : sentimentProbabilities;
    impactBreakdown = impactBreakdown == null ? Map.of() : impactBreakdown;
  }

  /** Overall sentiment: label POSITIVE/NEGATIVE/NEUTRAL, score in [-1, 1], confidence in [0, 1]. */
  public record Sentiment(String label, double score, double confidence) {}

  /** Impact score 0..100, risk level LOW/MEDIUM/HIGH/CRITICAL and the two flags. */
  public record Impact(double score, String riskLevel, boolean viral, boolean kol) {}

  /** Raw engagement counts as the crawler reported them (64-bit: YouTube views exceed 2^31). */
  public record Metrics(
      long views, long likes, long comments, long shares, long saves, long followers) {}

  /** The ten batch/crawler columns of the seeds, and the event's brand and keyword. */
  public record CrawlMetadata(
      String eventId,
      String jobId,
      Integer batchIndex,
      String taskType,
      String keywordSource,
      Instant crawledAt,
      String pipelineVersion,
      String brandName,
      String keyword) {}

  /** The post's own content. */
  public record Content(
      String text,
      String transcription,
      Integer durationSeconds,
      List<String> hashtags,
      String permalink) {}

  /** The author columns. */
  public record AuthorInfo(
      String id, String name, String username, String avatarUrl, boolean verified) {}
}
