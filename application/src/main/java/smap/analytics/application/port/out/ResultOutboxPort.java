package smap.analytics.application.port.out;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import smap.analytics.domain.console.UnroutableResult;

/**
 * Outgoing port: the transactional outbox of Collector results. A relay claims a row (it becomes
 * PUBLISHING under the relay's name with a lease), publishes it, and marks the broker's answer. It
 * renews the lease of every row it holds; another relay takes a row over only through {@link
 * #takeOver}, once that row's lease has stopped moving.
 */
public interface ResultOutboxPort {

  /**
   * Claims up to {@code limit} results that are due (pending, or failed or unroutable with their
   * retry time passed), oldest first, so that concurrent relays never take the same row.
   */
  List<OutboxMessage> claimDue(int limit, Instant now);

  /** The broker confirmed it. */
  void markPublished(long id, Instant at);

  /**
   * The broker returned it: no queue is bound to the result exchange. It stays visible as
   * unroutable, counts one more return, and is due again at {@code retryAt} (a binding may appear).
   */
  void markUnroutable(long id, Instant at, Instant retryAt);

  /** Publishing failed; try again at {@code retryAt}. */
  void markFailed(long id, String error, Instant retryAt);

  /** Gives back a claimed row that was not tried (due again at once, attempt not counted). */
  void release(long id, Instant now);

  /** Extends the lease of rows this relay holds, so no other relay takes them over. */
  void renew(Collection<Long> ids, Instant now);

  /** Rows held by a relay whose lease has passed: candidates for {@link #takeOver}. */
  List<Lease> expiredLeases(int limit, Instant now);

  /**
   * Takes over a row whose lease passed, provided the lease is still the one observed ({@code
   * beat}): its holder renewed nothing since.
   */
  Optional<OutboxMessage> takeOver(long id, long beat, Instant now);

  /** Results not yet published (pending, failed or being published). */
  long backlog();

  /** Results now marked unroutable, oldest first, at most {@code limit}. */
  List<UnroutableResult> unroutable(int limit);

  /**
   * Makes the given rows due at {@code now}, those of them still marked unroutable (an operator's
   * resend; the relay publishes them on its next pass).
   *
   * @return the ids made due
   */
  List<Long> resendUnroutable(Collection<Long> ids, Instant now);

  /**
   * A row held by a relay.
   *
   * @param holder the relay holding it
   * @param beat a counter that moves with every claim and renewal
   */
  record Lease(long id, String holder, long beat) {}
}
