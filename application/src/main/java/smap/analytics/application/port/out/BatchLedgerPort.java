package smap.analytics.application.port.out;

import java.time.Instant;
import java.util.Optional;
import smap.analytics.domain.batch.EventId;
import smap.analytics.domain.ledger.BatchEntry;

/**
 * Outgoing port: the batch ledger and everything a batch writes. {@link #commit} and {@link #fail}
 * are each one transaction, so a batch's effects are all there or not at all.
 */
public interface BatchLedgerPort {

  /** The ledger entry of an event, if any. */
  Optional<BatchEntry> find(EventId eventId);

  /**
   * Records that an attempt starts: creates the entry (status PROCESSING, attempt 1) or counts one
   * more attempt on it (a terminal entry keeps its status until a replay commits). Keeps the raw
   * message (bounded) the first time.
   *
   * @return the entry as it was before this call (empty for a new event), and the attempt number
   */
  AttemptStart begin(BatchStart start);

  /**
   * As {@link #begin}, for a delivery that is not a replay: when the entry is already terminal (a
   * duplicate delivery), records nothing and returns attempt 0 with the entry. An adapter reads and
   * writes in one round trip; this default does it in two.
   */
  default AttemptStart beginUnlessFinished(BatchStart start) {
    Optional<BatchEntry> known = find(start.context().eventId());
    if (known.isPresent() && known.get().status().terminal()) {
      return new AttemptStart(0, known);
    }
    return begin(start);
  }

  /**
   * Counts one more duplicate delivery on a terminal entry (one {@link #beginUnlessFinished} found
   * finished), which is acknowledged without work.
   *
   * @return the entry's duplicate deliveries so far, this one included; 0 when there is no entry
   */
  int countDuplicate(EventId eventId);

  /**
   * Writes the batch's posts, comments, error rows, final ledger state and (optionally) the outbox
   * row, in one transaction. Idempotent: when the entry is already terminal and the commit is not a
   * replay, writes nothing and says so.
   */
  CommitOutcome commit(BatchCommit commit);

  /**
   * Records a terminal failure (REJECTED, FAILED or PARKED) with its reason and, optionally, an
   * error result in the outbox, in one transaction. Idempotent like {@link #commit}.
   */
  CommitOutcome fail(BatchFailure failure);

  /** Ids of the posts this event stored (for a replay of only the items that failed). */
  java.util.Set<String> storedPostIds(EventId eventId);

  /** Records a transient failure: status RETRYING, the error, and when the next try is due. */
  void retrying(EventId eventId, String error, Instant nextAttemptAt);

  /** What {@link #commit} and {@link #fail} did. */
  enum CommitOutcome {
    COMMITTED,
    ALREADY_COMMITTED
  }

  /** Result of {@link #begin}: the attempt number and the entry before it. */
  record AttemptStart(int attempt, Optional<BatchEntry> previous) {

    /** True when {@link #beginUnlessFinished} found the entry already terminal. */
    public boolean finished() {
      return attempt == 0;
    }
  }
}
