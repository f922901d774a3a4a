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
 */
public record OutboxMessage(
    long id, EventId eventId, String messageId, AnalyzeResult result, int attempts) {
  public OutboxMessage {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(result, "result");
  }
}
