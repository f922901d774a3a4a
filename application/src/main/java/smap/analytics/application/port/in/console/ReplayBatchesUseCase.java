package smap.analytics.application.port.in.console;

import java.util.List;
import java.util.Optional;
import smap.analytics.domain.console.BatchFilter;
import smap.analytics.domain.replay.ReplayJob;

/**
 * Use case: replay a filtered set of batches. {@link #preview} freezes the set and shows its exact
 * count and a sample; {@link #start} replays that frozen set server-side at a capped rate, never
 * whatever matches the filter later.
 */
public interface ReplayBatchesUseCase {

  Preview preview(PreviewCommand command);

  Optional<ReplayJob> start(long jobId, String operator);

  Optional<ReplayJob> pause(long jobId, String operator);

  Optional<ReplayJob> resume(long jobId, String operator);

  Optional<ReplayJob> cancel(long jobId, String operator);

  List<ReplayJob> jobs();

  Optional<ReplayJob> job(long jobId);

  /** The first event ids of a job's frozen set, in replay order. */
  List<String> sample(long jobId, int limit);

  /**
   * Replays what each running job may replay now at its rate, one batch a job, and finishes jobs
   * whose items all have an outcome; returns how many batches it replayed. Scheduled a few times a
   * second; safe on several instances at once (an item is taken by one runner at a time).
   */
  int runDue();

  /**
   * @param idempotencyKey the form's one-time key: a second preview with it returns the same job
   */
  record PreviewCommand(
      BatchFilter filter,
      String filterText,
      String operator,
      String reason,
      boolean republish,
      int ratePerSecond,
      String idempotencyKey) {}

  /** The frozen job (status DRAFT until started) and its first event ids. */
  record Preview(ReplayJob job, List<String> sample) {}
}
