package smap.analytics.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import smap.analytics.application.port.out.BatchCommit;
import smap.analytics.application.port.out.BatchFailure;
import smap.analytics.application.port.out.BatchLedgerPortContractTest;
import smap.analytics.domain.batch.AnalyzeResult;
import smap.analytics.domain.batch.BatchStatus;
import smap.analytics.domain.batch.EventId;
import smap.analytics.domain.batch.Platform;
import smap.analytics.domain.ledger.BatchCounts;
import smap.analytics.domain.ledger.BatchEntry;
import smap.analytics.domain.post.CommentRecord;
import smap.analytics.domain.post.PostRecord;

/**
 * A row the database refuses (here a post whose text holds U+0000, which PostgreSQL text cannot
 * store, sent past the domain's boundary on purpose) is found with savepoints and becomes one
 * INTERNAL_ERROR row; the rest of the batch commits, counted and published as PARTIAL.
 */
class RefusedRowIsolationIT {

  private static TestDatabase db;
  private static JooqBatchLedgerAdapter ledger;

  @BeforeAll
  static void migrate() {
    db = new TestDatabase();
    FlywayMigrator.migrate(db.dataSource);
    DSLContext dsl = DSL.using(db.dataSource, SQLDialect.POSTGRES);
    ledger = new JooqBatchLedgerAdapter(dsl);
  }

  @AfterAll
  static void drop() {
    db.close();
  }

  private static String query(String sql) throws Exception {
    try (Connection c = db.dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  /** The contract test's post with another text. */
  private static PostRecord post(String id, String text) {
    PostRecord base = Fixtures.basePost(id, "r1");
    return Fixtures.withContent(base, new PostRecord.Content(text, null, 30, List.of(), null));
  }

  /** Access to the contract test's fixtures. */
  private abstract static class Fixtures extends BatchLedgerPortContractTest {
    static final java.time.Instant AT = NOW;

    static PostRecord basePost(String id, String eventId) {
      return post(id, eventId);
    }

    static PostRecord withContent(PostRecord post, PostRecord.Content content) {
      return withContent(post, post.platform(), content);
    }

    static smap.analytics.application.port.out.BatchStart begin(String eventId) {
      return start(eventId, "{}".getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void aRefusedPostBecomesAnErrorRowAndTheRestCommits() throws Exception {
    ledger.begin(Fixtures.begin("r1"));
    BatchCommit commit =
        new BatchCommit(
            EventId.of("r1"),
            BatchStatus.SUCCEEDED,
            "proj",
            Platform.TIKTOK,
            List.of(post("good-1", "fine"), post("bad", "nul\u0000here"), post("good-2", "ok")),
            List.of(
                new CommentRecord("good-1", "c1", "hay", "u", 1, null),
                new CommentRecord("bad", "c2", "hay", "u", 1, null),
                new CommentRecord("good-2", "c3", "bad\u0000comment", "u", 1, null)),
            List.of(),
            new BatchCounts(3, 3, 0, 0, 50),
            new AnalyzeResult("proj", "proj-brand-0", 3, 3, 0),
            Map.of(),
            List.of(),
            Duration.ZERO,
            Duration.ofMillis(5),
            Fixtures.AT,
            false);

    ledger.commit(commit);

    assertThat(query("SELECT string_agg(id, ',' ORDER BY id) FROM post_analytics"))
        .isEqualTo("good-1,good-2");
    assertThat(query("SELECT string_agg(comment_id, ',') FROM post_comments")).isEqualTo("c1");
    assertThat(
            query(
                "SELECT content_id || ' ' || error_code || ' ' || source FROM crawl_errors WHERE event_id = 'r1'"))
        .isEqualTo("bad INTERNAL_ERROR analytics");
    assertThat(query("SELECT error_message FROM crawl_errors WHERE event_id = 'r1'"))
        .startsWith("the database refused the analysed post: ")
        .contains("0x00");
    BatchEntry entry = ledger.find(EventId.of("r1")).orElseThrow();
    assertThat(entry.status()).isEqualTo(BatchStatus.PARTIAL);
    assertThat(entry.counts()).isEqualTo(new BatchCounts(3, 2, 0, 1, 50));
    assertThat(entry.warnings())
        .anySatisfy(w -> assertThat(w).startsWith("post bad: the database refused its row"))
        .anySatisfy(
            w -> assertThat(w).startsWith("comment c3 of post good-2: the database refused it"));
    assertThat(
            query(
                "SELECT result->>'success_count' || '/' || (result->>'error_count') FROM result_outbox WHERE event_id = 'r1'"))
        .isEqualTo("2/1");
  }

  @Test
  void aLongReasonIsBoundedInTheLedger() throws Exception {
    ledger.begin(Fixtures.begin("r2"));
    ledger.fail(
        new BatchFailure(
            EventId.of("r2"),
            BatchStatus.FAILED,
            "found keys " + "k".repeat(100_000) + "\u0000",
            "trace\u0000",
            null,
            Platform.TIKTOK,
            null,
            Map.of(),
            List.of("w\u0000".repeat(1_000)),
            Fixtures.AT,
            false));

    assertThat(query("SELECT length(last_error) FROM batch_ledger WHERE event_id = 'r2'"))
        .isEqualTo(String.valueOf(2_048 + "… [100011 chars]".length()));
    assertThat(query("SELECT last_error_detail FROM batch_ledger WHERE event_id = 'r2'"))
        .isEqualTo("trace");
  }
}
