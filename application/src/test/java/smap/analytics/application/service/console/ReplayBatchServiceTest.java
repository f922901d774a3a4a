package smap.analytics.application.service.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import smap.analytics.application.fake.InMemoryAuditLog;
import smap.analytics.application.fake.InMemoryBatchLedger;
import smap.analytics.application.fake.InMemoryBatchObjects;
import smap.analytics.application.fake.InMemoryFeatureFlags;
import smap.analytics.application.fake.InMemoryResultOutbox;
import smap.analytics.application.port.in.ProcessDeliveryCommand;
import smap.analytics.application.port.in.console.ReplayBatchUseCase.ReplayCommand;
import smap.analytics.application.port.in.console.ReplayBatchUseCase.ReplayOutcome;
import smap.analytics.application.port.out.PipelineMetricsPort;
import smap.analytics.application.service.FeatureFlagCache;
import smap.analytics.application.service.PipelineSettings;
import smap.analytics.application.service.ProcessDeliveryService;
import smap.analytics.domain.analysis.PostAnalyser;
import smap.analytics.domain.batch.BatchStatus;
import smap.analytics.domain.batch.EventId;
import smap.analytics.domain.message.DecodedBody;

class ReplayBatchServiceTest {

  private final Clock clock = Clock.fixed(Instant.parse("2025-12-17T10:00:00Z"), ZoneOffset.UTC);
  private final InMemoryResultOutbox outbox = new InMemoryResultOutbox();
  private final InMemoryBatchLedger ledger = new InMemoryBatchLedger(outbox);
  private final InMemoryBatchObjects objects = new InMemoryBatchObjects();
  private final InMemoryAuditLog audit = new InMemoryAuditLog();
  private final ProcessDeliveryService delivery =
      new ProcessDeliveryService(
          objects,
          ledger,
          PipelineMetricsPort.none(),
          new FeatureFlagCache(new InMemoryFeatureFlags(), "t", clock),
          PostAnalyser.withDefaults(),
          PipelineSettings.defaults(),
          clock,
          millis -> {});

  /** Decodes the only body these tests store, as the JSON adapter would. */
  private final Map<String, Object> event = event();

  private final ReplayBatchService replay =
      new ReplayBatchService(ledger, delivery, body -> new DecodedBody.Json(event), audit, clock);

  private static Map<String, Object> event() {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("minio_path", "bucket/late.json");
    payload.put("project_id", "proj");
    payload.put("job_id", "proj-brand-0");
    payload.put("platform", "tiktok");
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("event_id", "e1");
    root.put("payload", payload);
    return root;
  }

  private void deliverOnce() {
    delivery.process(
        ProcessDeliveryCommand.delivery(
            "q", "{raw}".getBytes(StandardCharsets.UTF_8), new DecodedBody.Json(event), 0));
  }

  private static Map<String, Object> post() {
    return Map.of(
        "meta",
        Map.of("id", "p1", "platform", "TIKTOK", "fetch_status", "success"),
        "content",
        Map.of("text", "Xe chạy rất êm và tiết kiệm"));
  }

  @Test
  void aFailedBatchIsReplayedFromItsStoredMessageAndAudited() {
    deliverOnce();
    assertThat(ledger.find(EventId.of("e1")).orElseThrow().status()).isEqualTo(BatchStatus.FAILED);
    objects.put("bucket/late.json", List.of(post()));

    ReplayOutcome outcome =
        replay.replay(
            new ReplayCommand(EventId.of("e1"), "ana", "object uploaded", false, false, "k1"));

    assertThat(outcome).isInstanceOf(ReplayOutcome.Replayed.class);
    assertThat(outcome.code()).isEqualTo("ok");
    assertThat(outcome.batchStatus()).isEqualTo(BatchStatus.SUCCEEDED);
    assertThat(ledger.posts()).containsKey("p1");
    assertThat(outbox.rows())
        .extracting(r -> r.messageId)
        .containsExactly("e1")
        .as("the failure's error result only; no republish");
    assertThat(audit.list("ana", "replay", 10))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.target()).isEqualTo("e1");
              assertThat(e.reason()).isEqualTo("object uploaded");
              assertThat(e.outcome()).isEqualTo("ok");
            });
  }

  @Test
  void theSameFormSubmittedTwiceReplaysOnce() {
    deliverOnce();
    objects.put("bucket/late.json", List.of(post()));
    replay.replay(new ReplayCommand(EventId.of("e1"), "ana", null, true, false, "k2"));

    ReplayOutcome again =
        replay.replay(new ReplayCommand(EventId.of("e1"), "ana", null, true, false, "k2"));

    assertThat(again).isInstanceOf(ReplayOutcome.AlreadySubmitted.class);
    assertThat(again.code()).isEqualTo("duplicate");
    assertThat(ledger.find(EventId.of("e1")).orElseThrow().replays()).isEqualTo(1);
    assertThat(outbox.rows()).extracting(r -> r.messageId).containsExactly("e1", "e1#replay-1");
  }

  @Test
  void unknownAndUnfinishedBatchesAreNotReplayed() {
    assertThat(
            replay.replay(new ReplayCommand(EventId.of("nope"), "ana", null, false, false, null)))
        .isEqualTo(new ReplayOutcome.NotFound("no batch nope"));
    ledger.begin(
        new smap.analytics.application.port.out.BatchStart(
            smap.analytics.domain.message.EventContext.of(EventId.of("busy")),
            "q",
            null,
            null,
            new byte[0],
            clock.instant()));
    ReplayOutcome busy =
        replay.replay(new ReplayCommand(EventId.of("busy"), "ana", null, false, false, null));
    assertThat(busy)
        .isEqualTo(
            new ReplayOutcome.NotReplayable(
                BatchStatus.PROCESSING, "batch is PROCESSING; wait for it to finish"));
    assertThat(busy.code()).isEqualTo("not-replayable");
    assertThat(busy.message()).contains("PROCESSING");
  }
}
