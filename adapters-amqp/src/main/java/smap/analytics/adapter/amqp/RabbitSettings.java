package smap.analytics.adapter.amqp;

import java.net.URI;
import java.util.Objects;

/**
 * Broker settings of CONTRACT 1.
 *
 * @param concurrency batches processed at once: one channel with prefetch 1 each
 * @param eventQueueType {@code classic} or {@code quorum}: the type the input queue is declared
 *     with
 * @param eventQueueDeliveryLimit quorum only: deliveries of one message before the broker
 *     dead-letters it
 */
public record RabbitSettings(
    URI url,
    String eventExchange,
    String eventQueue,
    String eventRoutingKey,
    String legacyQueue,
    String deadLetterQueue,
    String publishExchange,
    String publishRoutingKey,
    int concurrency,
    String eventQueueType,
    int eventQueueDeliveryLimit) {

  public RabbitSettings {
    Objects.requireNonNull(url, "url");
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be >= 1, got " + concurrency);
    }
    if (!"classic".equals(eventQueueType) && !"quorum".equals(eventQueueType)) {
      throw new IllegalArgumentException(
          "eventQueueType must be classic or quorum, got " + eventQueueType);
    }
    if (eventQueueDeliveryLimit < 1) {
      throw new IllegalArgumentException(
          "eventQueueDeliveryLimit must be >= 1, got " + eventQueueDeliveryLimit);
    }
  }

  /** Settings with a classic input queue. */
  public RabbitSettings(
      URI url,
      String eventExchange,
      String eventQueue,
      String eventRoutingKey,
      String legacyQueue,
      String deadLetterQueue,
      String publishExchange,
      String publishRoutingKey,
      int concurrency) {
    this(
        url,
        eventExchange,
        eventQueue,
        eventRoutingKey,
        legacyQueue,
        deadLetterQueue,
        publishExchange,
        publishRoutingKey,
        concurrency,
        "classic",
        20);
  }

  /** The same settings with the input queue declared as {@code type}. */
  public RabbitSettings withEventQueueType(String type, int deliveryLimit) {
    return new RabbitSettings(
        url,
        eventExchange,
        eventQueue,
        eventRoutingKey,
        legacyQueue,
        deadLetterQueue,
        publishExchange,
        publishRoutingKey,
        concurrency,
        type,
        deliveryLimit);
  }

  /** True when the input queue is a quorum queue. */
  public boolean quorum() {
    return "quorum".equals(eventQueueType);
  }

  /** The dead-letter exchange, named after the dead-letter queue. */
  public String deadLetterExchange() {
    return deadLetterQueue + ".dlx";
  }
}
