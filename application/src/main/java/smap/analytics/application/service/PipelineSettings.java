package smap.analytics.application.service;

import java.time.Duration;
import java.util.Objects;
import smap.analytics.domain.batch.BatchSizePolicy;
import smap.analytics.domain.delivery.Backoff;
import smap.analytics.domain.delivery.DeliveryPolicy;
import smap.analytics.domain.error.ErrorCodePolicy;

/**
 * Settings of the event pipeline, read once at start.
 *
 * @param batchSizes expected batch size per platform (a mismatch is a warning)
 * @param errorCodes which crawler error codes are transient
 * @param retry how transient failures are retried
 * @param pipelineVersionPrefix prefix of {@code pipeline_version}, followed by the platform
 * @param crawlResultsBucket the only bucket batch objects are read from ({@code MINIO_BUCKET});
 *     null reads any bucket the credentials reach
 */
public record PipelineSettings(
    BatchSizePolicy batchSizes,
    ErrorCodePolicy errorCodes,
    RetryPolicy retry,
    String pipelineVersionPrefix,
    String crawlResultsBucket) {

  public PipelineSettings {
    Objects.requireNonNull(batchSizes, "batchSizes");
    Objects.requireNonNull(errorCodes, "errorCodes");
    Objects.requireNonNull(retry, "retry");
    Objects.requireNonNull(pipelineVersionPrefix, "pipelineVersionPrefix");
    if (crawlResultsBucket != null && crawlResultsBucket.isBlank()) {
      throw new IllegalArgumentException("crawlResultsBucket must not be blank");
    }
  }

  /** Settings that read any bucket. */
  public PipelineSettings(
      BatchSizePolicy batchSizes,
      ErrorCodePolicy errorCodes,
      RetryPolicy retry,
      String pipelineVersionPrefix) {
    this(batchSizes, errorCodes, retry, pipelineVersionPrefix, null);
  }

  /** The same settings, reading only {@code bucket}. */
  public PipelineSettings onlyBucket(String bucket) {
    return new PipelineSettings(batchSizes, errorCodes, retry, pipelineVersionPrefix, bucket);
  }

  /** The defaults of CONTRACT 3, 4 and 7. */
  public static PipelineSettings defaults() {
    return new PipelineSettings(
        BatchSizePolicy.defaults(), ErrorCodePolicy.defaults(), RetryPolicy.defaults(), "crawler_");
  }

  /**
   * Retry budget of transient failures (CONTRACT 7).
   *
   * @param maxAttempts deliveries of one event before a transient failure becomes FAILED
   * @param initialBackoff pause after the first transient failure; doubles per attempt
   * @param maxBackoff upper bound of the pause
   * @param notFoundRetries in-place retries when the batch object is missing (it may still be
   *     uploading), before the batch is FAILED
   * @param notFoundDelay delay between those retries
   * @param poisonAttempts attempts that ended without an outcome (the process died or a bug threw)
   *     before the message is parked in the dead-letter queue
   */
  public record RetryPolicy(
      int maxAttempts,
      Duration initialBackoff,
      Duration maxBackoff,
      int notFoundRetries,
      Duration notFoundDelay,
      int poisonAttempts) {

    public RetryPolicy {
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be >= 1, got " + maxAttempts);
      }
      if (notFoundRetries < 0) {
        throw new IllegalArgumentException("notFoundRetries must be >= 0, got " + notFoundRetries);
      }
      if (poisonAttempts < 2) {
        throw new IllegalArgumentException("poisonAttempts must be >= 2, got " + poisonAttempts);
      }
      Objects.requireNonNull(initialBackoff, "initialBackoff");
      Objects.requireNonNull(maxBackoff, "maxBackoff");
      Objects.requireNonNull(notFoundDelay, "notFoundDelay");
    }

    /** 8 deliveries, 1 s doubling to 60 s, 3 not-found retries 1 s apart, parked after 3. */
    public static RetryPolicy defaults() {
      return new RetryPolicy(
          8, Duration.ofSeconds(1), Duration.ofSeconds(60), 3, Duration.ofSeconds(1), 3);
    }

    /** The pause after failed attempt number {@code attempt} (1-based), before jitter. */
    public Duration backoff(int attempt) {
      return backoffRule().ceiling(attempt);
    }

    /** The backoff rule of the consumer and the relay. */
    public Backoff backoffRule() {
      return Backoff.exponential(initialBackoff, maxBackoff);
    }

    /** The domain's failure policy with these budgets. */
    public DeliveryPolicy policy() {
      return new DeliveryPolicy(maxAttempts, poisonAttempts, backoffRule());
    }
  }
}
