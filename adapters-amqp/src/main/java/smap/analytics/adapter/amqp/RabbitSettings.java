package smap.analytics.adapter.amqp;

import java.net.URI;
import java.util.Objects;

/**
 * Broker settings of CONTRACT 1.
 *
 * @param concurrency batches processed at once: one channel each
 * @param eventQueueType {@code classic} or {@code quorum}: the type the input queue is declared
 *     with
 * @param eventQueueDeliveryLimit quorum only: deliveries of one message before the broker
 *     dead-letters it
 * @param prefetch deliveries each consumer channel holds at once (basic.qos): 1 asks for the next
 *     message only after the ack, more keeps the next one waiting in the client while the channel
 *     works
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
    int eventQueueDeliveryLimit,
    int prefetch) {

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
    if (prefetch < 1) {
      throw new IllegalArgumentException("prefetch must be >= 1, got " + prefetch);
    }
  }

  /** Settings with a classic input queue and prefetch 1 per channel. */
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
        20,
        1);
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
        deliveryLimit,
        prefetch);
  }

  /** The same settings with {@code n} deliveries held by each consumer channel. */
  public RabbitSettings withPrefetch(int n) {
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
        eventQueueType,
        eventQueueDeliveryLimit,
        n);
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
