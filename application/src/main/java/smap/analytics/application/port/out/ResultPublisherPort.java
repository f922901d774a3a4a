package smap.analytics.application.port.out;

/** Outgoing port: publish one result to the Collector and wait for the broker's answer. */
public interface ResultPublisherPort {

  /**
   * Publishes persistently with publisher confirms and {@code mandatory}.
   *
   * @throws smap.analytics.domain.failure.DependencyUnavailableException broker down or no confirm
   *     in time
   */
  PublishOutcome publish(OutboxMessage message);

  /** The broker's answer. */
  enum PublishOutcome {
    /** Confirmed and routed to at least one queue. */
    CONFIRMED,
    /** Returned: no queue bound for the routing key. */
    UNROUTABLE,
    /** Negatively confirmed by the broker. */
    NACKED
  }
}
