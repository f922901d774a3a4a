package smap.analytics.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import smap.analytics.application.port.out.ResultOutboxPort.Lease;
import smap.analytics.domain.batch.AnalyzeResult;
import smap.analytics.domain.batch.EventId;

/**
 * Contract of {@link ResultOutboxPort}, run against the in-memory fake and the PostgreSQL adapter:
 * claims, the broker's answers, release, and the lease a relay renews and another takes over.
 */
public abstract class ResultOutboxPortContractTest {

  protected static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  /** The name of the relay {@link #outbox()} claims as. */
  protected static final String RELAY = "relay-1";

  /** How long a claim or a renewal holds a row, in both implementations under test. */
  protected static final long LEASE_SECONDS = 30;

  /** The outbox as relay {@link #RELAY} sees it, with a lease of {@link #LEASE_SECONDS}. */
  protected abstract ResultOutboxPort outbox();

  /** Writes a pending result for {@code eventId} (message id the same), due at {@link #NOW}. */
  protected abstract void seed(EventId eventId, AnalyzeResult result);

  private static final AnalyzeResult RESULT = new AnalyzeResult("proj", "job-1", 50, 47, 3);

  @Test
  void claimsTakeEachDueRowOnceOldestFirstAndCarryTheResult() {
    ResultOutboxPort outbox = outbox();
    seed(EventId.of("o-1"), RESULT);
    seed(EventId.of("o-2"), RESULT);
    seed(EventId.of("o-3"), AnalyzeResult.allFailed("proj", "job-3", 10));

    List<OutboxMessage> first = outbox.claimDue(2, NOW);
    List<OutboxMessage> second = outbox.claimDue(2, NOW);

    assertThat(first).extracting(OutboxMessage::messageId).containsExactly("o-1", "o-2");
    assertThat(first).extracting(OutboxMessage::attempts).containsExactly(1, 1);
    assertThat(first.get(0).result()).isEqualTo(RESULT);
    assertThat(second).extracting(OutboxMessage::messageId).containsExactly("o-3");
    assertThat(second.get(0).result()).isEqualTo(AnalyzeResult.allFailed("proj", "job-3", 10));
    assertThat(outbox.claimDue(10, NOW)).as("claimed rows are leased").isEmpty();
    assertThat(outbox.backlog()).as("rows being published are backlog").isEqualTo(3);
  }

  @Test
  void aPublishedOrUnroutableRowLeavesTheBacklogForGood() {
    ResultOutboxPort outbox = outbox();
    seed(EventId.of("o-1"), RESULT);
    seed(EventId.of("o-2"), RESULT);
    List<OutboxMessage> claimed = outbox.claimDue(10, NOW);

    outbox.markPublished(claimed.get(0).id(), NOW.plusSeconds(1));
    outbox.markUnroutable(claimed.get(1).id(), NOW.plusSeconds(1), NOW.plusSeconds(7200));

    assertThat(outbox.backlog()).isZero();
    assertThat(outbox.claimDue(10, NOW.plusSeconds(3600))).isEmpty();
    assertThat(outbox.expiredLeases(10, NOW.plusSeconds(3600))).isEmpty();
    assertThat(outbox.claimDue(10, NOW.plusSeconds(7200)))
        .as("an unroutable row is tried again at its retry time; a published one never")
        .extracting(OutboxMessage::id)
        .containsExactly(claimed.get(1).id());
  }

  @Test
  void aReleasedRowIsDueAtOnceWithoutCountingTheAttempt() {
    ResultOutboxPort outbox = outbox();
    seed(EventId.of("o-1"), RESULT);
    OutboxMessage claimed = outbox.claimDue(10, NOW).get(0);

    outbox.release(claimed.id(), NOW.plusSeconds(1));

    List<OutboxMessage> again = outbox.claimDue(10, NOW.plusSeconds(1));
    assertThat(again).extracting(OutboxMessage::id).containsExactly(claimed.id());
    assertThat(again.get(0).attempts()).isEqualTo(1);
  }

  @Test
  void aFailedRowIsDueAgainAtItsRetryTimeWithItsAttemptsCounted() {
    ResultOutboxPort outbox = outbox();
    seed(EventId.of("o-1"), RESULT);
    OutboxMessage claimed = outbox.claimDue(10, NOW).get(0);

    outbox.markFailed(claimed.id(), "broker away", NOW.plusSeconds(10));

    assertThat(outbox.claimDue(10, NOW.plusSeconds(9))).isEmpty();
    assertThat(outbox.backlog()).isEqualTo(1);
    assertThat(outbox.claimDue(10, NOW.plusSeconds(10)))
        .extracting(OutboxMessage::attempts)
        .containsExactly(2);
  }

  @Test
  void aLeaseThatPassedIsTakenOverOnceAndOnlyWhileItsBeatIsTheOneObserved() {
    ResultOutboxPort outbox = outbox();
    seed(EventId.of("o-1"), RESULT);
    OutboxMessage claimed = outbox.claimDue(10, NOW).get(0);

    assertThat(outbox.expiredLeases(10, NOW.plusSeconds(LEASE_SECONDS - 1))).isEmpty();
    List<Lease> expired = outbox.expiredLeases(10, NOW.plusSeconds(LEASE_SECONDS + 1));
    assertThat(expired).extracting(Lease::id).containsExactly(claimed.id());
    assertThat(expired.get(0).holder()).isEqualTo(RELAY);

    Lease lease = expired.get(0);
    assertThat(outbox.takeOver(lease.id(), lease.beat(), NOW.plusSeconds(LEASE_SECONDS + 1)))
        .hasValueSatisfying(taken -> assertThat(taken.attempts()).isEqualTo(2));
    assertThat(outbox.takeOver(lease.id(), lease.beat(), NOW.plusSeconds(LEASE_SECONDS + 2)))
        .as("the beat moved with the takeover")
        .isEmpty();
    assertThat(outbox.expiredLeases(10, NOW.plusSeconds(LEASE_SECONDS + 2))).isEmpty();
  }

  @Test
  void aRenewedLeaseDoesNotExpireAndItsBeatMoves() {
    ResultOutboxPort outbox = outbox();
    seed(EventId.of("o-1"), RESULT);
    OutboxMessage claimed = outbox.claimDue(10, NOW).get(0);
    long beat = outbox.expiredLeases(10, NOW.plusSeconds(LEASE_SECONDS)).get(0).beat();

    outbox.renew(List.of(claimed.id()), NOW.plusSeconds(20));

    assertThat(outbox.expiredLeases(10, NOW.plusSeconds(LEASE_SECONDS + 1))).isEmpty();
    List<Lease> later = outbox.expiredLeases(10, NOW.plusSeconds(20 + LEASE_SECONDS));
    assertThat(later).extracting(Lease::id).containsExactly(claimed.id());
    assertThat(later.get(0).beat()).isNotEqualTo(beat);
    assertThat(outbox.takeOver(claimed.id(), beat, NOW.plusSeconds(20 + LEASE_SECONDS)))
        .as("a beat observed before the renewal is stale")
        .isEmpty();
  }
}
