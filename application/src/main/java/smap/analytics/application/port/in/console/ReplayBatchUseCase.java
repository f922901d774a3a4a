package smap.analytics.application.port.in.console;

import java.util.Objects;
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

  /** What happened: status "ok", "duplicate", "not-found", "not-replayable" or "failed". */
  record ReplayOutcome(String status, String batchStatus, String message) {}
}
