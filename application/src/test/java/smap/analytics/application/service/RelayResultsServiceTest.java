package smap.analytics.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import smap.analytics.application.fake.InMemoryFeatureFlags;
import smap.analytics.application.fake.InMemoryResultOutbox;
import smap.analytics.application.fake.RecordingMetrics;
import smap.analytics.application.fake.RecordingResultPublisher;
import smap.analytics.application.port.out.FlagChange;
import smap.analytics.application.port.out.ResultPublisherPort.PublishOutcome;
import smap.analytics.domain.batch.AnalyzeResult;
import smap.analytics.domain.batch.EventId;
import smap.analytics.domain.flag.FeatureFlag;
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
  void anUnroutableResultIsKeptVisibleAndCounted() {
    addResult("e1");
    publisher.answer(PublishOutcome.UNROUTABLE);

    relay.relayPending(10);

    assertThat(outbox.rows().get(0).status).isEqualTo("UNROUTABLE");
    assertThat(metrics.calls()).contains("resultPublished unroutable");
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
}
