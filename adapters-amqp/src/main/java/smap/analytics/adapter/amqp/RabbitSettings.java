package smap.analytics.adapter.amqp;

import java.net.URI;
import java.util.Objects;

/**
 * Broker settings of CONTRACT 1.
 *
 * @param concurrency batches processed at once: one channel with prefetch 1 each
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
    int concurrency) {

  public RabbitSettings {
    Objects.requireNonNull(url, "url");
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be >= 1, got " + concurrency);
    }
  }

  /** The dead-letter exchange, named after the dead-letter queue. */
  public String deadLetterExchange() {
    return deadLetterQueue + ".dlx";
  }
}
