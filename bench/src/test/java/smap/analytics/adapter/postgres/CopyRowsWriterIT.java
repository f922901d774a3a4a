package smap.analytics.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import smap.analytics.adapter.postgres.BatchRowsMapper.ErrorRowContext;
import smap.analytics.application.port.in.BatchDeadline;
import smap.analytics.application.port.out.BatchCommit;
import smap.analytics.domain.batch.BatchStatus;
import smap.analytics.domain.batch.EventId;
import smap.analytics.domain.batch.Platform;
import smap.analytics.domain.error.CrawlError;
import smap.analytics.domain.error.ErrorCode;
import smap.analytics.domain.error.ErrorSource;
import smap.analytics.domain.ledger.BatchCounts;
import smap.analytics.domain.post.CommentRecord;
import smap.analytics.domain.post.PostRecord;

/**
 * The benchmark compares like with like: the COPY writer stores exactly what the multi-row inserts
 * store: every column of every row, after a first delivery and a redelivery that changes the
 * analysis, lacks some crawl metadata, repeats comments and error rows; with texts COPY must escape
 * (tabs, newlines, backslashes, its own null and end markers) and times finer than PostgreSQL
 * keeps.
 */
class CopyRowsWriterIT {

  /** Every text COPY's text format treats specially, and some it does not. */
  private static final String TRICKY =
      "tab\there, line\nbreak, crlf\r\n, back\\slash, \\N, \\.\n\\.\n, end\\ xe đẹp 😍 \"q\"";

  private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";

  private static final String NAME =
      "smap_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

  private static HikariDataSource dataSource;

  /** A way to write a batch's rows in the caller's transaction. */
  private interface Writer {
    void write(DSLContext tx, BatchCommit commit, ErrorRowContext batch);
  }

  @BeforeAll
  static void migrate() throws Exception {
    admin("CREATE DATABASE " + NAME);
    dataSource = PostgresDataSources.create(SERVER + NAME, "postgres", "", 2);
    FlywayMigrator.migrate(dataSource);
  }

  @AfterAll
  static void drop() throws Exception {
    dataSource.close();
    admin("DROP DATABASE IF EXISTS " + NAME + " WITH (FORCE)");
  }

  private static void admin(String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(SERVER + "postgres", "postgres", "");
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static DSLContext dsl() {
    return DSL.using(dataSource, SQLDialect.POSTGRES);
  }

  @Test
  void copyStoresTheSameRowsAsTheMultiRowInserts() throws Exception {
    List<String> inserted = writeBothDeliveries(BatchRowsWriter::writeAll);
    List<String> copied = writeBothDeliveries(CopyRowsWriter::writeAll);

    assertThat(copied).isEqualTo(inserted);
    assertThat(inserted)
        .as("three posts, four comments (the redelivered ones once), three error rows")
        .hasSize(10);
    assertThat(inserted.get(0))
        .as("the redelivery's analysis, the first delivery's crawl metadata where it had none")
        .contains("\"overall_sentiment\": \"NEGATIVE\"")
        .contains("\"job_id\": \"job-1\"")
        .contains("\"content_text\": \"tab\\there, line\\nbreak");
  }

  @Test
  void theCopyIsBoundByTheBatchDeadline() throws Exception {
    truncate();
    List<String> timeouts = new ArrayList<>();
    try (BatchDeadline ignored = BatchDeadline.start(Duration.ofSeconds(20))) {
      dsl()
          .transaction(
              cfg -> {
                DSLContext tx = DSL.using(cfg);
                CopyRowsWriter.writeAll(tx, first(), context("ev-1"));
                timeouts.add(
                    String.valueOf(tx.fetchValue("SELECT current_setting('statement_timeout')")));
              });
    }
    assertThat(timeouts).hasSize(1);
    assertThat(timeouts.get(0)).matches("(1[0-9]|20)s|[0-9]{4,5}ms");
  }

  /** Both deliveries, each in its own transaction, into emptied tables; every row as JSON. */
  private static List<String> writeBothDeliveries(Writer writer) throws Exception {
    truncate();
    inTransaction(tx -> writer.write(tx, first(), context("ev-1")));
    inTransaction(tx -> writer.write(tx, redelivery(), context("ev-1")));
    List<String> rows = new ArrayList<>();
    rows.addAll(dump("SELECT to_jsonb(t)::text FROM post_analytics t ORDER BY id"));
    // created_at is the database's now() of the writing transaction: present, not compared.
    rows.addAll(
        dump(
            "SELECT (to_jsonb(t) - 'created_at')::text || (created_at IS NOT NULL)"
                + " FROM post_comments t ORDER BY id"));
    rows.addAll(dump("SELECT to_jsonb(t)::text FROM crawl_errors t ORDER BY id"));
    return rows;
  }

  private static void inTransaction(Consumer<DSLContext> work) {
    dsl().transaction(cfg -> work.accept(DSL.using(cfg)));
  }

  private static void truncate() {
    dsl().execute("TRUNCATE post_analytics, post_comments, crawl_errors RESTART IDENTITY CASCADE");
  }

  private static List<String> dump(String sql) throws Exception {
    List<String> rows = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        rows.add(rs.getString(1));
      }
    }
    return rows;
  }

  private static ErrorRowContext context(String eventId) {
    return new ErrorRowContext(
        eventId, "proj", "job-1", 4, Instant.parse("2025-12-17T10:00:00.000000500Z"));
  }

  private static BatchCommit first() {
    return commit(
        List.of(
            post("p1", "POSITIVE", crawl("ev-1", "job-1"), TRICKY, null),
            post("p2", "NEUTRAL", crawl("ev-1", "job-1"), "plain", "a\ttranscript\\n"),
            post("p3", "POSITIVE", crawl(null, null), null, null)),
        List.of(comment("p1", "c1", TRICKY), comment("p1", "c2", "ok"), comment("p2", "c1", "")),
        List.of(
            error("x1", "CONTENT_REMOVED", TRICKY, Map.of("k\t\\", List.of("v\n", 1.5e-300))),
            error("x2", "CONTENT_REMOVED", "gone", Map.of())));
  }

  private static BatchCommit redelivery() {
    return commit(
        List.of(post("p1", "NEGATIVE", crawl(null, null), null, "new transcript")),
        List.of(comment("p1", "c1", "changed"), comment("p1", "c3", "new\\N")),
        List.of(
            error("x1", "CONTENT_REMOVED", "again", Map.of()),
            error("x1", "RATE_LIMITED", null, Map.of("retry", true))));
  }

  private static BatchCommit commit(
      List<PostRecord> posts, List<CommentRecord> comments, List<CrawlError> errors) {
    return new BatchCommit(
        EventId.of("ev-1"),
        BatchStatus.PARTIAL,
        "proj",
        Platform.TIKTOK,
        posts,
        comments,
        errors,
        new BatchCounts(posts.size() + errors.size(), posts.size(), errors.size(), 0, 50),
        null,
        Map.of(),
        List.of(),
        Duration.ofMillis(5),
        Duration.ofMillis(7),
        Instant.parse("2025-12-17T10:00:00Z"),
        false);
  }

  private static PostRecord.CrawlMetadata crawl(String eventId, String jobId) {
    return new PostRecord.CrawlMetadata(
        eventId,
        jobId,
        eventId == null ? null : 4,
        eventId == null ? null : "research_and_crawl",
        eventId == null ? null : "brand\tsource",
        eventId == null ? null : Instant.parse("2025-12-17T09:59:59.123456789Z"),
        eventId == null ? null : "crawler_tiktok_v3",
        eventId == null ? null : "VinFast",
        eventId == null ? null : "VF8 \\ giá");
  }

  private static PostRecord post(
      String id, String label, PostRecord.CrawlMetadata crawl, String text, String transcript) {
    return new PostRecord(
        id,
        "proj",
        Platform.TIKTOK,
        Instant.parse("2025-12-10T08:00:00.999999500Z"),
        Instant.parse("2025-12-17T10:00:01.000000499Z"),
        new PostRecord.Sentiment(label, 0.1 + 0.2, Double.MIN_VALUE),
        "DISCUSSION",
        1.0 / 3,
        new PostRecord.Impact(1e300, "LOW", true, false),
        Map.of("PRICE", Map.of("label", "NEGATIVE", "note", TRICKY)),
        List.of(Map.of("keyword", "giá\t\"x\"", "aspect", "PRICE", "score", -0.5)),
        Map.of("NEGATIVE", 0.1, "POSITIVE", 0.8, "NEUTRAL", 0.1),
        Map.of("raw_impact", 7500.0),
        new PostRecord.Metrics(Long.MAX_VALUE, 500, 0, 10, 5, 50_000),
        Integer.MAX_VALUE,
        "1.0.0",
        crawl,
        new PostRecord.Content(
            text, transcript, text == null ? null : 30, List.of("vin\\fast", "a\nb"), null),
        new PostRecord.AuthorInfo("a1", "Author\r\n", null, null, true));
  }

  private static CommentRecord comment(String postId, String commentId, String text) {
    return new CommentRecord(
        postId, commentId, text, null, 2, Instant.parse("2025-12-11T00:00:00.0000015Z"));
  }

  private static CrawlError error(
      String contentId, String code, String message, Map<String, Object> details) {
    return new CrawlError(
        contentId,
        "TIKTOK",
        ErrorCode.of(code),
        true,
        ErrorSource.CRAWLER,
        message,
        details,
        "https://t/" + contentId + "\t");
  }
}
