package smap.analytics.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static smap.analytics.application.port.out.console.ConsoleQueryPort.OTHER_CODES;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import smap.analytics.adapter.postgres.console.JooqConsoleQueryAdapter;
import smap.analytics.domain.batch.EventId;
import smap.analytics.domain.console.BatchDetail;
import smap.analytics.domain.console.BatchFilter;
import smap.analytics.domain.console.BatchRow;
import smap.analytics.domain.console.Count;
import smap.analytics.domain.console.Cursor;
import smap.analytics.domain.console.ErrorGroup;
import smap.analytics.domain.console.SeriesPoint;

/**
 * The console's queries on the real PostgreSQL: keyset pages, filters taken literally, the folded
 * error groups, the series, one batch's page and the overview's counts.
 */
class JooqConsoleQueryAdapterIT {

  private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

  private static TestDatabase db;
  private static JooqConsoleQueryAdapter console;

  @BeforeAll
  static void migrate() {
    db = TestDatabase.migrated();
    console = new JooqConsoleQueryAdapter(db.dsl());
  }

  @AfterAll
  static void drop() {
    db.close();
  }

  @BeforeEach
  void empty() {
    db.execute("TRUNCATE batch_ledger, crawl_errors, post_analytics, result_outbox CASCADE");
  }

  @Test
  void pagesFollowOneAnotherNewestFirstWithTiesOrderedByEventId() {
    // evt-b and evt-c share a time: the cursor must not skip or repeat either.
    ledger("evt-a", "SUCCEEDED", "TIKTOK", 40, null);
    ledger("evt-b", "FAILED", "TIKTOK", 30, "object not found");
    ledger("evt-c", "SUCCEEDED", "YOUTUBE", 30, null);
    ledger("evt-d", "PARTIAL", "TIKTOK", 20, null);
    ledger("evt-e", "SUCCEEDED", "TIKTOK", 10, null);

    List<String> seen = new ArrayList<>();
    Cursor after = null;
    List<BatchRow> page;
    do {
      page = console.batches(BatchFilter.ANY, after, 2);
      page.forEach(r -> seen.add(r.eventId()));
      if (!page.isEmpty()) {
        BatchRow last = page.get(page.size() - 1);
        after = new Cursor(last.receivedAt(), last.eventId());
      }
    } while (page.size() == 2);

    assertThat(seen).containsExactly("evt-a", "evt-c", "evt-b", "evt-d", "evt-e");
    BatchFilter blank = new BatchFilter(" ", "", " ", "", " ", "", null, null);
    assertThat(console.batches(blank, null, 10)).hasSize(5);
    BatchFilter failedTikTok =
        new BatchFilter("FAILED", "TIKTOK", null, null, null, null, null, null);
    assertThat(console.batches(failedTikTok, null, 10))
        .extracting(BatchRow::eventId, BatchRow::lastError)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("evt-b", "object not found"));
    BatchFilter window =
        new BatchFilter(null, null, null, null, null, null, T0.plusSeconds(20), T0.plusSeconds(40));
    assertThat(console.batches(window, null, 10))
        .extracting(BatchRow::eventId)
        .containsExactly("evt-c", "evt-b", "evt-d");
  }

  @Test
  void errorTextAndEventIdFiltersTakeLikeWildcardsLiterally() {
    ledger("evt_1", "FAILED", "TIKTOK", 1, "50% done_x");
    ledger("evtX1", "FAILED", "TIKTOK", 2, "500 done");
    ledger("evt_2", "FAILED", "TIKTOK", 3, "back\\slash");

    assertThat(ids(new BatchFilter(null, null, null, null, "0% DONE_", null, null, null)))
        .containsExactly("evt_1");
    assertThat(ids(new BatchFilter(null, null, null, null, "k\\s", null, null, null)))
        .containsExactly("evt_2");
    assertThat(ids(new BatchFilter(null, null, null, null, null, "evt_", null, null)))
        .containsExactly("evt_2", "evt_1");
    assertThat(ids(new BatchFilter(null, null, null, null, null, "evt%", null, null))).isEmpty();
  }

  @Test
  void theGroupsBeyondTheLargestFiftyAreFoldedAndTotalsStayExact() {
    // 55 codes of 1..55 rows each, all crawler rows of one category, inside the window; one
    // analytics row; and one old row of code C55 before the window.
    db.execute(
        "INSERT INTO crawl_errors (content_id, project_id, job_id, platform, error_code, error_category,"
            + " error_message, created_at, event_id, source, transient)"
            + " SELECT 'c-' || c || '-' || n, 'p', 'j', 'TIKTOK', 'C' || lpad(c::text, 2, '0'), 'network', 'm',"
            + " timestamptz '2026-03-01 12:00:00+00' + (n || ' minutes')::interval, 'evt-x', 'crawler', true"
            + " FROM generate_series(1, 55) c, generate_series(1, c) n");
    errorRow("a-1", "ANALYSIS_FAILED", "analytics", T0.plusSeconds(60));
    errorRow("old", "C55", "crawler", T0.minus(2, ChronoUnit.DAYS));
    Instant from = T0;
    Instant to = T0.plus(1, ChronoUnit.DAYS);

    List<ErrorGroup> groups = console.errorGroups(from, to, null);

    // 56 groups: the 50 largest (C55 down to C06), then C05 to C01 folded into one group and the
    // analytics row into another (each category, transience and source folds on its own).
    assertThat(groups).hasSize(52);
    assertThat(groups.get(0).code()).isEqualTo("C55");
    assertThat(groups.get(0).count()).isEqualTo(55);
    assertThat(groups.get(0).newInWindow()).isFalse();
    assertThat(groups.get(1).newInWindow()).isTrue();
    // All sorted by count, the folded ones too.
    assertThat(groups).isSortedAccordingTo((a, b) -> Long.compare(b.count(), a.count()));
    assertThat(groups)
        .filteredOn(g -> g.code().equals(OTHER_CODES))
        .extracting(ErrorGroup::source, ErrorGroup::count, ErrorGroup::newInWindow)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("crawler", 15L, false),
            org.assertj.core.groups.Tuple.tuple("analytics", 1L, false));
    assertThat(groups).extracting(ErrorGroup::code).contains("C06").doesNotContain("C05");
    assertThat(groups.stream().mapToLong(ErrorGroup::count).sum()).isEqualTo(55 * 56 / 2 + 1);
    assertThat(console.errorGroups(from, to, "analytics"))
        .extracting(ErrorGroup::code, ErrorGroup::count)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("ANALYSIS_FAILED", 1L));
    assertThat(console.errors("C03", from, to, 2))
        .extracting(r -> r.contentId())
        .containsExactly("c-3-3", "c-3-2");
  }

  @Test
  void theSeriesCountsRowsPerBucketAndCategory() {
    errorRow("a", "TIMEOUT", "crawler", T0.plusSeconds(10));
    errorRow("b", "TIMEOUT", "crawler", T0.plusSeconds(3_599));
    errorRow("c", "TIMEOUT", "crawler", T0.plusSeconds(3_600));
    errorRow("d", "TIMEOUT", "analytics", T0.plusSeconds(3_700));

    List<SeriesPoint> all = console.errorSeries(T0, T0.plusSeconds(7_200), 3_600, null);
    List<SeriesPoint> crawler = console.errorSeries(T0, T0.plusSeconds(7_200), 3_600, "crawler");

    assertThat(all)
        .containsExactlyInAnyOrder(
            new SeriesPoint(T0, "network", 2),
            new SeriesPoint(T0.plusSeconds(3_600), "network", 2));
    assertThat(crawler)
        .containsExactlyInAnyOrder(
            new SeriesPoint(T0, "network", 2),
            new SeriesPoint(T0.plusSeconds(3_600), "network", 1));
    var both = console.errorAggregates(T0, T0.plusSeconds(7_200), 3_600, null);
    assertThat(both.series()).containsExactlyInAnyOrderElementsOf(all);
    assertThat(both.groups()).extracting(ErrorGroup::count).containsExactly(3L, 1L);
  }

  @Test
  void aBatchPageHoldsItsRowsAndTheOverviewCountsThem() {
    ledger("evt-1", "SUCCEEDED", "TIKTOK", 5, null);
    db.execute(
        "UPDATE batch_ledger SET finished_at = received_at, items = 3, succeeded = 2,"
            + " crawler_errors = 1, analysis_errors = 0 WHERE event_id = 'evt-1'");
    errorRow("e-1", "TIMEOUT", "crawler", T0);
    db.execute(
        "UPDATE crawl_errors SET event_id = 'evt-1'; INSERT INTO post_analytics (id, project_id, platform,"
            + " published_at, overall_sentiment, primary_intent, impact_score, risk_level, event_id)"
            + " VALUES ('p-2', 'p', 'TIKTOK', now(), 'NEUTRAL', 'INFO', 2.5, 'LOW', 'evt-1'),"
            + " ('p-1', 'p', 'TIKTOK', now(), 'POSITIVE', 'INFO', 1.5, 'LOW', 'evt-1');"
            + " INSERT INTO result_outbox (event_id, message_id, result, status) VALUES"
            + " ('evt-1', 'm-1', '{\"project_id\": \"p\", \"n\": 1.50}', 'PUBLISHED'),"
            + " ('other', 'm-2', '{}', 'PENDING')");

    BatchDetail detail = console.batch(EventId.of("evt-1")).orElseThrow();

    assertThat(detail.errors()).extracting(r -> r.code()).containsExactly("TIMEOUT");
    assertThat(detail.posts()).extracting(r -> r.id()).containsExactly("p-1", "p-2");
    assertThat(detail.results())
        .extracting(r -> r.result())
        .containsExactly("{\"n\": 1.50, \"project_id\": \"p\"}");
    assertThat(console.batch(EventId.of("evt-none"))).isEmpty();
    assertThat(console.throughput(T0, T0.plusSeconds(60)))
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.batches()).isEqualTo(1);
              assertThat(t.items()).isEqualTo(3);
              assertThat(t.succeeded()).isEqualTo(2);
              assertThat(t.errors()).isEqualTo(1);
            });
    assertThat(console.outbox())
        .containsExactly(new Count("PENDING", 1), new Count("PUBLISHED", 1));
  }

  private static List<String> ids(BatchFilter filter) {
    return console.batches(filter, null, 10).stream().map(BatchRow::eventId).toList();
  }

  private static void ledger(
      String id, String status, String platform, int second, String lastError) {
    db.execute(
        "INSERT INTO batch_ledger (event_id, queue, status, platform, raw_body, received_at,"
            + " started_at, last_error) VALUES ('"
            + id
            + "', 'q', '"
            + status
            + "', '"
            + platform
            + "', ''::bytea, timestamptz '2026-03-01 12:00:00+00' + interval '"
            + second
            + " seconds', now(), "
            + (lastError == null ? "NULL" : "E'" + lastError.replace("\\", "\\\\") + "'")
            + ")");
  }

  private static void errorRow(String content, String code, String source, Instant at) {
    db.execute(
        "INSERT INTO crawl_errors (content_id, project_id, job_id, platform, error_code,"
            + " error_category, error_message, created_at, event_id, source, transient) VALUES ('"
            + content
            + "', 'p', 'j', 'TIKTOK', '"
            + code
            + "', 'network', 'm', timestamptz '"
            + at
            + "', 'evt-x', '"
            + source
            + "', true)");
  }
}
