package smap.analytics.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import smap.analytics.application.port.out.BatchCommit;
import smap.analytics.application.port.out.BatchLedgerPort;
import smap.analytics.application.port.out.BatchLedgerPortContractTest;
import smap.analytics.application.port.out.ResultOutboxPort;
import smap.analytics.domain.batch.BatchStatus;
import smap.analytics.domain.batch.EventId;
import smap.analytics.domain.batch.Platform;
import smap.analytics.domain.failure.DependencyUnavailableException;
import smap.analytics.domain.ledger.BatchCounts;
import smap.analytics.domain.post.PostRecord;

class JooqBatchLedgerAdapterIT extends BatchLedgerPortContractTest {

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

  @BeforeEach
  void empty() {
    db.execute(
        "TRUNCATE batch_ledger, batch_attempts, result_outbox, post_comments, post_analytics, crawl_errors CASCADE");
  }

  @Override
  protected BatchLedgerPort ledger() {
    return new JooqBatchLedgerAdapter(dsl);
  }

  @Override
  protected ResultOutboxPort outbox() {
    return new JooqResultOutboxAdapter(dsl);
  }

  private static String query(String sql) throws Exception {
    try (Connection c = db.dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  /** A succeeded commit of one post and nothing else, out of {@code expected} items. */
  private static BatchCommit postsOnly(
      String eventId, Platform platform, PostRecord post, int expected) {
    BatchCommit c = commit(eventId, null, false);
    return new BatchCommit(
        c.eventId(),
        BatchStatus.SUCCEEDED,
        null,
        platform,
        List.of(post),
        List.of(),
        List.of(),
        new BatchCounts(1, 1, 0, 0, expected),
        null,
        Map.of(),
        List.of(),
        c.fetchTime(),
        c.processingTime(),
        c.finishedAt(),
        false);
  }

  @Test
  void aCommitWritesPostsCommentsAndErrorsWithWideCountsAndKeepsMetadataOnUpsert()
      throws Exception {
    BatchLedgerPort ledger = ledger();
    ledger.begin(start("w1", new byte[0]));
    ledger.commit(commit("w1", null, false));

    assertThat(query("SELECT view_count FROM post_analytics WHERE id = 'w1-p1'"))
        .isEqualTo("3000000000");
    assertThat(query("SELECT keywords->0->>'keyword' FROM post_analytics WHERE id = 'w1-p1'"))
        .isEqualTo("giá");
    assertThat(query("SELECT count(*) FROM post_comments WHERE post_id = 'w1-p1'")).isEqualTo("1");
    assertThat(
            query(
                "SELECT error_category || ' ' || source || ' ' || job_id || ' ' || batch_index FROM crawl_errors WHERE event_id = 'w1'"))
        .isEqualTo("content crawler proj-brand-0 3");

    PostRecord base = post("w1-p1", "w2");
    PostRecord withoutMetadata =
        new PostRecord(
            base.id(),
            null,
            base.platform(),
            base.publishedAt(),
            base.analyzedAt(),
            base.sentiment(),
            "LEAD",
            0.6,
            base.impact(),
            base.aspectsBreakdown(),
            base.keywords(),
            base.sentimentProbabilities(),
            base.impactBreakdown(),
            base.metrics(),
            2,
            "1.0.0",
            new PostRecord.CrawlMetadata("w2", null, null, null, null, null, null, null, null),
            new PostRecord.Content(null, null, null, null, null),
            new PostRecord.AuthorInfo(null, null, null, null, false));
    ledger.begin(start("w2", new byte[0]));
    ledger.commit(postsOnly("w2", Platform.TIKTOK, withoutMetadata, 50));

    assertThat(
            query(
                "SELECT primary_intent || ' ' || job_id || ' ' || brand_name || ' ' || project_id || ' ' || content_text FROM post_analytics WHERE id = 'w1-p1'"))
        .as("analysis is replaced, null crawler metadata does not blank stored values")
        .isEqualTo("LEAD proj-brand-0 VinFast proj xe đẹp");
  }

  @Test
  void aLongTranscriptIsCompressedWithLz4WhereTheServerHasIt() throws Exception {
    String transcript =
        "Xin chào các bạn, hôm nay mình sẽ review chi tiết chiếc VinFast VF8 sau một tháng. "
            .repeat(80);
    PostRecord youtube =
        withContent(
            post("lz-p1", "lz1"),
            Platform.YOUTUBE,
            new PostRecord.Content("review", transcript, 600, List.of(), "https://y/1"));
    BatchLedgerPort ledger = ledger();
    ledger.begin(start("lz1", new byte[0]));
    ledger.commit(postsOnly("lz1", Platform.YOUTUBE, youtube, 1));

    String expected =
        query(
            "SELECT CASE WHEN 'lz4' = ANY (enumvals) THEN 'lz4' ELSE 'pglz' END FROM pg_settings"
                + " WHERE name = 'default_toast_compression'");
    assertThat(
            query(
                "SELECT pg_column_compression(content_transcription) FROM post_analytics WHERE id ="
                    + " 'lz-p1'"))
        .as("V150: new long values with lz4 when the server has it")
        .isEqualTo(expected);
    assertThat(query("SELECT content_transcription FROM post_analytics WHERE id = 'lz-p1'"))
        .isEqualTo(transcript);
    // The other long values of a post, which TOAST compresses once the transcript is.
    assertThat(
            query(
                "SELECT string_agg(attname || ' ' || CASE attcompression WHEN 'l' THEN 'lz4'"
                    + " ELSE 'pglz' END, ', ' ORDER BY attname) FROM pg_attribute WHERE attrelid ="
                    + " 'post_analytics'::regclass AND attname IN ('keywords', 'aspects_breakdown',"
                    + " 'impact_breakdown', 'sentiment_probabilities', 'hashtags')"))
        .isEqualTo(
            "aspects_breakdown %1$s, hashtags %1$s, impact_breakdown %1$s, keywords %1$s,"
                    .formatted(expected)
                + " sentiment_probabilities %s".formatted(expected));
  }

  @Test
  void aReplayReplacesOnlyItsOwnAnalysisErrors() throws Exception {
    BatchLedgerPort ledger = ledger();
    ledger.begin(start("w3", new byte[0]));
    ledger.commit(commit("w3", null, false));
    db.execute(
        "INSERT INTO crawl_errors (content_id, platform, error_code, error_category, event_id, source) VALUES ('old', 'TIKTOK', 'INTERNAL_ERROR', 'generic', 'w3', 'analytics')");

    ledger.begin(start("w3", new byte[0]));
    ledger.commit(commit("w3", null, true));

    assertThat(
            query(
                "SELECT count(*) FROM crawl_errors WHERE event_id = 'w3' AND source = 'analytics'"))
        .isEqualTo("0");
    assertThat(
            query("SELECT count(*) FROM crawl_errors WHERE event_id = 'w3' AND source = 'crawler'"))
        .isEqualTo("1");
    assertThat(query("SELECT count(*) FROM batch_attempts WHERE event_id = 'w3'")).isEqualTo("2");
  }

  @Test
  void anAttemptStartsInOneStatementAndACommitWritesEachTableInOneStatement() throws Exception {
    // Every statement the adapter prepares on its connections, whether through jOOQ or JDBC.
    List<String> statements = new java.util.concurrent.CopyOnWriteArrayList<>();
    javax.sql.DataSource source = db.dataSource;
    javax.sql.DataSource recording =
        (javax.sql.DataSource)
            java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {javax.sql.DataSource.class},
                (proxy, method, args) -> {
                  Object result = method.invoke(source, args);
                  if (!method.getName().equals("getConnection")) {
                    return result;
                  }
                  java.sql.Connection connection = (java.sql.Connection) result;
                  return java.lang.reflect.Proxy.newProxyInstance(
                      getClass().getClassLoader(),
                      new Class<?>[] {java.sql.Connection.class},
                      (p, m, a) -> {
                        if (m.getName().startsWith("prepare")) {
                          statements.add((String) a[0]);
                        }
                        try {
                          return m.invoke(connection, a);
                        } catch (java.lang.reflect.InvocationTargetException e) {
                          throw e.getCause();
                        }
                      });
                });
    org.jooq.Configuration counting = dsl.configuration().derive(recording);
    JooqBatchLedgerAdapter ledger = new JooqBatchLedgerAdapter(DSL.using(counting));
    ledger.beginUnlessFinished(start("w4", new byte[0]));
    assertThat(statements).hasSize(1);
    BatchCommit base = commit("w4", null, false);
    List<PostRecord> posts = new java.util.ArrayList<>();
    for (int i = 0; i < 50; i++) {
      posts.add(post("w4-p" + i, "w4"));
    }
    statements.clear();
    ledger.commit(
        new BatchCommit(
            base.eventId(),
            BatchStatus.SUCCEEDED,
            "proj",
            Platform.TIKTOK,
            posts,
            base.comments(),
            base.errors(),
            new BatchCounts(51, 50, 1, 0, 50),
            null,
            Map.of(),
            List.of(),
            base.fetchTime(),
            base.processingTime(),
            base.finishedAt(),
            false));

    // The row lock, one multi-row statement per table, and the final state in one more.
    assertThat(statements).as(statements.toString()).hasSize(5);
    assertThat(statements.get(1)).startsWith("insert into \"post_analytics\"");
    assertThat(statements.get(2)).startsWith("insert into \"post_comments\"");
    assertThat(statements.get(3)).startsWith("insert into \"crawl_errors\"");
    assertThat(query("SELECT count(*) FROM post_analytics WHERE event_id = 'w4'")).isEqualTo("50");
    assertThat(query("SELECT status FROM batch_attempts WHERE event_id = 'w4'"))
        .isEqualTo("SUCCEEDED");
    statements.clear();
    assertThat(ledger.beginUnlessFinished(start("w4", new byte[0])).finished()).isTrue();
    assertThat(statements).hasSize(1);
    assertThat(query("SELECT count(*) FROM batch_attempts WHERE event_id = 'w4'")).isEqualTo("1");
  }

  @Test
  void anUnreachableDatabaseIsATransientFailure() {
    try (var broken =
        PostgresDataSources.create("jdbc:postgresql://127.0.0.1:1/none", "postgres", "", 1)) {
      broken.setConnectionTimeout(500);
      JooqBatchLedgerAdapter adapter =
          new JooqBatchLedgerAdapter(DSL.using(broken, SQLDialect.POSTGRES));
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> adapter.find(EventId.of("x")))
          .isInstanceOf(DependencyUnavailableException.class);
    }
  }
}
