package smap.analytics.bootstrap.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import smap.analytics.bootstrap.ServiceRuntime;
import smap.analytics.bootstrap.demo.SampleBatches;
import smap.analytics.bootstrap.e2e.RunningService;
import smap.analytics.domain.batch.BatchStatus;
import smap.analytics.domain.ledger.BatchEntry;

/**
 * Deadlines (BATCH_TIMEOUT_SECONDS = 3 here) end to end, on a running service whose object store
 * sits behind a TCP proxy in the test: a batch whose object trickles in, or whose commit waits on a
 * row lock another connection holds, is abandoned at its deadline with nothing stored, retried
 * while the stall lasts (other batches flow meanwhile), and stored exactly once when it ends. And a
 * batch whose summary row the database refuses keeps its items and records the refusal.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BatchDeadlineIT {

  private static final String BUCKET = "crawl-results";
  private static final String PROJECT = "9e1e8d2a-6b1f-4c57-9f55-1b4c2d3e4f53";
  private static final String JOB = PROJECT + "-brand-0";

  private TcpProxy objectStore;
  private RunningService service;

  @BeforeAll
  void start() throws Exception {
    service =
        RunningService.start(
            "deadline",
            ServiceRuntime.Mode.HEADLESS,
            env -> {
              env.put("BATCH_TIMEOUT_SECONDS", "3");
              // Many deadlines in a row are the point here, not poison.
              env.put("POISON_ATTEMPTS", "50");
              env.put("MAX_CONCURRENT_BATCHES", "2");
              // The client's read timeout must not be what ends a trickling read, nor the
              // statement timeout a lock wait: the batch's deadline is under test.
              env.put("MINIO_READ_TIMEOUT_MS", "120000");
              env.put("DATABASE_STATEMENT_TIMEOUT_MS", "600000");
              try {
                objectStore = new TcpProxy(URI.create(env.get("MINIO_ENDPOINT")).getPort());
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
              env.put("MINIO_ENDPOINT", "http://127.0.0.1:" + objectStore.port());
            });
    service.awaitReady(90);
  }

  @AfterAll
  void stop() throws Exception {
    if (service != null) {
      service.close();
    }
    if (objectStore != null) {
      objectStore.close();
    }
  }

  @Test
  void aBatchWhoseObjectTricklesIsAbandonedAtItsDeadlineRetriedAndStoredOnceItFlows()
      throws Exception {
    String id = "trickle-" + service.suffix();
    // About 10 KB at 160 bytes a second: a minute, far past the deadline, with bytes arriving
    // every 100 ms so no read timeout of the client fires.
    objectStore.trickle(16, Duration.ofMillis(100));
    try {
      publish(id, SampleBatches.batch("TIKTOK", JOB, 10, 2, 501), 10);
      long since = System.nanoTime();
      awaitAttempts(id, 3, 90);
      System.out.printf(
          "DEADLINE: trickling object, 3 attempts abandoned in %d ms%n",
          Duration.ofNanos(System.nanoTime() - since).toMillis());
      assertNothingStored(id);
      // The abandoned attempts do not linger on the trickling read: each stops at its next bytes.
      awaitAtMostOneThreadReadingAnObject(Duration.ofSeconds(10));
    } finally {
      objectStore.flow();
    }
    BatchEntry done = service.awaitTerminal(id, 120);
    assertThat(done.status()).isEqualTo(BatchStatus.SUCCEEDED);
    assertStoredOnce(id, 8, 2);
  }

  @Test
  void aCommitWaitingOnARowLockIsRolledBackAtItsDeadlineWhileOtherBatchesFlow() throws Exception {
    String first = "lock-first-" + service.suffix();
    List<Map<String, Object>> firstItems = SampleBatches.batch("TIKTOK", JOB, 5, 0, 601);
    publish(first, firstItems, 5);
    assertThat(service.awaitTerminal(first, 60).status()).isEqualTo(BatchStatus.SUCCEEDED);
    String lockedPost = SampleBatches.itemId("TIKTOK", 601, 0);
    String locked = "lock-x-" + service.suffix();
    List<Map<String, Object>> lockedItems =
        new ArrayList<>(SampleBatches.batch("TIKTOK", JOB, 6, 1, 602));
    lockedItems.add(firstItems.get(0));

    try (Connection holder = database()) {
      holder.setAutoCommit(false);
      try (PreparedStatement lock =
          holder.prepareStatement("SELECT id FROM post_analytics WHERE id = ? FOR UPDATE")) {
        lock.setString(1, lockedPost);
        try (ResultSet r = lock.executeQuery()) {
          assertThat(r.next()).as("the post to lock").isTrue();
        }
      }
      publish(locked, lockedItems, 7);
      List<String> others = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        String other = "lock-other-" + i + "-" + service.suffix();
        publish(other, SampleBatches.batch("TIKTOK", JOB, 5, 1, 610 + i), 5);
        others.add(other);
      }
      for (String other : others) {
        assertThat(service.awaitTerminal(other, 60).status())
            .as("a batch that needs no locked row, while the lock is held")
            .isEqualTo(BatchStatus.SUCCEEDED);
      }
      // A later attempt could start only once the abandoned one's transaction had rolled back
      // and released the ledger row it locks first.
      awaitAttempts(locked, 3, 60);
      assertNothingStored(locked);
      holder.rollback();
    }
    BatchEntry done = service.awaitTerminal(locked, 60);
    assertThat(done.status()).isEqualTo(BatchStatus.SUCCEEDED);
    assertStoredOnce(locked, 6, 1);
  }

  @Test
  void aBatchWhoseSummaryTheDatabaseRefusesKeepsItsItemsAndRecordsTheRefusal() throws Exception {
    String id = "refused-" + service.suffix();
    try (Connection db = database();
        Statement s = db.createStatement()) {
      // A rule the storable boundary does not know: refuse a finished batch's row whose warnings
      // mention the batch size.
      s.execute(
          "CREATE FUNCTION test_refuse_summary() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
              + " IF NEW.status IN ('SUCCEEDED', 'PARTIAL') AND NEW.warnings::text LIKE"
              + " '%Unexpected batch size%' THEN RAISE EXCEPTION 'test-only refusal of this"
              + " summary'; END IF; RETURN NEW; END $$");
      s.execute(
          "CREATE TRIGGER test_refuse_summary BEFORE UPDATE ON batch_ledger FOR EACH ROW"
              + " EXECUTE FUNCTION test_refuse_summary()");
    }
    try {
      // 4 items where the event announces 9: a batch-size warning in the summary.
      publish(id, SampleBatches.batch("TIKTOK", JOB, 4, 1, 701), 9);
      BatchEntry done = service.awaitTerminal(id, 60);
      assertThat(done.status()).isEqualTo(BatchStatus.SUCCEEDED);
      assertThat(done.warnings())
          .singleElement()
          .asString()
          .contains("the ledger refused this batch's summary", "test-only refusal of this summary");
      assertStoredOnce(id, 3, 1);
    } finally {
      try (Connection db = database();
          Statement s = db.createStatement()) {
        s.execute("DROP TRIGGER test_refuse_summary ON batch_ledger");
        s.execute("DROP FUNCTION test_refuse_summary()");
      }
    }
  }

  private void publish(String eventId, List<Map<String, Object>> items, int announced) {
    service.crawler().upload(BUCKET, eventId + ".json", items, false);
    service
        .crawler()
        .publish(
            SampleBatches.event(
                eventId, BUCKET + "/" + eventId + ".json", PROJECT, JOB, 0, announced, "tiktok"));
  }

  private Connection database() throws Exception {
    return DriverManager.getConnection(service.jdbcUrl(), "postgres", "");
  }

  private void awaitAttempts(String eventId, int attempts, int seconds) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    long seen = 0;
    while (System.nanoTime() < deadline) {
      seen =
          count("SELECT coalesce(max(attempts), 0) FROM batch_ledger WHERE event_id = ?", eventId);
      if (seen >= attempts) {
        BatchEntry entry =
            service
                .runtime()
                .ledger()
                .find(smap.analytics.domain.batch.EventId.of(eventId))
                .orElseThrow();
        assertThat(entry.status().terminal()).as("still unfinished: " + entry.status()).isFalse();
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(eventId + ": " + seen + " attempts, expected " + attempts);
  }

  /** Waits until at most one batch thread of the service is inside an object read. */
  private static void awaitAtMostOneThreadReadingAnObject(Duration within)
      throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    long reading = Long.MAX_VALUE;
    while (System.nanoTime() < deadline) {
      reading =
          Thread.getAllStackTraces().entrySet().stream()
              .filter(e -> e.getKey().getName().startsWith("batch-"))
              .filter(
                  e ->
                      java.util.Arrays.stream(e.getValue())
                          .anyMatch(f -> f.getClassName().endsWith("MinioBatchObjectAdapter")))
              .count();
      if (reading <= 1) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(reading + " batch threads still read an object");
  }

  private void assertNothingStored(String eventId) throws Exception {
    assertThat(count("SELECT count(*) FROM post_analytics WHERE event_id = ?", eventId))
        .as("posts of the abandoned batch")
        .isZero();
    assertThat(count("SELECT count(*) FROM crawl_errors WHERE event_id = ?", eventId))
        .as("error rows of the abandoned batch")
        .isZero();
    assertThat(count("SELECT count(*) FROM result_outbox WHERE event_id = ?", eventId))
        .as("results of the abandoned batch")
        .isZero();
  }

  private void assertStoredOnce(String eventId, int posts, int errors) throws Exception {
    assertThat(count("SELECT count(*) FROM post_analytics WHERE event_id = ?", eventId))
        .as("posts")
        .isEqualTo(posts);
    assertThat(count("SELECT count(*) FROM crawl_errors WHERE event_id = ?", eventId))
        .as("error rows")
        .isEqualTo(errors);
    assertThat(count("SELECT count(*) FROM result_outbox WHERE event_id = ?", eventId))
        .as("results")
        .isEqualTo(1);
  }

  private long count(String sql, String eventId) throws Exception {
    try (Connection db = database();
        PreparedStatement s = db.prepareStatement(sql)) {
      s.setString(1, eventId);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }
}
