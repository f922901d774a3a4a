package smap.analytics.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import smap.analytics.adapter.postgres.console.JooqAuditLogAdapter;
import smap.analytics.application.fake.InMemoryBatchObjects;
import smap.analytics.application.fake.InMemoryFeatureFlags;
import smap.analytics.application.port.in.ProcessDeliveryCommand;
import smap.analytics.application.port.in.PruneRetentionUseCase.PruneReport;
import smap.analytics.application.port.in.console.ReplayBatchUseCase.ReplayCommand;
import smap.analytics.application.port.in.console.ReplayBatchUseCase.ReplayOutcome;
import smap.analytics.application.port.out.PipelineMetricsPort;
import smap.analytics.application.service.FeatureFlagCache;
import smap.analytics.application.service.PipelineSettings;
import smap.analytics.application.service.ProcessDeliveryService;
import smap.analytics.application.service.PruneRetentionService;
import smap.analytics.application.service.RetentionPolicy;
import smap.analytics.application.service.console.ReplayBatchService;
import smap.analytics.domain.analysis.PostAnalyser;
import smap.analytics.domain.batch.BatchStatus;
import smap.analytics.domain.batch.EventId;
import smap.analytics.domain.ledger.BatchEntry;
import smap.analytics.domain.message.DecodedBody;
import smap.analytics.domain.retention.RetainedData;

/**
 * Retention against the real PostgreSQL: old and new rows of every pruned table are seeded (the new
 * ones through the real pipeline and ledger), one pass of the job removes exactly the old ones in
 * small batches, and a batch whose body is kept still replays.
 */
class JooqRetentionAdapterIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static TestDatabase db;
  private static DSLContext dsl;

  @BeforeAll
  static void migrate() {
    db = new TestDatabase();
    FlywayMigrator.migrate(db.dataSource);
    dsl = DSL.using(db.dataSource, SQLDialect.POSTGRES);
  }

  @AfterAll
  static void drop() {
    db.close();
  }

  private static long count(String sql) throws Exception {
    try (Connection c = db.dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static byte[] event(String eventId, String path) throws Exception {
    return JSON.writeValueAsBytes(
        Map.of(
            "event_id",
            eventId,
            "event_type",
            "data.collected",
            "payload",
            Map.of(
                "minio_path",
                path,
                "project_id",
                "proj",
                "job_id",
                "proj-brand-0",
                "platform",
                "tiktok",
                "content_count",
                1)));
  }

  private static DecodedBody decode(byte[] body) {
    try {
      return new DecodedBody.Json(JSON.readValue(body, Map.class));
    } catch (java.io.IOException e) {
      return new DecodedBody.Undecodable(e.getMessage());
    }
  }

  @Test
  void onlyRowsPastTheirRetentionGoAndKeptBatchesStillReplay() throws Exception {
    JooqBatchLedgerAdapter ledger = new JooqBatchLedgerAdapter(dsl);
    InMemoryBatchObjects objects = new InMemoryBatchObjects();
    Clock clock = Clock.systemUTC();
    ProcessDeliveryService delivery =
        new ProcessDeliveryService(
            objects,
            ledger,
            PipelineMetricsPort.none(),
            new FeatureFlagCache(new InMemoryFeatureFlags(), "it", clock),
            PostAnalyser.withDefaults(),
            PipelineSettings.defaults(),
            clock,
            millis -> {});
    Map<String, Object> post =
        Map.of(
            "meta",
            Map.of("id", "p1", "platform", "TIKTOK", "fetch_status", "success"),
            "content",
            Map.of("text", "Xe chạy rất êm và tiết kiệm"));
    objects.put("crawl-results/old.json", List.of(post));
    objects.put("crawl-results/new.json", List.of(post));
    objects.put("crawl-results/failed.json", List.of(post));
    byte[] oldBody = event("old", "crawl-results/old.json");
    byte[] newBody = event("new", "crawl-results/new.json");
    byte[] failedBody = event("failed", "crawl-results/failed.json");
    for (byte[] body : List.of(oldBody, newBody, failedBody)) {
      delivery.process(ProcessDeliveryCommand.delivery("q", body, decode(body), 0));
    }
    // Age the batches: "old" finished 40 days ago, "failed" too but it awaits an operator.
    db.execute(
        "UPDATE batch_ledger SET finished_at = now() - interval '40 days'"
            + " WHERE event_id IN ('old', 'failed')");
    db.execute("UPDATE batch_ledger SET status = 'FAILED' WHERE event_id = 'failed'");
    // 23 old and 2 new rows in each other table; outbox rows also not yet published.
    db.execute(
        "INSERT INTO audit_log (at, actor, action, outcome) SELECT now() - interval '400 days',"
            + " 'ana', 'flag', 'ok' FROM generate_series(1, 23);"
            + " INSERT INTO audit_log (at, actor, action, outcome) SELECT now() - interval '10 days',"
            + " 'ana', 'flag', 'ok' FROM generate_series(1, 2);"
            + " INSERT INTO crawl_errors (content_id, platform, error_code, error_category, created_at,"
            + " event_id) SELECT 'c' || i, 'TIKTOK', 'RATE_LIMITED', 'rate_limiting', now() - interval"
            + " '100 days', 'seed' FROM generate_series(1, 23) i;"
            + " INSERT INTO crawl_errors (content_id, platform, error_code, error_category, created_at,"
            + " event_id) SELECT 'n' || i, 'TIKTOK', 'RATE_LIMITED', 'rate_limiting', now() - interval"
            + " '1 day', 'seed' FROM generate_series(1, 2) i;"
            + " DELETE FROM result_outbox;"
            + " INSERT INTO result_outbox (event_id, message_id, result, status, published_at)"
            + " SELECT 'o' || i, 'o' || i, '{}', 'PUBLISHED', now() - interval '20 days' FROM"
            + " generate_series(1, 23) i;"
            + " INSERT INTO result_outbox (event_id, message_id, result, status, published_at)"
            + " VALUES ('n1', 'n1', '{}', 'PUBLISHED', now() - interval '1 day'),"
            + " ('u1', 'u1', '{}', 'UNROUTABLE', now() - interval '20 days');"
            + " INSERT INTO result_outbox (event_id, message_id, result, status, created_at)"
            + " VALUES ('p1', 'p1', '{}', 'PENDING', now() - interval '20 days')");

    Map<RetainedData, Long> counted = new EnumMap<>(RetainedData.class);
    PruneReport report =
        new PruneRetentionService(
                new JooqRetentionAdapter(dsl),
                (data, rows) -> counted.merge(data, rows, Long::sum),
                RetentionPolicy.defaults(),
                10,
                Duration.ofMillis(1),
                clock,
                Thread::sleep)
            .pruneOnce();

    assertThat(report.ran()).isTrue();
    assertThat(report.removed())
        .containsEntry(RetainedData.RAW_BODIES, 1L)
        .containsEntry(RetainedData.SENT_OUTBOX, 23L)
        .containsEntry(RetainedData.AUDIT, 23L)
        .containsEntry(RetainedData.CRAWL_ERRORS, 23L);
    assertThat(counted).isEqualTo(report.removed());
    assertThat(count("SELECT count(*) FROM audit_log")).isEqualTo(2);
    assertThat(count("SELECT count(*) FROM crawl_errors WHERE event_id = 'seed'")).isEqualTo(2);
    assertThat(count("SELECT count(*) FROM result_outbox WHERE message_id LIKE 'o%'")).isZero();
    assertThat(count("SELECT count(*) FROM result_outbox WHERE message_id IN ('n1', 'u1', 'p1')"))
        .as("a recent published row, an unroutable and a pending one stay")
        .isEqualTo(3);

    BatchEntry pruned = ledger.find(EventId.of("old")).orElseThrow();
    assertThat(pruned.rawBody()).isEmpty();
    assertThat(pruned.rawBodyTruncated()).isTrue();
    assertThat(count("SELECT count(*) FROM batch_ledger WHERE raw_body_pruned_at IS NOT NULL"))
        .isEqualTo(1);
    assertThat(ledger.find(EventId.of("new")).orElseThrow().rawBody()).isEqualTo(newBody);
    assertThat(ledger.find(EventId.of("failed")).orElseThrow().rawBody())
        .as("a failed batch keeps its body for the operator")
        .isEqualTo(failedBody);

    ReplayBatchService replay =
        new ReplayBatchService(
            ledger, delivery, JooqRetentionAdapterIT::decode, new JooqAuditLogAdapter(dsl), clock);
    ReplayOutcome kept =
        replay.replay(new ReplayCommand(EventId.of("new"), "ana", "check", false, false, "k1"));
    assertThat(kept.code()).isEqualTo("ok");
    assertThat(kept.batchStatus()).isEqualTo(BatchStatus.SUCCEEDED);
    ReplayOutcome gone =
        replay.replay(new ReplayCommand(EventId.of("old"), "ana", "check", false, false, "k2"));
    assertThat(gone.code()).isEqualTo("not-replayable");
    assertThat(gone.message()).contains("removed by retention (RETENTION_RAW_BODY_DAYS)");

    PruneReport again =
        new PruneRetentionService(
                new JooqRetentionAdapter(dsl),
                (data, rows) -> {},
                RetentionPolicy.defaults(),
                clock)
            .pruneOnce();
    assertThat(again.removed().values()).as("a second pass finds nothing").containsOnly(0L);
  }

  @Test
  void whileOneInstanceHoldsTheLockAnotherSkipsItsPass() throws Exception {
    JooqRetentionAdapter first = new JooqRetentionAdapter(dsl);
    JooqRetentionAdapter second = new JooqRetentionAdapter(dsl);
    CountDownLatch holding = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Thread holder =
        new Thread(
            () ->
                first.exclusively(
                    () -> {
                      holding.countDown();
                      try {
                        release.await(60, TimeUnit.SECONDS);
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                    }));
    holder.start();
    assertThat(holding.await(60, TimeUnit.SECONDS)).isTrue();

    boolean[] ran = {false};
    assertThat(second.exclusively(() -> ran[0] = true)).isFalse();
    assertThat(ran[0]).isFalse();

    release.countDown();
    holder.join(60_000);
    assertThat(second.exclusively(() -> ran[0] = true)).isTrue();
    assertThat(ran[0]).isTrue();
    try (Connection c = db.dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND database ="
                    + " (SELECT oid FROM pg_database WHERE datname = current_database())")) {
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        assertThat(rs.getLong(1)).as("the lock is released after a pass").isZero();
      }
    }
  }
}
