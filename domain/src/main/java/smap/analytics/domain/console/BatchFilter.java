package smap.analytics.domain.console;

import java.time.Instant;

/**
 * Filters of the batch list; null means "any".
 *
 * @param search a full event id, or a prefix of one
 * @param error text the last error contains
 */
public record BatchFilter(
    String status,
    String platform,
    String projectId,
    String jobId,
    String error,
    String search,
    Instant from,
    Instant to) {
  public static final BatchFilter ANY =
      new BatchFilter(null, null, null, null, null, null, null, null);
}
