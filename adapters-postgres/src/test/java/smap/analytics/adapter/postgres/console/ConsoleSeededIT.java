package smap.analytics.adapter.postgres.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import smap.analytics.adapter.postgres.FlywayMigrator;
import smap.analytics.adapter.postgres.PostgresDataSources;
import smap.analytics.domain.console.BatchFilter;
import smap.analytics.domain.console.BatchRow;
import smap.analytics.domain.console.Cursor;

/**
 * The console's list queries over 100 000 batches and 1 000 000 error rows. Server times are
 * measured and printed (a benchmark, not a timed assertion); the test asserts the results only.
 */
class ConsoleSeededIT {

  private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";

  private static void admin(String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(SERVER + "postgres", "postgres", "");
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static <T> T timed(String what, Supplier<T> query) {
    query.get(); // warm the plan and the cache once
    long best = Long.MAX_VALUE;
    T result = null;
    for (int i = 0; i < 5; i++) {
      long start = System.nanoTime();
      result = query.get();
      best = Math.min(best, System.nanoTime() - start);
    }
    System.out.printf("seeded: %-48s %7.1f ms (best of 5)%n", what, best / 1e6);
    return result;
  }

  @Test
  void listPagesOverAHundredThousandBatchesAndAMillionErrors() throws Exception {
    String name = "smap_seed_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    admin("CREATE DATABASE " + name);
    try (HikariDataSource ds = PostgresDataSources.create(SERVER + name, "postgres", "", 4)) {
      FlywayMigrator.migrate(ds);
      long seedStart = System.nanoTime();
      try (Connection c = ds.getConnection();
          Statement s = c.createStatement()) {
        s.execute(
            "INSERT INTO batch_ledger (event_id, queue, format, project_id, job_id, batch_index, platform, status, attempts,"
                + " items, succeeded, crawler_errors, expected, raw_body, received_at, started_at, finished_at, last_error)"
                + " SELECT 'evt-' || g, 'analytics.data.collected', 'BATCH_EVENT', 'proj-' || (g % 50), 'proj-' || (g % 50) || '-brand-' || (g % 7),"
                + " g % 100, CASE WHEN g % 3 = 0 THEN 'YOUTUBE' ELSE 'TIKTOK' END,"
                + " CASE WHEN g % 97 = 0 THEN 'FAILED' WHEN g % 11 = 0 THEN 'PARTIAL' ELSE 'SUCCEEDED' END, 1, 50, 40, 10, 50, ''::bytea,"
                + " now() - (g || ' seconds')::interval, now() - (g || ' seconds')::interval, now() - (g || ' seconds')::interval,"
                + " CASE WHEN g % 97 = 0 THEN 'object not found: crawl/' || g ELSE NULL END FROM generate_series(1, 100000) g");
        s.execute(
            "INSERT INTO crawl_errors (content_id, project_id, job_id, platform, error_code, error_category, error_message, created_at,"
                + " event_id, source, transient) SELECT 'c-' || g, 'proj-' || (g % 50), 'job', CASE WHEN g % 3 = 0 THEN 'YOUTUBE' ELSE 'TIKTOK' END,"
                + " (ARRAY['RATE_LIMITED','CONTENT_REMOVED','TIMEOUT','PARSE_ERROR','CONTENT_UNAVAILABLE','NETWORK_ERROR'])[1 + g % 6],"
                + " (ARRAY['rate_limiting','content','network','parsing','content','network'])[1 + g % 6], 'message ' || g,"
                + " now() - ((g % 604800) || ' seconds')::interval, 'evt-' || (1 + g % 100000), CASE WHEN g % 50 = 0 THEN 'analytics' ELSE 'crawler' END,"
                + " g % 6 IN (0, 2, 5) FROM generate_series(1, 1000000) g");
        s.execute("ANALYZE");
      }
      System.out.printf(
          "seeded: 100 000 batches and 1 000 000 error rows in %.1f s%n",
          (System.nanoTime() - seedStart) / 1e9);
      JooqConsoleQueryAdapter queries =
          new JooqConsoleQueryAdapter(
              DSL.using(ds, SQLDialect.POSTGRES), java.util.concurrent.ForkJoinPool.commonPool());

      List<BatchRow> first =
          timed("batches: first page of 50", () -> queries.batches(BatchFilter.ANY, null, 51));
      assertThat(first).hasSize(51);
      BatchRow cursorRow = queries.batches(BatchFilter.ANY, null, 99_001).get(99_000);
      List<BatchRow> deep =
          timed(
              "batches: page after row 99 000 (keyset)",
              () ->
                  queries.batches(
                      BatchFilter.ANY,
                      new Cursor(cursorRow.receivedAt(), cursorRow.eventId()),
                      51));
      assertThat(deep).hasSize(51);
      BatchFilter failed = new BatchFilter("FAILED", null, null, null, null, null, null, null);
      List<BatchRow> failedRows =
          timed("batches: status FAILED", () -> queries.batches(failed, null, 51));
      assertThat(failedRows).allMatch(r -> r.status().equals("FAILED"));
      BatchFilter project =
          new BatchFilter(null, "YOUTUBE", "proj-7", null, null, null, null, null);
      timed("batches: platform + project", () -> queries.batches(project, null, 51));
      BatchFilter search = new BatchFilter(null, null, null, null, null, "evt-4242", null, null);
      assertThat(timed("batches: event id search", () -> queries.batches(search, null, 51)))
          .isNotEmpty();
      BatchFilter error = new BatchFilter(null, null, null, null, "not found", null, null, null);
      timed("batches: error text contains", () -> queries.batches(error, null, 51));
      Instant now = Instant.now();
      var day =
          timed(
              "errors: groups over 24 h",
              () -> queries.errorGroups(now.minusSeconds(86_400), now, null));
      assertThat(day).isNotEmpty();
      var week =
          timed(
              "errors: groups over 7 d",
              () -> queries.errorGroups(now.minusSeconds(7 * 86_400), now, null));
      // The groups account for every row of the window (rows age out of a 7 d window as time
      // passes).
      long rows;
      try (Connection c = ds.getConnection();
          java.sql.PreparedStatement s =
              c.prepareStatement(
                  "SELECT count(*) FROM crawl_errors WHERE created_at >= ? AND created_at < ?")) {
        s.setTimestamp(1, java.sql.Timestamp.from(now.minusSeconds(7 * 86_400)));
        s.setTimestamp(2, java.sql.Timestamp.from(now));
        try (java.sql.ResultSet rs = s.executeQuery()) {
          rs.next();
          rows = rs.getLong(1);
        }
      }
      assertThat(rows).isGreaterThan(990_000);
      assertThat(week.stream().mapToLong(g -> g.count()).sum()).isEqualTo(rows);
      var series =
          timed(
              "errors: time series over 7 d (hourly buckets)",
              () -> queries.errorSeries(now.minusSeconds(7 * 86_400), now, 3600, null));
      assertThat(series).isNotEmpty();
      var both =
          timed(
              "errors page: groups and series in parallel, 7 d",
              () -> queries.errorAggregates(now.minusSeconds(7 * 86_400), now, 3600, null));
      assertThat(both.groups().stream().mapToLong(g -> g.count()).sum())
          .isEqualTo(both.series().stream().mapToLong(p -> p.count()).sum());
      timed(
          "errors: drill-down RATE_LIMITED over 7 d",
          () -> queries.errors("RATE_LIMITED", now.minusSeconds(7 * 86_400), now, 100));
      timed(
          "overview: throughput last 5 min", () -> queries.throughput(now.minusSeconds(300), now));
    } finally {
      admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
  }
}
