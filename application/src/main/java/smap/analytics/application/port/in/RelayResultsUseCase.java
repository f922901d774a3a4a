package smap.analytics.application.port.in;

/** Use case: publish pending results from the outbox to the Collector. */
public interface RelayResultsUseCase {

  /**
   * Publishes up to {@code limit} pending results, oldest first.
   *
   * @return how many were handled (published, or marked unroutable or failed)
   */
  int relayPending(int limit);
}
