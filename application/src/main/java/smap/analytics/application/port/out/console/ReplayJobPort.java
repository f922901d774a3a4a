package smap.analytics.application.port.out.console;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import smap.analytics.application.port.out.console.ConsoleQueryPort.BatchFilter;

/** Outgoing port: replay jobs over a frozen set of batches. */
public interface ReplayJobPort {

  /**
   * Freezes the batches matching {@code filter} (replayable ones, newest first, at most {@code
   * max}) into a new DRAFT job; with an idempotency key already used, returns that job instead.
   */
  ReplayJob createDraft(NewJob job, BatchFilter filter, int max);

  Optional<ReplayJob> find(long id);

  /** The first {@code limit} event ids of a job, in order. */
  List<String> sample(long id, int limit);

  /** Jobs, newest first. */
  List<ReplayJob> list(int limit);

  /** Sets the status (RUNNING, PAUSED, CANCELLED, DONE); returns false when the job is unknown. */
  boolean setStatus(long id, String status, Instant at);

  /** Takes the next pending item of a RUNNING job (so that two runners never take the same one). */
  Optional<String> claimNext(long id);

  /** Records an item's outcome (DONE, FAILED, SKIPPED) and counts it on the job. */
  void finishItem(long id, String eventId, String state, String message, Instant at);

  /** A job to create. */
  record NewJob(
      String idempotencyKey,
      String createdBy,
      Instant createdAt,
      String reason,
      String filterText,
      boolean republish,
      int ratePerSecond) {}

  /** A job and its progress. */
  record ReplayJob(
      long id,
      String createdBy,
      Instant createdAt,
      String reason,
      String filter,
      boolean republish,
      int ratePerSecond,
      String status,
      int total,
      int done,
      int failed,
      int skipped,
      Instant updatedAt) {
    public int remaining() {
      return total - done - failed - skipped;
    }
  }
}
