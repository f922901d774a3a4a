package smap.analytics.application.port.in;

/** Use case: publish pending results from the outbox to the Collector. */
public interface RelayResultsUseCase {

  /**
   * Publishes up to {@code limit} pending results, oldest first.
   *
   * @return how many were handled (published, or marked unroutable or failed)
   */
  int relayPending(int limit);

  /**
   * One pass of the relay, scheduled a few times a second: relays page after page until a page
   * comes back short (nothing more is due now), so a backlog drains without waiting for the next
   * pass. Its error policy: the database or the broker away never escapes a pass (the relay pauses
   * with its growing backoff, keeps the broker answers it could not record, and the pass ends);
   * anything else ends the pass by throwing, for the scheduler to log before the next pass. An
   * interrupted thread ends the pass after the current page.
   *
   * @return how many results the pass handled
   */
  int relayDue();
}
