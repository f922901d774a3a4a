package smap.analytics.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import smap.analytics.application.fake.InMemoryFeatureFlags;
import smap.analytics.application.fake.InMemoryResultOutbox;
import smap.analytics.application.fake.ManualClock;
import smap.analytics.application.fake.RecordingMetrics;
import smap.analytics.application.fake.RecordingResultPublisher;
import smap.analytics.application.port.out.OutboxMessage;
import smap.analytics.application.port.out.ResultPublisherPort.PublishOutcome;
import smap.analytics.domain.batch.AnalyzeResult;
import smap.analytics.domain.batch.EventId;
import smap.analytics.domain.delivery.Backoff;
import smap.analytics.domain.flag.FeatureFlag;
import smap.analytics.domain.flag.FlagChange;
import smap.analytics.domain.flag.FlagScope;

class RelayResultsServiceTest {

  private final Clock clock = Clock.fixed(Instant.parse("2025-12-17T10:00:00Z"), ZoneOffset.UTC);
  private final InMemoryResultOutbox outbox = new InMemoryResultOutbox();
  private final RecordingResultPublisher publisher = new RecordingResultPublisher();
  private final RecordingMetrics metrics = new RecordingMetrics();
  private final InMemoryFeatureFlags flagStore = new InMemoryFeatureFlags();
  private final FeatureFlagCache flags = new FeatureFlagCache(flagStore, "test", clock);
  private final RelayResultsService relay =
      new RelayResultsService(outbox, publisher, metrics, flags, clock);

  private void addResult(String eventId) {
    outbox.add(EventId.of(eventId), eventId, new AnalyzeResult("p", "p-brand-0", 50, 48, 2));
  }

  @Test
  void confirmedResultsAreMarkedPublishedOnce() {
    addResult("e1");
    addResult("e2");

    assertThat(relay.relayPending(10)).isEqualTo(2);
    assertThat(relay.relayPending(10)).isZero();

    assertThat(publisher.published()).extracting(m -> m.messageId()).containsExactly("e1", "e2");
    assertThat(outbox.rows()).extracting(r -> r.status).containsOnly("PUBLISHED");
    assertThat(outbox.backlog()).isZero();
  }

  @Test
  void anUnroutableResultIsKeptVisibleCountedAndRetriedWithAGrowingPauseUntilDelivered() {
    ManualClock moving = new ManualClock();
    RelayResultsService relay =
        new RelayResultsService(
            outbox,
            publisher,
            metrics,
            flags,
            moving,
            new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(2), 0),
            Duration.ofSeconds(30),
            new Backoff(Duration.ofSeconds(30), Duration.ofSeconds(100), 0));
    addResult("e1");
    publisher.answer(PublishOutcome.UNROUTABLE);

    relay.relayPending(10);

    InMemoryResultOutbox.Row row = outbox.rows().get(0);
    assertThat(row.status).isEqualTo("UNROUTABLE");
    assertThat(row.unroutableReturns).isEqualTo(1);
    assertThat(row.nextAttemptAt).isEqualTo(moving.instant().plusSeconds(30));
    assertThat(metrics.calls()).contains("resultPublished unroutable");
    assertThat(outbox.backlog()).isZero();

    // 30 s, then 60 s, then the cap of 100 s: retries never stop, their pause grows.
    long[] pauses = {30, 60, 100, 100};
    for (int i = 0; i < pauses.length - 1; i++) {
      moving.advance(Duration.ofSeconds(pauses[i]).minusMillis(1));
      assertThat(relay.relayPending(10)).as("not before its retry time").isZero();
      moving.advance(Duration.ofMillis(1));
      assertThat(relay.relayPending(10)).isEqualTo(1);
      assertThat(outbox.rows().get(0).nextAttemptAt)
          .isEqualTo(moving.instant().plusSeconds(pauses[i + 1]));
    }
    assertThat(metrics.calls()).contains("unroutableRetried unroutable");

    publisher.answer(PublishOutcome.CONFIRMED); // a queue is bound now
    moving.advance(Duration.ofSeconds(100));
    assertThat(relay.relayPending(10)).isEqualTo(1);
    moving.advance(Duration.ofHours(2));
    assertThat(relay.relayPending(10)).isZero();

    assertThat(outbox.rows().get(0).status).isEqualTo("PUBLISHED");
    assertThat(publisher.published()).hasSize(5);
    assertThat(metrics.calls()).containsOnlyOnce("unroutableRetried confirmed");
  }

  @Test
  void aNackOrAnOutageSchedulesARetryAndLosesNothing() {
    addResult("e1");
    addResult("e2");
    publisher.setDown(true);

    relay.relayPending(10);

    assertThat(outbox.rows()).extracting(r -> r.status).containsExactly("FAILED", "PENDING");
    assertThat(outbox.rows().get(0).nextAttemptAt).isEqualTo(clock.instant().plusSeconds(2));
    assertThat(outbox.backlog()).isEqualTo(2);
  }

  @Test
  void aPassRelaysFullPagesUntilOneComesBackShort() {
    int backlog = 2 * RelayResultsService.PAGE + 7;
    for (int i = 0; i < backlog; i++) {
      addResult("e" + i);
    }

    assertThat(relay.relayDue()).isEqualTo(backlog);

    assertThat(publisher.published()).hasSize(backlog);
    assertThat(outbox.rows()).extracting(r -> r.status).containsOnly("PUBLISHED");
    assertThat(relay.relayDue()).as("nothing left for the next pass").isZero();
  }

  @Test
  void aPassEndsAtAnOutageOfTheBrokerOrTheDatabaseWithoutThrowing() {
    for (int i = 0; i < 2 * RelayResultsService.PAGE; i++) {
      addResult("e" + i);
    }
    publisher.setDown(true);

    assertThat(relay.relayDue()).as("the first try failed, the rest of its page released").isOne();
    assertThat(outbox.rows()).extracting(r -> r.status).containsOnlyOnce("FAILED");
    assertThat(outbox.backlog()).isEqualTo(2 * RelayResultsService.PAGE);

    publisher.setDown(false);
    outbox.setDown(true);
    assertThat(relay.relayDue()).isZero();
  }

  @Test
  void resultsWaitWhilePublishingIsSwitchedOff() {
    flagStore.change(
        new FlagChange(
            FeatureFlag.RESULT_PUBLISHING,
            FlagScope.GLOBAL,
            false,
            "ops",
            "collector maintenance",
            clock.instant(),
            0));
    flags.refresh();
    addResult("e1");

    assertThat(relay.relayPending(10)).isZero();
    assertThat(publisher.published()).isEmpty();
    assertThat(outbox.backlog()).isEqualTo(1);
  }

  private RelayResultsService relay(
      ManualClock moving, smap.analytics.application.port.out.ResultPublisherPort to) {
    return new RelayResultsService(
        outbox,
        to,
        metrics,
        flags,
        moving,
        new Backoff(Duration.ofMillis(1), Duration.ofMillis(2), 0),
        Duration.ofSeconds(30));
  }

  private static void afterThePause() throws InterruptedException {
    Thread.sleep(10);
  }

  @Test
  void aPageThatTakesLongerThanTheLeaseKeepsItsRowsLeasedWithARenewalEveryThirdOfALease() {
    ManualClock moving = new ManualClock();
    for (int i = 1; i <= 10; i++) {
      addResult("e" + i);
    }
    List<String> expiredWhileHeld = new ArrayList<>();
    RelayResultsService relay =
        relay(
            moving,
            message -> {
              // Each publish takes 4 s: the page of 10 takes 40 s against a 30 s lease.
              moving.advance(Duration.ofSeconds(4));
              for (InMemoryResultOutbox.Row row : outbox.rows()) {
                if (row.status.equals("PUBLISHING")
                    && !row.nextAttemptAt.isAfter(moving.instant())) {
                  expiredWhileHeld.add(row.messageId);
                }
              }
              return PublishOutcome.CONFIRMED;
            });

    assertThat(relay.relayPending(10)).isEqualTo(10);

    assertThat(expiredWhileHeld).as("rows whose lease ran out while the relay held them").isEmpty();
    assertThat(outbox.rows()).extracting(r -> r.status).containsOnly("PUBLISHED");
    // Claimed once, renewed only after a third of the lease: at 12 s, 24 s and 36 s.
    assertThat(outbox.rows())
        .extracting(r -> r.beat)
        .containsExactly(1L, 1L, 1L, 2L, 2L, 2L, 3L, 3L, 3L, 4L);
  }

  @Test
  void passesManyTimesASecondLookForExpiredLeasesOnceASecond() {
    ManualClock moving = new ManualClock();
    RelayResultsService relay = relay(moving, publisher);
    for (int i = 0; i < 20; i++) {
      addResult("e" + i);
      relay.relayPending(10);
      moving.advance(Duration.ofMillis(100));
    }
    assertThat(publisher.published()).hasSize(20);
    assertThat(outbox.leaseLooks).as("20 passes in 2 s").isEqualTo(2);
  }

  @Test
  void aConfirmedResultWhoseMarkFailsIsKeptMarkedLaterAndNeverPublishedAgain() throws Exception {
    ManualClock moving = new ManualClock();
    addResult("e1");
    List<OutboxMessage> sent = new ArrayList<>();
    RelayResultsService relay =
        relay(
            moving,
            message -> {
              sent.add(message);
              outbox.setDown(true); // the database goes away between the confirm and the mark
              return PublishOutcome.CONFIRMED;
            });

    relay.relayPending(10);
    assertThat(relay.pendingMarks()).isEqualTo(1);
    for (int i = 0; i < 5; i++) {
      moving.advance(Duration.ofSeconds(20));
      afterThePause();
      assertThat(relay.relayPending(10)).isZero();
    }
    outbox.setDown(false);
    afterThePause();
    relay.relayPending(10);
    moving.advance(Duration.ofSeconds(60));
    afterThePause();
    relay.relayPending(10);

    assertThat(sent).hasSize(1);
    assertThat(relay.pendingMarks()).isZero();
    assertThat(outbox.rows().get(0).status).isEqualTo("PUBLISHED");
  }

  @Test
  void aRowIsTakenOverOnlyAfterItsLeaseStoodStillForALeaseWithTheDatabaseUp() throws Exception {
    ManualClock moving = new ManualClock();
    addResult("e1");
    outbox.holdBy(1, "relay-A", moving.instant().minusSeconds(1));
    RelayResultsService relay = relay(moving, publisher);

    relay.relayPending(10); // first sight of relay-A's lease
    outbox.setDown(true);
    moving.advance(Duration.ofSeconds(31));
    afterThePause();
    relay.relayPending(10);
    outbox.setDown(false);
    afterThePause();
    relay.relayPending(10); // the outage reset what was watched: first sight again
    assertThat(publisher.published()).as("the holder may still be alive").isEmpty();

    moving.advance(Duration.ofSeconds(20));
    outbox.holdBy(1, "relay-A", moving.instant().minusSeconds(1)); // relay-A renewed
    relay.relayPending(10);
    moving.advance(Duration.ofSeconds(20));
    relay.relayPending(10);
    assertThat(publisher.published()).as("the holder renewed 20 s ago").isEmpty();

    moving.advance(Duration.ofSeconds(11));
    relay.relayPending(10);
    assertThat(publisher.published()).as("stood still for 31 s: taken over").hasSize(1);
    assertThat(outbox.rows().get(0).status).isEqualTo("PUBLISHED");
  }
}
