package smap.analytics.application.port.in.console;

import java.util.Objects;
import smap.analytics.domain.batch.BatchStatus;
import smap.analytics.domain.batch.EventId;

/**
 * Use case: replay one batch from its stored message: re-fetch, re-analyse, commit idempotently,
 * and publish a Collector result again only when asked. Unparks a parked batch.
 */
public interface ReplayBatchUseCase {

  ReplayOutcome replay(ReplayCommand command);

  /**
   * @param idempotencyKey the form's one-time key: a second submission with it does nothing
   */
  record ReplayCommand(
      EventId eventId,
      String operator,
      String reason,
      boolean republish,
      boolean onlyFailedItems,
      String idempotencyKey) {
    public ReplayCommand {
      Objects.requireNonNull(eventId, "eventId");
      Objects.requireNonNull(operator, "operator");
    }
  }

  /** What happened to a replay request, with a message for the operator. */
  sealed interface ReplayOutcome {

    String message();

    /**
     * The outcome as one word, as the audit log and the JSON API name it: ok, duplicate, not-found,
     * not-replayable or failed.
     */
    default String code() {
      return switch (this) {
        case Replayed r -> "ok";
        case AlreadySubmitted a -> "duplicate";
        case NotFound n -> "not-found";
        case NotReplayable n -> "not-replayable";
        case Failed f -> "failed";
      };
    }

    /** The batch's status after the request, where there is a batch. */
    default BatchStatus batchStatus() {
      return null;
    }

    /** The batch was processed again; {@code batchStatus} is its new status. */
    record Replayed(BatchStatus batchStatus, String message) implements ReplayOutcome {
      public Replayed {
        Objects.requireNonNull(batchStatus, "batchStatus");
      }
    }

    /** This request (its one-time key) was already submitted; nothing was done again. */
    record AlreadySubmitted(String message) implements ReplayOutcome {}

    /** No batch has that event id. */
    record NotFound(String message) implements ReplayOutcome {}

    /** The batch cannot be replayed now (still running, or its stored message is truncated). */
    record NotReplayable(BatchStatus batchStatus, String message) implements ReplayOutcome {}

    /** The replay ran and failed: RETRYING (a dependency is away) or PARKED (it crashed). */
    record Failed(BatchStatus batchStatus, String message) implements ReplayOutcome {}
  }
}
