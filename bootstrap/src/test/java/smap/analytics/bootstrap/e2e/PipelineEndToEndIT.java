package smap.analytics.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import smap.analytics.bootstrap.ServiceRuntime;
import smap.analytics.bootstrap.config.ServiceSettings;
import smap.analytics.bootstrap.demo.SampleBatches;
import smap.analytics.bootstrap.demo.SimulatedCrawler;
import smap.analytics.domain.batch.BatchStatus;
import smap.analytics.domain.batch.EventId;
import smap.analytics.domain.ledger.BatchEntry;

/**
 * The whole pipeline through the real broker, S3 server and database: each test publishes what a
 * crawler would and asserts the rows written, the ledger outcome and the exact Collector message.
 */
class PipelineEndToEndIT {

  private static final String BUCKET = "crawl-results";
  private static final String PROJECT = "5b0e8d2a-6b1f-4c57-9f55-1b4c2d3e4f50";

  private static RunningService service;
  private static String suffix;
  private static String jdbcUrl;
  private static ServiceRuntime runtime;
  private static Channel collector;
  private static String collectorQueue;
  private static SimulatedCrawler crawler;
  private static ServiceSettings settings;

  @BeforeAll
  static void start() throws Exception {
    service =
        RunningService.start(
            "e2e",
            ServiceRuntime.Mode.HEADLESS,
            env -> {
              env.put("MAX_CONCURRENT_BATCHES", "2");
              env.put("OBJECT_NOT_FOUND_RETRIES", "1");
              env.put("OBJECT_NOT_FOUND_DELAY_MS", "100");
            });
    suffix = service.suffix();
    jdbcUrl = service.jdbcUrl();
    settings = service.settings();
    runtime = service.runtime();
    crawler = service.crawler();
    collector = service.broker().createChannel();
    collectorQueue = "e2e.collector." + suffix;
    TestInfrastructure.declareCollector(collector, collectorQueue, settings);
  }

  @AfterAll
  static void stop() throws Exception {
    if (collector != null) {
      collector.queueDelete(collectorQueue);
    }
    if (service != null) {
      service.close();
    }
  }

  @Test
  void aTikTokBatchOfFiftyWithErrorItemsIsStoredAndReported() throws Exception {
    String job = PROJECT + "-brand-0";
    String eventId = "e2e-tiktok-" + suffix;
    List<Map<String, Object>> items = SampleBatches.batch("TIKTOK", job, 50, 3, 11);
    crawler.upload(BUCKET, "tiktok/" + suffix + ".json", items, false);
    crawler.publish(
        SampleBatches.event(
            eventId, BUCKET + "/tiktok/" + suffix + ".json", PROJECT, job, 0, 50, "tiktok"));

    BatchEntry entry = awaitTerminal(eventId);

    assertThat(entry.status()).isEqualTo(BatchStatus.SUCCEEDED);
    assertThat(entry.counts().items()).isEqualTo(50);
    assertThat(entry.counts().succeeded()).isEqualTo(47);
    assertThat(entry.counts().crawlerErrors()).isEqualTo(3);
    assertThat(
            count(
                "SELECT count(*) FROM post_analytics WHERE event_id = '"
                    + eventId
                    + "' AND project_id = '"
                    + PROJECT
                    + "' AND job_id = '"
                    + job
                    + "'"))
        .isEqualTo(47);
    assertThat(
            count(
                "SELECT count(*) FROM crawl_errors WHERE event_id = '"
                    + eventId
                    + "' AND source = 'crawler' AND project_id = '"
                    + PROJECT
                    + "'"))
        .isEqualTo(3);
    String firstId = SampleBatches.itemId("TIKTOK", 11, 0);
    assertThat(firstId).hasSize(19);
    assertThat(
            count(
                "SELECT count(*) FROM post_analytics WHERE id = '"
                    + firstId
                    + "' AND platform = 'TIKTOK' AND pipeline_version = 'crawler_tiktok_v3'"))
        .isEqualTo(1);
    assertThat(awaitResult(eventId))
        .isEqualTo(
            "{\"project_id\":\""
                + PROJECT
                + "\",\"job_id\":\""
                + job
                + "\",\"task_type\":\"analyze_result\",\"batch_size\":50,\"success_count\":47,\"error_count\":3}");
  }

  @Test
  void aCompressedYouTubeBatchOfTwentyIsDecodedAndStored() throws Exception {
    String job = PROJECT + "-competitor-Toyota-1";
    String eventId = "e2e-youtube-" + suffix;
    String key = "youtube/" + suffix + ".json.zst";
    crawler.upload(
        BUCKET, key, Map.of("items", SampleBatches.batch("YOUTUBE", job, 20, 0, 21)), true);
    crawler.publish(
        SampleBatches.event(
            eventId, "minio://" + BUCKET + "/" + key, PROJECT, job, 1, 20, "youtube"));

    BatchEntry entry = awaitTerminal(eventId);

    assertThat(entry.status()).isEqualTo(BatchStatus.SUCCEEDED);
    assertThat(entry.counts().succeeded()).isEqualTo(20);
    assertThat(
            count(
                "SELECT count(*) FROM post_analytics WHERE event_id = '"
                    + eventId
                    + "' AND platform = 'YOUTUBE'"))
        .isEqualTo(20);
    assertThat(awaitResult(eventId))
        .isEqualTo(
            "{\"project_id\":\""
                + PROJECT
                + "\",\"job_id\":\""
                + job
                + "\",\"task_type\":\"analyze_result\",\"batch_size\":20,\"success_count\":20,\"error_count\":0}");
  }

  @Test
  void aLegacyDataRefMessageIsProcessedFromTheLegacyQueue() throws Exception {
    String key = "legacy/" + suffix + ".json";
    String eventId = "e2e-legacy-" + suffix;
    String job = PROJECT + "-brand-3";
    crawler.upload(BUCKET, key, SampleBatches.batch("TIKTOK", job, 1, 0, 31).get(0), false);
    String body = TestInfrastructure.legacyDataRef(eventId, BUCKET, key, PROJECT, job);
    crawler.publishRaw("", settings.broker().legacyQueue(), body.getBytes(StandardCharsets.UTF_8));

    BatchEntry entry = awaitTerminal(eventId);

    assertThat(entry.status()).isEqualTo(BatchStatus.SUCCEEDED);
    assertThat(entry.queue()).isEqualTo(settings.broker().legacyQueue());
    assertThat(count("SELECT count(*) FROM post_analytics WHERE event_id = '" + eventId + "'"))
        .isEqualTo(1);
    assertThat(awaitResult(eventId))
        .isEqualTo(
            "{\"project_id\":\""
                + PROJECT
                + "\",\"job_id\":\""
                + job
                + "\",\"task_type\":\"analyze_result\",\"batch_size\":1,\"success_count\":1,\"error_count\":0}");
  }

  @Test
  void invalidJsonIsRejectedWithItsPositionAndKept() throws Exception {
    String body = "{\"event_id\": \"e2e-broken-" + suffix + "\", \"payload\": {\"minio_path\": ";
    crawler.publishText(body);
    String derived = EventId.derive(body.getBytes(StandardCharsets.UTF_8)).value();

    BatchEntry entry = awaitTerminal(derived);

    assertThat(entry.status()).isEqualTo(BatchStatus.REJECTED);
    assertThat(entry.lastError()).startsWith("body: not valid JSON at line 1, column ");
    assertThat(new String(entry.rawBody(), StandardCharsets.UTF_8)).isEqualTo(body);
    assertThat(resultFor(derived, 1_000)).isEmpty();
  }

  @Test
  void aMissingObjectFailsTheBatchWithAnErrorResult() throws Exception {
    String job = PROJECT + "-brand-5";
    String eventId = "e2e-missing-" + suffix;
    crawler.publish(
        SampleBatches.event(
            eventId, BUCKET + "/nowhere/" + suffix + ".json", PROJECT, job, 5, 50, "tiktok"));

    BatchEntry entry = awaitTerminal(eventId);

    assertThat(entry.status()).isEqualTo(BatchStatus.FAILED);
    assertThat(entry.lastError())
        .isEqualTo("object not found: " + BUCKET + "/nowhere/" + suffix + ".json");
    assertThat(entry.status().replayable()).isTrue();
    assertThat(awaitResult(eventId))
        .isEqualTo(
            "{\"project_id\":\""
                + PROJECT
                + "\",\"job_id\":\""
                + job
                + "\",\"task_type\":\"analyze_result\",\"batch_size\":50,\"success_count\":0,\"error_count\":50}");
  }

  @Test
  void aDuplicateDeliveryChangesNothingAndPublishesOnce() throws Exception {
    String job = PROJECT + "-brand-6";
    String eventId = "e2e-duplicate-" + suffix;
    String key = "tiktok/dup-" + suffix + ".json";
    crawler.upload(BUCKET, key, SampleBatches.batch("TIKTOK", job, 10, 1, 61), false);
    Map<String, Object> event =
        SampleBatches.event(eventId, BUCKET + "/" + key, PROJECT, job, 6, 10, "tiktok");
    crawler.publish(event);
    awaitTerminal(eventId);
    String first = awaitResult(eventId);
    long posts = count("SELECT count(*) FROM post_analytics WHERE event_id = '" + eventId + "'");
    long errors = count("SELECT count(*) FROM crawl_errors WHERE event_id = '" + eventId + "'");

    double skipped = counter("analytics_duplicates_skipped_total");
    crawler.publish(event);
    // The duplicate was consumed and skipped: the counter moves only once the service has read it
    // and found the event already terminal in the ledger.
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
    while (counter("analytics_duplicates_skipped_total") < skipped + 1
        && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }

    assertThat(counter("analytics_duplicates_skipped_total")).isEqualTo(skipped + 1);
    assertThat(first).contains("\"success_count\":9,\"error_count\":1");
    assertThat(count("SELECT count(*) FROM post_analytics WHERE event_id = '" + eventId + "'"))
        .isEqualTo(posts);
    assertThat(count("SELECT count(*) FROM crawl_errors WHERE event_id = '" + eventId + "'"))
        .isEqualTo(errors);
    assertThat(count("SELECT count(*) FROM result_outbox WHERE event_id = '" + eventId + "'"))
        .isEqualTo(1);
    assertThat(runtime.ledger().find(EventId.of(eventId)).orElseThrow().attempts()).isEqualTo(1);
    assertThat(
            count(
                "SELECT duplicate_deliveries FROM batch_ledger WHERE event_id = '" + eventId + "'"))
        .as("the ledger counted the duplicate")
        .isEqualTo(1);
    // Drains what arrived meanwhile; a second message for the event fails inside resultFor.
    assertThat(resultFor("no-such-event", 500)).isEmpty();
  }

  @Test
  void anItemThatIsNotAnObjectBecomesAnInternalErrorAndTheRestGoesOn() throws Exception {
    String job = PROJECT + "-brand-8";
    String eventId = "e2e-not-object-" + suffix;
    String key = "tiktok/mixed-" + suffix + ".json";
    List<Object> items = new ArrayList<>(SampleBatches.batch("TIKTOK", job, 4, 0, 81));
    items.add(2, "this is not an item");
    crawler.upload(BUCKET, key, items, false);
    crawler.publish(SampleBatches.event(eventId, BUCKET + "/" + key, PROJECT, job, 8, 5, "tiktok"));

    BatchEntry entry = awaitTerminal(eventId);

    assertThat(entry.status()).isEqualTo(BatchStatus.PARTIAL);
    assertThat(entry.counts().succeeded()).isEqualTo(4);
    assertThat(entry.counts().analysisErrors()).isEqualTo(1);
    assertThat(
            count(
                "SELECT count(*) FROM crawl_errors WHERE event_id = '"
                    + eventId
                    + "' AND source = 'analytics' AND error_code = 'INTERNAL_ERROR' AND content_id = 'item-2'"))
        .isEqualTo(1);
    assertThat(awaitResult(eventId))
        .isEqualTo(
            "{\"project_id\":\""
                + PROJECT
                + "\",\"job_id\":\""
                + job
                + "\",\"task_type\":\"analyze_result\",\"batch_size\":5,\"success_count\":4,\"error_count\":1}");
  }

  @Test
  void readinessReportsEveryDependency() throws Exception {
    java.net.http.HttpResponse<String> response =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + runtime.httpPort() + "/readyz"))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .contains("\"postgresql\"", "\"rabbitmq\"", "\"object-store\"", "\"status\":\"ready\"");
  }

  /** The value of an unlabelled counter as /metrics serves it (0 before it is first counted). */
  private static double counter(String name) throws Exception {
    String body =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + runtime.httpPort() + "/metrics"))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString())
            .body();
    for (String line : body.split("\n")) {
      if (line.startsWith(name + " ")) {
        return Double.parseDouble(line.substring(name.length() + 1).trim());
      }
    }
    return 0;
  }

  private static BatchEntry awaitTerminal(String eventId) throws InterruptedException {
    return service.awaitTerminal(eventId, 60);
  }

  private static final Map<String, String> RECEIVED = new LinkedHashMap<>();

  /** The body of the Collector message for {@code eventId}, checking its AMQP properties. */
  private static String awaitResult(String eventId) throws Exception {
    return resultFor(eventId, 20_000)
        .orElseThrow(() -> new AssertionError("no result for " + eventId));
  }

  private static synchronized Optional<String> resultFor(String eventId, long waitMillis)
      throws Exception {
    long deadline = System.currentTimeMillis() + waitMillis;
    do {
      GetResponse message;
      while ((message = collector.basicGet(collectorQueue, true)) != null) {
        AMQP.BasicProperties props = message.getProps();
        assertThat(props.getContentType()).isEqualTo("application/json");
        assertThat(props.getDeliveryMode()).isEqualTo(2);
        String body = new String(message.getBody(), StandardCharsets.UTF_8);
        if (RECEIVED.putIfAbsent(props.getMessageId(), body) != null) {
          throw new AssertionError("result published twice for " + props.getMessageId());
        }
      }
      if (RECEIVED.containsKey(eventId)) {
        return Optional.of(RECEIVED.get(eventId));
      }
      Thread.sleep(100);
    } while (System.currentTimeMillis() < deadline);
    return Optional.empty();
  }

  private static long count(String sql) throws Exception {
    try (java.sql.Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
