package smap.analytics.application.port.out;

import java.time.Instant;
import java.util.List;

/** Outgoing port: the transactional outbox of Collector results. */
public interface ResultOutboxPort {

  /**
   * Claims up to {@code limit} results that are due (pending, or failed with their retry time
   * passed), oldest first, so that concurrent relays never take the same row.
   */
  List<OutboxMessage> claimDue(int limit, Instant now);

  /** The broker confirmed it. */
  void markPublished(long id, Instant at);

  /** The broker returned it: no queue is bound to the result exchange. It stays visible. */
  void markUnroutable(long id, Instant at);

  /** Publishing failed; try again at {@code retryAt}. */
  void markFailed(long id, String error, Instant retryAt);

  /** Results not yet published (pending or failed). */
  long backlog();
}
