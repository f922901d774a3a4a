package smap.analytics.application.port.out;

import java.util.Objects;
import smap.analytics.domain.batch.AnalyzeResult;
import smap.analytics.domain.batch.EventId;

/**
 * One result waiting in the outbox.
 *
 * @param messageId the AMQP {@code message_id}: the batch's event id (a republished replay gets a
 *     suffix so the Collector can tell it is deliberate)
 * @param attempts publish attempts so far
 * @param unroutableReturns how often the broker returned it as unroutable (0: never)
 */
public record OutboxMessage(
    long id,
    EventId eventId,
    String messageId,
    AnalyzeResult result,
    int attempts,
    int unroutableReturns) {
  public OutboxMessage {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(result, "result");
    if (unroutableReturns < 0) {
      throw new IllegalArgumentException("unroutableReturns must not be negative");
    }
  }

  /** A result the broker never returned. */
  public OutboxMessage(
      long id, EventId eventId, String messageId, AnalyzeResult result, int attempts) {
    this(id, eventId, messageId, result, attempts, 0);
  }
}
