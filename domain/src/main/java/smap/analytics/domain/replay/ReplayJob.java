package smap.analytics.domain.replay;

import java.time.Instant;

/** A job and its progress. */
public record ReplayJob(
    long id,
    String createdBy,
    Instant createdAt,
    String reason,
    String filter,
    boolean republish,
    int ratePerSecond,
    ReplayJobState status,
    int total,
    int done,
    int failed,
    int skipped,
    Instant updatedAt) {
  public int remaining() {
    return total - done - failed - skipped;
  }
}
