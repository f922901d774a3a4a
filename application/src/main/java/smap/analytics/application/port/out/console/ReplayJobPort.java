package smap.analytics.application.port.out.console;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import smap.analytics.domain.console.BatchFilter;
import smap.analytics.domain.replay.ReplayJob;
import smap.analytics.domain.replay.ReplayJobState;

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

  /** Sets the job's state; returns false when the job is unknown. */
  boolean setStatus(long id, ReplayJobState status, Instant at);

  /**
   * Takes the next item of a RUNNING job, marking it taken at {@code now}: an item taken before
   * {@code staleBefore} and never finished (its runner died) first, else the next pending one. Two
   * runners never take the same item at once.
   */
  Optional<String> claimNext(long id, Instant now, Instant staleBefore);

  /** The items of a job that are not finished: pending, or taken and not yet finished. */
  int unfinished(long id);

  /**
   * Records the outcome of a taken item and counts it on the job; an item already finished (by a
   * runner thought dead that finished after all) is not counted twice.
   */
  void finishItem(long id, String eventId, ItemResult result, String message, Instant at);

  /** What became of one item of a job (also its stored form). */
  enum ItemResult {
    /** Replayed. */
    DONE,
    /** The replay failed (the batch's outcome says why). */
    FAILED,
    /** Not replayed: already submitted, unknown, or not finished yet. */
    SKIPPED
  }

  /** A job to create. */
  record NewJob(
      String idempotencyKey,
      String createdBy,
      Instant createdAt,
      String reason,
      String filterText,
      boolean republish,
      int ratePerSecond) {}
}
