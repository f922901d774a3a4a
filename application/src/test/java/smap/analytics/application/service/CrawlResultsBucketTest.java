package smap.analytics.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
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
import smap.analytics.application.port.in.DeliveryOutcome.Acknowledge;
import smap.analytics.application.port.in.ProcessDeliveryCommand;
import smap.analytics.domain.analysis.PostAnalyser;
import smap.analytics.domain.batch.AnalyzeResult;
import smap.analytics.domain.batch.BatchStatus;
import smap.analytics.domain.batch.EventId;
import smap.analytics.domain.ledger.BatchEntry;
import smap.analytics.domain.message.DecodedBody;

/** MINIO_BUCKET: only objects of the crawl-results bucket are read; others are rejected. */
class CrawlResultsBucketTest {

  private static final String PROJECT = "5b0e8d2a-6b1f-4c57-9f55-1b4c2d3e4f50";
  private static final String JOB = PROJECT + "-brand-0";

  private final Clock clock = Clock.fixed(Instant.parse("2025-12-17T10:00:00Z"), ZoneOffset.UTC);
  private final InMemoryResultOutbox outbox = new InMemoryResultOutbox();
  private final InMemoryBatchLedger ledger = new InMemoryBatchLedger(outbox);
  private final InMemoryBatchObjects objects = new InMemoryBatchObjects();
  private final ProcessDeliveryService service =
      new ProcessDeliveryService(
          objects,
          ledger,
          new RecordingMetrics(),
          new FeatureFlagCache(new InMemoryFeatureFlags(), "test", clock),
          PostAnalyser.withDefaults(),
          PipelineSettings.defaults().onlyBucket("crawl-results"),
          clock,
          new ArrayList<Long>()::add);

  private static Map<String, Object> post(String id) {
    return Map.of(
        "meta",
        Map.of(
            "id", id,
            "platform", "TIKTOK",
            "fetch_status", "success",
            "published_at", "2025-12-10T08:00:00Z"),
        "content",
        Map.of("text", "Xe chạy rất êm và tiết kiệm"));
  }

  private static Map<String, Object> event(String eventId, String path) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("minio_path", path);
    payload.put("project_id", PROJECT);
    payload.put("job_id", JOB);
    payload.put("batch_index", 0L);
    payload.put("content_count", 1L);
    payload.put("platform", "tiktok");
    return Map.of("event_id", eventId, "event_type", "data.collected", "payload", payload);
  }

  private void deliver(Object tree) {
    assertThat(
            service.process(
                ProcessDeliveryCommand.delivery(
                    "analytics.data.collected",
                    tree.toString().getBytes(StandardCharsets.UTF_8),
                    new DecodedBody.Json(tree),
                    0)))
        .isInstanceOf(Acknowledge.class);
  }

  private BatchEntry entry(String eventId) {
    return ledger.find(EventId.of(eventId)).orElseThrow();
  }

  @Test
  void anEventInTheCrawlResultsBucketIsRead() {
    objects.put("crawl-results/tiktok/b.json", List.of(post("1")));

    deliver(event("in", "crawl-results/tiktok/b.json"));

    assertThat(entry("in").status()).isEqualTo(BatchStatus.SUCCEEDED);
  }

  @Test
  void anEventNamingAnotherBucketIsRejectedWithoutReadingItAndGetsAnErrorResult() {
    objects.put("secrets/tiktok/b.json", List.of(post("1")));

    deliver(event("out", "minio://secrets/tiktok/b.json"));

    assertThat(entry("out").status()).isEqualTo(BatchStatus.REJECTED);
    assertThat(entry("out").lastError())
        .isEqualTo(
            "payload.minio_path: bucket 'secrets' is not the crawl-results bucket 'crawl-results'"
                + " (MINIO_BUCKET); objects elsewhere are not read");
    assertThat(objects.fetches()).isZero();
    assertThat(ledger.posts()).isEmpty();
    assertThat(outbox.rows())
        .singleElement()
        .satisfies(
            row -> assertThat(row.result).isEqualTo(new AnalyzeResult(PROJECT, JOB, 1, 0, 1)));
  }

  @Test
  void aLegacyReferenceToAnotherBucketIsRejectedToo() {
    objects.put("secrets/post.json", List.of(post("2")));

    deliver(
        Map.of("event_id", "legacy", "data_ref", Map.of("bucket", "secrets", "path", "post.json")));

    assertThat(entry("legacy").status()).isEqualTo(BatchStatus.REJECTED);
    assertThat(entry("legacy").lastError())
        .startsWith("data_ref.bucket: bucket 'secrets' is not the crawl-results bucket");
    assertThat(objects.fetches()).isZero();
  }
}
