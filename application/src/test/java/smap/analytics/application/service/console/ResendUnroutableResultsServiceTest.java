package smap.analytics.application.service.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import smap.analytics.application.fake.InMemoryAuditLog;
import smap.analytics.application.fake.InMemoryResultOutbox;
import smap.analytics.application.fake.ManualClock;
import smap.analytics.application.fake.RecordingMetrics;
import smap.analytics.application.port.in.console.ResendUnroutableResultsUseCase.ResendCommand;
import smap.analytics.application.port.in.console.ResendUnroutableResultsUseCase.ResendOutcome;
import smap.analytics.application.port.out.OutboxMessage;
import smap.analytics.domain.audit.AuditEntry;
import smap.analytics.domain.batch.AnalyzeResult;
import smap.analytics.domain.batch.EventId;

class ResendUnroutableResultsServiceTest {

  private final ManualClock clock = new ManualClock();
  private final InMemoryResultOutbox outbox = new InMemoryResultOutbox();
  private final InMemoryAuditLog audit = new InMemoryAuditLog();
  private final RecordingMetrics metrics = new RecordingMetrics();
  private final ResendUnroutableResultsService service =
      new ResendUnroutableResultsService(outbox, audit, metrics, clock);

  /** Three results the broker returned, due again only in an hour. */
  private List<Long> threeUnroutable() {
    for (String id : List.of("e1", "e2", "e3")) {
      outbox.add(EventId.of(id), id, new AnalyzeResult("p", "p-brand-0", 2, 1, 1));
    }
    Instant later = clock.instant().plusSeconds(3600);
    return outbox.claimDue(10, clock.instant()).stream()
        .map(OutboxMessage::id)
        .peek(id -> outbox.markUnroutable(id, clock.instant(), later))
        .toList();
  }

  @Test
  void aSelectionIsMadeDueAtOnceAuditedAndCounted() {
    List<Long> ids = threeUnroutable();
    assertThat(service.list()).hasSize(3);

    ResendOutcome outcome =
        service.resend(new ResendCommand(List.of(ids.get(0), ids.get(2)), "ana", "queue bound"));

    assertThat(outcome.queued()).containsExactly(ids.get(0), ids.get(2));
    assertThat(outcome.skipped()).isEmpty();
    assertThat(outbox.claimDue(10, clock.instant()))
        .extracting(OutboxMessage::messageId)
        .containsExactly("e1", "e3");
    AuditEntry entry = audit.list(null, "result-resend", 10).get(0);
    assertThat(entry.actor()).isEqualTo("ana");
    assertThat(entry.outcome()).isEqualTo("ok");
    assertThat(entry.reason()).isEqualTo("queue bound");
    assertThat(entry.target()).isEqualTo("2 results");
    assertThat(metrics.calls()).contains("unroutableResendRequested queued 2");
  }

  @Test
  void aResultNoLongerUnroutableIsSkippedAndSaidSo() {
    List<Long> ids = threeUnroutable();
    outbox.resendUnroutable(List.of(ids.get(1)), clock.instant());
    long published = outbox.claimDue(10, clock.instant()).get(0).id();
    outbox.markPublished(published, clock.instant());

    ResendOutcome outcome = service.resend(new ResendCommand(List.of(published), "ana", null));

    assertThat(outcome.queued()).isEmpty();
    assertThat(outcome.skipped()).containsExactly(published);
    assertThat(outcome.message()).contains("1 skipped");
    assertThat(audit.list(null, "result-resend", 10).get(0).outcome()).isEqualTo("failed");
    assertThat(metrics.calls()).contains("unroutableResendRequested skipped 1");
  }

  @Test
  void anEmptyOrOversizedSelectionIsRefused() {
    assertThatThrownBy(() -> new ResendCommand(List.of(), "ana", null))
        .hasMessageContaining("at least one");
    assertThatThrownBy(
            () ->
                new ResendCommand(
                    java.util.stream.LongStream.range(0, 501).boxed().toList(), "ana", null))
        .hasMessageContaining("at most 500");
  }
}
