package smap.analytics.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import smap.analytics.application.fake.InMemoryBatchLedger;
import smap.analytics.application.fake.InMemoryBatchObjects;
import smap.analytics.application.fake.InMemoryFeatureFlags;
import smap.analytics.application.fake.InMemoryResultOutbox;
import smap.analytics.application.fake.RecordingMetrics;
import smap.analytics.application.port.in.DeliveryOutcome;
import smap.analytics.application.port.in.DeliveryOutcome.Acknowledge;
import smap.analytics.application.port.in.DeliveryOutcome.DeadLetter;
import smap.analytics.application.port.in.DeliveryOutcome.PutBack;
import smap.analytics.application.port.in.DeliveryOutcome.RetryLater;
import smap.analytics.application.port.in.ProcessDeliveryCommand;
import smap.analytics.domain.analysis.PostAnalyser;
import smap.analytics.domain.batch.AnalyzeResult;
import smap.analytics.domain.batch.BatchStatus;
import smap.analytics.domain.batch.EventId;
import smap.analytics.domain.error.ErrorSource;
import smap.analytics.domain.flag.FeatureFlag;
import smap.analytics.domain.flag.FlagChange;
import smap.analytics.domain.flag.FlagScope;
import smap.analytics.domain.ledger.BatchEntry;
import smap.analytics.domain.message.DecodedBody;

class ProcessDeliveryServiceTest {

  private static final String PROJECT = "5b0e8d2a-6b1f-4c57-9f55-1b4c2d3e4f50";
  private static final String JOB = PROJECT + "-brand-0";
  private static final PostAnalyser ANALYSER = PostAnalyser.withDefaults();

  private final Clock clock = Clock.fixed(Instant.parse("2025-12-17T10:00:00Z"), ZoneOffset.UTC);
  private final InMemoryResultOutbox outbox = new InMemoryResultOutbox();
  private final InMemoryBatchLedger ledger = new InMemoryBatchLedger(outbox);
  private final InMemoryBatchObjects objects = new InMemoryBatchObjects();
  private final InMemoryFeatureFlags flagStore = new InMemoryFeatureFlags();
  private final RecordingMetrics metrics = new RecordingMetrics();
  private final FeatureFlagCache flags = new FeatureFlagCache(flagStore, "test", clock);
  private final List<Long> sleeps = new ArrayList<>();
  private final ProcessDeliveryService service =
      new ProcessDeliveryService(
          objects,
          ledger,
          metrics,
          flags,
          ANALYSER,
          PipelineSettings.defaults(),
          clock,
          sleeps::add);

  private static Map<String, Object> post(String id, String caption) {
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("id", id);
    meta.put("platform", "TIKTOK");
    meta.put("fetch_status", "success");
    meta.put("published_at", "2025-12-10T08:00:00Z");
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("meta", meta);
    item.put("content", Map.of("text", caption));
    item.put("interaction", Map.of("views", 1000L, "likes", 50L));
    item.put("author", Map.of("followers", 100L));
    item.put("comments", List.of(Map.of("id", "c1", "text", "xe đẹp quá", "likes", 3L)));
    return item;
  }

  private static Map<String, Object> error(String id, String code) {
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("id", id);
    meta.put("platform", "TIKTOK");
    meta.put("fetch_status", "error");
    meta.put("error_code", code);
    meta.put("error_message", "Video removed");
    return Map.of("meta", meta);
  }

  private static Map<String, Object> event(
      String eventId, String path, String projectId, String jobId, int count) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("minio_path", path);
    if (projectId != null) {
      payload.put("project_id", projectId);
    }
    payload.put("job_id", jobId);
    payload.put("batch_index", 1L);
    payload.put("content_count", (long) count);
    payload.put("platform", "tiktok");
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("event_id", eventId);
    root.put("event_type", "data.collected");
    root.put("timestamp", "2025-12-17T10:00:00Z");
    root.put("payload", payload);
    return root;
  }

  private DeliveryOutcome deliver(Object tree) {
    return service.process(
        ProcessDeliveryCommand.delivery(
            "analytics.data.collected",
            tree.toString().getBytes(StandardCharsets.UTF_8),
            new DecodedBody.Json(tree),
            0));
  }

  private BatchEntry entry(String eventId) {
    return ledger.find(EventId.of(eventId)).orElseThrow();
  }

  @Test
  void aBatchWithPostsAndCrawlerErrorsIsCommittedWithItsResult() {
    objects.put(
        "b/k.json",
        List.of(
            post("7441234567890123456", "Xe chạy êm, pin trâu, giá hợp lý, rất đáng tiền"),
            error("2", "CONTENT_REMOVED"),
            post("3", "Thiết kế đẹp nhưng giá quá đắt")));

    DeliveryOutcome outcome = deliver(event("e1", "b/k.json", PROJECT, JOB, 3));

    assertThat(outcome).isInstanceOf(Acknowledge.class);
    assertThat(entry("e1").status()).isEqualTo(BatchStatus.SUCCEEDED);
    assertThat(entry("e1").counts().succeeded()).isEqualTo(2);
    assertThat(entry("e1").counts().crawlerErrors()).isEqualTo(1);
    assertThat(ledger.posts()).containsKeys("7441234567890123456", "3");
    assertThat(ledger.posts().get("3").projectId()).isEqualTo(PROJECT);
    assertThat(ledger.posts().get("3").crawl().pipelineVersion()).isEqualTo("crawler_tiktok_v3");
    assertThat(ledger.comments()).hasSize(2);
    assertThat(ledger.errors(EventId.of("e1")))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.code().value()).isEqualTo("CONTENT_REMOVED");
              assertThat(e.source()).isEqualTo(ErrorSource.CRAWLER);
              assertThat(e.transientError()).isFalse();
            });
    assertThat(outbox.rows())
        .singleElement()
        .satisfies(
            row -> {
              assertThat(row.messageId).isEqualTo("e1");
              assertThat(row.result).isEqualTo(new AnalyzeResult(PROJECT, JOB, 3, 2, 1));
            });
    assertThat(metrics.calls())
        .contains(
            "eventProcessed TIKTOK succeeded",
            "errorRecorded CONTENT_REMOVED content TIKTOK crawler",
            "batchSizeMismatch TIKTOK");
  }

  @Test
  void aBatchWhoseSummaryTheLedgerRefusesKeepsItsItemsAndRecordsTheRefusal() {
    objects.put(
        "b/k.json",
        List.of(post("1", "Xe chạy rất êm"), post("2", "Giá quá đắt so với chất lượng")));
    // The size mismatch (2 of 5) is a warning; the database refuses a summary holding it.
    ledger.refuseSummaryWhen(c -> c.warnings().stream().anyMatch(w -> w.contains("batch size")));

    DeliveryOutcome outcome = deliver(event("e-refused", "b/k.json", PROJECT, JOB, 5));

    assertThat(outcome).isInstanceOf(Acknowledge.class);
    assertThat(entry("e-refused").status()).isEqualTo(BatchStatus.SUCCEEDED);
    assertThat(ledger.posts()).containsKeys("1", "2");
    assertThat(entry("e-refused").warnings())
        .singleElement()
        .asString()
        .contains("the ledger refused this batch's summary", "violates check constraint")
        .hasSizeLessThanOrEqualTo(smap.analytics.domain.storable.ColumnLimits.WARNING.limit() + 20);
    assertThat(outbox.rows())
        .singleElement()
        .satisfies(
            row -> assertThat(row.result).isEqualTo(new AnalyzeResult(PROJECT, JOB, 2, 2, 0)));
  }

  @Test
  void aCommitTheLedgerRefusesEvenWithoutItsSummaryIsACrashNotALoop() {
    objects.put("b/k.json", List.of(post("1", "Xe chạy rất êm")));
    ledger.refuseSummaryWhen(c -> true);

    DeliveryOutcome outcome = deliver(event("e-refused-2", "b/k.json", PROJECT, JOB, 1));

    assertThat(outcome)
        .isInstanceOfSatisfying(RetryLater.class, r -> assertThat(r.crashed()).isTrue());
    assertThat(ledger.posts()).isEmpty();
  }

  @Test
  void aRedeliveryOfACommittedEventWritesNothing() {
    objects.put("b/k.json", List.of(post("1", "Xe chạy rất êm và tiết kiệm")));
    deliver(event("e2", "b/k.json", PROJECT, JOB, 1));

    DeliveryOutcome again = deliver(event("e2", "b/k.json", PROJECT, JOB, 1));

    assertThat(again)
        .isEqualTo(new Acknowledge(BatchStatus.SUCCEEDED, "duplicate: already SUCCEEDED"));
    assertThat(entry("e2").attempts()).isEqualTo(1);
    assertThat(outbox.rows()).hasSize(1);
    assertThat(metrics.count("duplicateSkipped")).isEqualTo(1);
    assertThat(ledger.countDuplicate(EventId.of("e2")))
        .as("the ledger counted the duplicate (this call is the second)")
        .isEqualTo(2);
  }

  @Test
  void anUndecodableBodyIsRejectedAndKeptUnderADerivedId() {
    byte[] body = "{\"payload\": ".getBytes(StandardCharsets.UTF_8);
    DeliveryOutcome outcome =
        service.process(
            ProcessDeliveryCommand.delivery(
                "q", body, new DecodedBody.Undecodable("not valid JSON at line 1, column 13"), 0));

    EventId derived = EventId.derive(body);
    assertThat(outcome).isInstanceOf(Acknowledge.class);
    BatchEntry entry = ledger.find(derived).orElseThrow();
    assertThat(entry.status()).isEqualTo(BatchStatus.REJECTED);
    assertThat(entry.lastError()).isEqualTo("body: not valid JSON at line 1, column 13");
    assertThat(entry.rawBody()).isEqualTo(body);
    assertThat(outbox.rows()).isEmpty();
  }

  @Test
  void aRejectedEventWithJobAndProjectGetsAnErrorResult() {
    DeliveryOutcome outcome = deliver(event("e3", "bucket-only", PROJECT, JOB, 50));

    assertThat(outcome).isInstanceOf(Acknowledge.class);
    assertThat(entry("e3").status()).isEqualTo(BatchStatus.REJECTED);
    assertThat(entry("e3").lastError()).contains("payload.minio_path");
    assertThat(outbox.rows())
        .singleElement()
        .satisfies(
            row -> assertThat(row.result).isEqualTo(new AnalyzeResult(PROJECT, JOB, 50, 0, 50)));
  }

  @Test
  void aMissingObjectIsRetriedInPlaceThenFailedWithAnErrorResult() {
    DeliveryOutcome outcome = deliver(event("e4", "b/missing.json", PROJECT, JOB, 50));

    assertThat(outcome).isInstanceOf(Acknowledge.class);
    assertThat(objects.fetches()).isEqualTo(4);
    assertThat(sleeps).containsExactly(1000L, 1000L, 1000L);
    assertThat(entry("e4").status()).isEqualTo(BatchStatus.FAILED);
    assertThat(entry("e4").lastError()).isEqualTo("object not found: b/missing.json");
    assertThat(outbox.rows())
        .singleElement()
        .satisfies(row -> assertThat(row.result.errorCount()).isEqualTo(50));
  }

  @Test
  void aMalformedBatchFileFailsWithWhereItIsBroken() {
    objects.putMalformed("b/bad.json", "not valid JSON at line 3, column 7: unexpected character");

    deliver(event("e5", "b/bad.json", PROJECT, JOB, 20));

    assertThat(entry("e5").status()).isEqualTo(BatchStatus.FAILED);
    assertThat(entry("e5").lastError())
        .isEqualTo("b/bad.json: not valid JSON at line 3, column 7: unexpected character");
  }

  @Test
  void anUnavailableObjectStoreRequeuesWithGrowingPausesThenFails() {
    objects.setDown(true);
    List<Duration> pauses = new ArrayList<>();
    DeliveryOutcome outcome = null;
    for (int attempt = 1; attempt <= 8; attempt++) {
      outcome = deliver(event("e6", "b/k.json", PROJECT, JOB, 50));
      if (outcome instanceof RetryLater retry) {
        pauses.add(retry.pause());
        assertThat(entry("e6").status()).isEqualTo(BatchStatus.RETRYING);
      }
    }

    assertThat(pauses)
        .containsExactly(
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofSeconds(4),
            Duration.ofSeconds(8),
            Duration.ofSeconds(16),
            Duration.ofSeconds(32),
            Duration.ofSeconds(60));
    assertThat(outcome).isInstanceOf(Acknowledge.class);
    assertThat(entry("e6").status()).isEqualTo(BatchStatus.FAILED);
    assertThat(entry("e6").lastError())
        .startsWith("gave up after 8 attempts, OBJECT_STORE unavailable");
    assertThat(outbox.rows()).hasSize(1);
  }

  @Test
  void aDatabaseOutageIsRetriedLaterAndNothingIsAcked() {
    ledger.setDown(true);

    DeliveryOutcome outcome = deliver(event("e7", "b/k.json", PROJECT, JOB, 50));

    assertThat(outcome).isInstanceOf(RetryLater.class);
    ledger.setDown(false);
    assertThat(ledger.find(EventId.of("e7"))).isEmpty();
  }

  @Test
  void aMessageThatKeepsCrashingIsParked() {
    objects.put("b/k.json", List.of(post("1", "Xe chạy rất êm và tiết kiệm")));
    // Three attempts began and never finished: the process died each time.
    for (int i = 0; i < 3; i++) {
      ledger.begin(
          new smap.analytics.application.port.out.BatchStart(
              smap.analytics.domain.message.EventContext.of(EventId.of("e8")),
              "q",
              null,
              null,
              new byte[0],
              clock.instant()));
    }

    DeliveryOutcome outcome = deliver(event("e8", "b/k.json", PROJECT, JOB, 1));

    assertThat(outcome).isInstanceOf(DeadLetter.class);
    assertThat(entry("e8").status()).isEqualTo(BatchStatus.PARKED);
  }

  @Test
  void aBugIsCountedOnTheMessageAndParkedWithItsStackAtThePoisonAttempt() {
    ProcessDeliveryService crashing =
        new ProcessDeliveryService(
            location -> {
              throw new IllegalStateException("bug in a port");
            },
            ledger,
            metrics,
            flags,
            ANALYSER,
            PipelineSettings.defaults(),
            clock,
            sleeps::add);
    Map<String, Object> tree = event("e9", "b/k.json", PROJECT, JOB, 1);
    List<DeliveryOutcome> outcomes = new ArrayList<>();
    for (int crashes = 0; crashes < 3; crashes++) {
      outcomes.add(
          crashing.process(
              ProcessDeliveryCommand.delivery(
                  "analytics.data.collected",
                  tree.toString().getBytes(StandardCharsets.UTF_8),
                  new DecodedBody.Json(tree),
                  crashes)));
    }

    assertThat(outcomes.get(0))
        .isInstanceOfSatisfying(RetryLater.class, r -> assertThat(r.crashed()).isTrue());
    assertThat(outcomes.get(1))
        .isInstanceOfSatisfying(
            RetryLater.class, r -> assertThat(r.pause()).isEqualTo(Duration.ofSeconds(2)));
    assertThat(outcomes.get(2))
        .isInstanceOfSatisfying(
            DeadLetter.class,
            d -> assertThat(d.reason()).contains("crashed 3 times", "bug in a port"));
    assertThat(entry("e9").status()).isEqualTo(BatchStatus.PARKED);
    assertThat(entry("e9").lastError()).contains("bug in a port");
    assertThat(entry("e9").lastErrorDetail()).contains("IllegalStateException", "at ");
  }

  @Test
  void aMessageCountedAsCrashedOutsideTheUseCaseIsParkedBeforeItRunsAgain() {
    objects.put("b/k.json", List.of(post("1", "Xe chạy rất êm và tiết kiệm")));
    Map<String, Object> tree = event("e10", "b/k.json", PROJECT, JOB, 1);

    DeliveryOutcome outcome =
        service.process(
            ProcessDeliveryCommand.delivery(
                "analytics.data.collected",
                tree.toString().getBytes(StandardCharsets.UTF_8),
                new DecodedBody.Json(tree),
                3));

    assertThat(outcome).isInstanceOf(DeadLetter.class);
    assertThat(entry("e10").status()).isEqualTo(BatchStatus.PARKED);
    assertThat(outbox.rows()).isEmpty();
  }

  @Test
  void anItemThatIsNotAnObjectMakesTheBatchPartial() {
    objects.put("b/k.json", List.of(post("1", "Xe chạy rất êm và tiết kiệm"), "not an item", 42L));

    deliver(event("e9", "b/k.json", PROJECT, JOB, 3));

    assertThat(entry("e9").status()).isEqualTo(BatchStatus.PARTIAL);
    assertThat(entry("e9").counts().analysisErrors()).isEqualTo(2);
    assertThat(ledger.errors(EventId.of("e9")))
        .extracting(e -> e.contentId() + " " + e.code().value() + " " + e.source())
        .containsExactly("item-1 INTERNAL_ERROR ANALYTICS", "item-2 INTERNAL_ERROR ANALYTICS");
    assertThat(outbox.rows())
        .singleElement()
        .satisfies(
            row -> assertThat(row.result).isEqualTo(new AnalyzeResult(PROJECT, JOB, 3, 1, 2)));
  }

  @Test
  void aDryRunIsStoredWithoutProjectAndNotPublished() {
    objects.put("b/k.json", List.of(post("1", "Xe chạy rất êm và tiết kiệm")));

    deliver(event("e10", "b/k.json", null, "550e8400-e29b-41d4-a716-446655440000", 1));

    assertThat(entry("e10").status()).isEqualTo(BatchStatus.SUCCEEDED);
    assertThat(ledger.posts().get("1").projectId()).isNull();
    assertThat(outbox.rows()).isEmpty();
  }

  @Test
  void aProjectIdConflictKeepsThePayloadsAndIsCounted() {
    objects.put("b/k.json", List.of(post("1", "Xe chạy rất êm và tiết kiệm")));

    deliver(event("e11", "b/k.json", PROJECT, "other_project-brand-0", 1));

    assertThat(ledger.posts().get("1").projectId()).isEqualTo(PROJECT);
    assertThat(metrics.count("projectIdConflict")).isEqualTo(1);
  }

  @Test
  void crawlerErrorsAreCountedButNotStoredWhileTheirFlagIsOff() {
    flagStore.change(
        new FlagChange(
            FeatureFlag.STORE_CRAWLER_ERRORS,
            FlagScope.GLOBAL,
            false,
            "ops",
            "storage pressure",
            clock.instant(),
            0));
    flags.refresh();
    objects.put("b/k.json", List.of(error("1", "RATE_LIMITED")));

    deliver(event("e12", "b/k.json", PROJECT, JOB, 1));

    assertThat(entry("e12").counts().crawlerErrors()).isEqualTo(1);
    assertThat(ledger.errors(EventId.of("e12"))).isEmpty();
    assertThat(entry("e12").flags()).containsEntry("store-crawler-errors", false);
  }

  @Test
  void legacyMessagesArePutBackNotRejectedWhileTheLegacyFormatIsOff() {
    turnOff(FeatureFlag.LEGACY_FORMAT);

    DeliveryOutcome outcome =
        deliver(Map.of("event_id", "e13", "data_ref", Map.of("bucket", "b", "path", "k.json")));

    assertThat(outcome)
        .as("put back as no outage: no dependency is down")
        .isInstanceOf(PutBack.class);
    assertThat(((PutBack) outcome).reason()).contains("legacy-format");
    assertThat(ledger.find(EventId.of("e13"))).isEmpty();
    assertThat(outbox.rows()).isEmpty();
  }

  @Test
  void batchEventsArePutBackWithoutLedgerRowOrResultWhileTheBatchFormatIsOff() {
    objects.put("b/k.json", List.of(post("1", "Xe chạy rất êm")));
    turnOff(FeatureFlag.BATCH_FORMAT);

    DeliveryOutcome outcome = deliver(event("e13b", "b/k.json", PROJECT, JOB, 1));

    assertThat(outcome)
        .as("put back as no outage: no dependency is down")
        .isInstanceOf(PutBack.class);
    assertThat(((PutBack) outcome).reason()).contains("batch-format");
    assertThat(ledger.find(EventId.of("e13b"))).isEmpty();
    assertThat(outbox.rows()).isEmpty();
    assertThat(ledger.posts()).isEmpty();
  }

  @Test
  void aStageRolledOutToFiftyPercentRunsOnTheBatchesWhoseEventIsInAndTheLedgerRecordsIt() {
    flagStore.change(
        new FlagChange(
            FeatureFlag.STAGE_SENTIMENT,
            FlagScope.GLOBAL,
            true,
            50,
            "ops",
            "canary",
            clock.instant(),
            0));
    flags.refresh();
    objects.put("b/k.json", List.of(post("1", "Xe chạy rất êm")));
    String in = null;
    String out = null;
    for (int i = 0; in == null || out == null; i++) {
      String id = "roll-" + i;
      if (smap.analytics.domain.flag.FlagSnapshot.bucket(id) < 50) {
        in = in == null ? id : in;
      } else {
        out = out == null ? id : out;
      }
    }

    deliver(event(in, "b/k.json", PROJECT, JOB, 1));
    deliver(event(out, "b/k.json", PROJECT, JOB, 1));

    assertThat(entry(in).flags()).containsEntry("stage-sentiment", true);
    assertThat(entry(out).flags()).containsEntry("stage-sentiment", false);
    assertThat(entry(out).flags()).containsEntry("stage-keywords", true);
  }

  @Test
  void anInstanceOverrideOfAFormatFlagAppliesOnlyOnThatInstance() {
    flagStore.change(
        new FlagChange(
            FeatureFlag.BATCH_FORMAT,
            FlagScope.instance("test"),
            false,
            "ops",
            "canary holds batch events",
            clock.instant(),
            0));
    flags.refresh();

    assertThat(deliver(event("e13c", "b/k.json", PROJECT, JOB, 1))).isInstanceOf(PutBack.class);
    assertThat(ledger.find(EventId.of("e13c"))).isEmpty();
  }

  private void turnOff(FeatureFlag flag) {
    flagStore.change(
        new FlagChange(flag, FlagScope.GLOBAL, false, "ops", "rollback", clock.instant(), 0));
    flags.refresh();
  }

  @Test
  void aReplayRunsATerminalBatchAgainAndRepublishesOnlyWhenAsked() {
    objects.put("b/k.json", List.of(post("1", "Xe chạy rất êm và tiết kiệm")));
    Map<String, Object> tree = event("e14", "b/k.json", PROJECT, JOB, 1);
    deliver(tree);
    byte[] raw = tree.toString().getBytes(StandardCharsets.UTF_8);

    service.process(
        ProcessDeliveryCommand.replay(
            "q",
            raw,
            new DecodedBody.Json(tree),
            new ProcessDeliveryCommand.Replay("ana", false, false)));
    service.process(
        ProcessDeliveryCommand.replay(
            "q",
            raw,
            new DecodedBody.Json(tree),
            new ProcessDeliveryCommand.Replay("ana", true, false)));

    assertThat(entry("e14").replays()).isEqualTo(2);
    assertThat(outbox.rows()).extracting(r -> r.messageId).containsExactly("e14", "e14#replay-2");
    assertThat(metrics.count("replayed")).isEqualTo(2);
  }

  @Test
  void aReplayOfOnlyTheFailedItemsLeavesStoredPostsAlone() {
    objects.put("b/k.json", List.of(post("1", "Xe chạy rất êm và tiết kiệm"), "not an item"));
    Map<String, Object> tree = event("e15", "b/k.json", PROJECT, JOB, 2);
    deliver(tree);
    smap.analytics.domain.post.PostRecord firstAnalysis = ledger.posts().get("1");
    objects.put(
        "b/k.json",
        List.of(post("1", "Xe chạy rất êm và tiết kiệm"), post("2", "Giá hợp lý, rất đáng tiền")));

    service.process(
        ProcessDeliveryCommand.replay(
            "q",
            new byte[0],
            new DecodedBody.Json(tree),
            new ProcessDeliveryCommand.Replay("ana", false, true)));

    assertThat(entry("e15").status()).isEqualTo(BatchStatus.SUCCEEDED);
    assertThat(entry("e15").counts().succeeded()).isEqualTo(2);
    assertThat(ledger.posts()).containsKeys("1", "2");
    assertThat(ledger.posts().get("1")).as("not analysed or written again").isSameAs(firstAnalysis);
    assertThat(ledger.errors(EventId.of("e15")))
        .as("the earlier analysis error is replaced")
        .isEmpty();
  }
}
