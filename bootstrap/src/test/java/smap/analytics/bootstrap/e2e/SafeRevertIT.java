package smap.analytics.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import smap.analytics.bootstrap.ServiceRuntime;
import smap.analytics.bootstrap.demo.SampleBatches;
import smap.analytics.domain.batch.BatchStatus;
import smap.analytics.domain.batch.EventId;
import smap.analytics.domain.flag.FeatureFlag;
import smap.analytics.domain.flag.FlagChange;
import smap.analytics.domain.flag.FlagScope;

/**
 * The format flags as the rollback lever, through the real broker: while a format's flag is off its
 * messages stay ready in their queue (no ledger row, no Collector message); turned on again, they
 * are processed once.
 */
class SafeRevertIT {

  private static final String BUCKET = "crawl-results";
  private static final String PROJECT = "8c2f4b6a-1d3e-4f50-9a7b-2c4d6e8f0a1b";

  private static RunningService service;
  private static Channel channel;
  private static String collectorQueue;

  @BeforeAll
  static void start() throws Exception {
    service = RunningService.start("revert", ServiceRuntime.Mode.HEADLESS, env -> {});
    channel = service.broker().createChannel();
    collectorQueue = "revert.collector." + service.suffix();
    TestInfrastructure.declareCollector(channel, collectorQueue, service.settings());
  }

  @AfterAll
  static void stop() throws Exception {
    if (channel != null) {
      channel.queueDelete(collectorQueue);
    }
    if (service != null) {
      service.close();
    }
  }

  @Test
  void batchEventsStayReadyInTheEventQueueWhileBatchFormatIsOff() throws Exception {
    String queue = service.settings().broker().eventQueue();
    String job = PROJECT + "-brand-0";
    String eventId = "revert-batch-" + service.suffix();
    String key = "tiktok/revert-" + service.suffix() + ".json";
    service.crawler().upload(BUCKET, key, SampleBatches.batch("TIKTOK", job, 3, 0, 41), false);

    set(FeatureFlag.BATCH_FORMAT, false);
    await("the event queue's consumers are cancelled", () -> consumers(queue) == 0);
    service
        .crawler()
        .publish(SampleBatches.event(eventId, BUCKET + "/" + key, PROJECT, job, 0, 3, "tiktok"));

    await("the event is ready in the queue", () -> ready(queue) == 1);
    Thread.sleep(2_000);
    assertThat(ready(queue)).isEqualTo(1);
    assertThat(ledgerRows(eventId)).isZero();
    assertThat(results()).doesNotContainKey(eventId);

    set(FeatureFlag.BATCH_FORMAT, true);

    assertThat(service.awaitTerminal(eventId, 60).status()).isEqualTo(BatchStatus.SUCCEEDED);
    await("the Collector message", () -> results().containsKey(eventId));
    assertThat(results().get(eventId)).contains("\"success_count\":3");
    assertThat(ready(queue)).isZero();
    assertThat(ledgerRows(eventId)).isEqualTo(1);
  }

  @Test
  void legacyMessagesStayReadyInTheLegacyQueueWhileLegacyFormatIsOff() throws Exception {
    String queue = service.settings().broker().legacyQueue();
    String job = PROJECT + "-brand-1";
    String eventId = "revert-legacy-" + service.suffix();
    String key = "legacy/revert-" + service.suffix() + ".json";
    service
        .crawler()
        .upload(BUCKET, key, SampleBatches.batch("TIKTOK", job, 1, 0, 43).get(0), false);

    set(FeatureFlag.LEGACY_FORMAT, false);
    await("the legacy queue's consumer is cancelled", () -> consumers(queue) == 0);
    String body = TestInfrastructure.legacyDataRef(eventId, BUCKET, key, PROJECT, job);
    service.crawler().publishRaw("", queue, body.getBytes(StandardCharsets.UTF_8));

    await("the message is ready in the legacy queue", () -> ready(queue) == 1);
    Thread.sleep(2_000);
    assertThat(ready(queue)).isEqualTo(1);
    assertThat(ledgerRows(eventId)).isZero();
    assertThat(results()).doesNotContainKey(eventId);

    set(FeatureFlag.LEGACY_FORMAT, true);

    assertThat(service.awaitTerminal(eventId, 60).status()).isEqualTo(BatchStatus.SUCCEEDED);
    assertThat(ready(queue)).isZero();
    assertThat(service.runtime().ledger().find(EventId.of(eventId)).orElseThrow().queue())
        .isEqualTo(queue);
  }

  private static synchronized void set(FeatureFlag flag, boolean enabled) {
    service
        .runtime()
        .flags()
        .change(
            new FlagChange(
                flag, FlagScope.GLOBAL, enabled, "it", "rollback drill", Instant.now(), 0));
  }

  private static long consumers(String queue) {
    try (Channel c = service.broker().createChannel()) {
      return c.queueDeclarePassive(queue).getConsumerCount();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static long ready(String queue) {
    try (Channel c = service.broker().createChannel()) {
      return c.queueDeclarePassive(queue).getMessageCount();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static final Map<String, String> RESULTS = new HashMap<>();

  /** The Collector messages so far by message id; fails on a message id seen twice. */
  private static synchronized Map<String, String> results() {
    try {
      GetResponse message;
      while ((message = channel.basicGet(collectorQueue, true)) != null) {
        String body = new String(message.getBody(), StandardCharsets.UTF_8);
        if (RESULTS.putIfAbsent(message.getProps().getMessageId(), body) != null) {
          throw new AssertionError("published twice: " + message.getProps().getMessageId());
        }
      }
      return Map.copyOf(RESULTS);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static long ledgerRows(String eventId) throws Exception {
    try (java.sql.Connection c = DriverManager.getConnection(service.jdbcUrl(), "postgres", "");
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT count(*) FROM batch_ledger WHERE event_id = '" + eventId + "'")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 60_000;
    while (!condition.getAsBoolean()) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(100);
    }
  }
}
