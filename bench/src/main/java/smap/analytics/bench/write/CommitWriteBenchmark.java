package smap.analytics.bench.write;

import com.zaxxer.hikari.HikariDataSource;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import smap.analytics.adapter.postgres.BenchRowsWriters;
import smap.analytics.adapter.postgres.FlywayMigrator;
import smap.analytics.adapter.postgres.PostgresDataSources;
import smap.analytics.application.port.out.BatchCommit;
import smap.analytics.bench.pipeline.BenchBatches;
import smap.analytics.bench.pipeline.ProcStats;
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
 * Measures the write path's rows writers against each other: a batch's posts, comments and error
 * rows as one multi-row INSERT a table, or as COPY into staging tables then INSERT ... SELECT. It
 * creates and migrates its own database on the local PostgreSQL, writes realistic batches (TikTok
 * 50 and YouTube 20 items alternately, item 0 a crawler error, three comments a post; the texts of
 * the pipeline benchmark), each batch in its own transaction, with each writer in turn for several
 * alternating rounds (fresh ids every round), and prints per item (posts and error rows) the
 * writing thread's CPU, the CPU of the writer's PostgreSQL backend (from {@code /proc}, so the rest
 * of a busy machine barely disturbs it) and the wall time. Asserts nothing about time.
 *
 * <p>Options: {@code --batches} a writer a round (200), {@code --rounds} (3), {@code --warmup}
 * batches a writer before measuring (200), {@code --server} JDBC URL of the server (the local one).
 */
public final class CommitWriteBenchmark {

  private static final Instant AT = Instant.parse("2025-12-17T10:00:00Z");

  private CommitWriteBenchmark() {}

  /** One writer's figures over some batches. */
  record Figures(long batches, long items, long clientMicros, long postgresMicros, long wallNanos) {
    Figures plus(Figures o) {
      return new Figures(
          batches + o.batches,
          items + o.items,
          clientMicros + o.clientMicros,
          postgresMicros + o.postgresMicros,
          wallNanos + o.wallNanos);
    }

    String row(String label) {
      double client = (double) clientMicros / items;
      double postgres = (double) postgresMicros / items;
      return String.format(
          "| %s | %d | %d | %.1f | %.1f | %.1f | %.1f |",
          label, batches, items, client, postgres, client + postgres, wallNanos / 1000.0 / items);
    }
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = options(args);
    int batches = Integer.parseInt(options.getOrDefault("batches", "200"));
    int rounds = Integer.parseInt(options.getOrDefault("rounds", "3"));
    int warmup = Integer.parseInt(options.getOrDefault("warmup", "200"));
    String server = options.getOrDefault("server", "jdbc:postgresql://127.0.0.1:5432/");
    String database =
        "smap_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    admin(server, "CREATE DATABASE " + database);
    try {
      try (HikariDataSource migration =
          PostgresDataSources.create(server + database, "postgres", "", 2)) {
        FlywayMigrator.migrate(migration);
      }
      run(server + database, batches, rounds, warmup);
    } finally {
      admin(server, "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }
  }

  private static void run(String url, int batches, int rounds, int warmup) throws SQLException {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Map<BenchRowsWriters, Connection> connections = new EnumMap<>(BenchRowsWriters.class);
    Map<BenchRowsWriters, Long> backends = new EnumMap<>(BenchRowsWriters.class);
    Map<BenchRowsWriters, Figures> totals = new EnumMap<>(BenchRowsWriters.class);
    List<String> rows = new ArrayList<>();
    try {
      for (BenchRowsWriters writer : BenchRowsWriters.values()) {
        Connection connection = DriverManager.getConnection(url, "postgres", "");
        connections.put(writer, connection);
        backends.put(writer, backendPid(connection));
        totals.put(writer, new Figures(0, 0, 0, 0, 0));
        write(writer, connection, commits(writer, 0, warmup));
      }
      System.out.printf(
          "warm-up done (%d batches a writer); load average %s%n", warmup, loadAverage());
      for (int round = 1; round <= rounds; round++) {
        BenchRowsWriters[] order = BenchRowsWriters.values();
        if (round % 2 == 0) {
          order = new BenchRowsWriters[] {order[1], order[0]};
        }
        for (BenchRowsWriters writer : order) {
          List<BatchCommit> commits = commits(writer, round, batches);
          long items = commits.stream().mapToLong(c -> c.posts().size() + c.errors().size()).sum();
          long postgres = ProcStats.cpuMicros(backends.get(writer));
          long client = threads.getCurrentThreadCpuTime();
          long wall = System.nanoTime();
          write(writer, connections.get(writer), commits);
          Figures figures =
              new Figures(
                  commits.size(),
                  items,
                  (threads.getCurrentThreadCpuTime() - client) / 1000,
                  ProcStats.cpuMicros(backends.get(writer)) - postgres,
                  System.nanoTime() - wall);
          totals.put(writer, totals.get(writer).plus(figures));
          rows.add(figures.row(writer + ", round " + round));
        }
      }
    } finally {
      for (Connection connection : connections.values()) {
        connection.close();
      }
    }
    System.out.println(
        "| writer | batches | items | client CPU µs/item | PostgreSQL CPU µs/item | sum µs/item"
            + " | wall µs/item |");
    System.out.println("|---|---|---|---|---|---|---|");
    rows.forEach(System.out::println);
    totals.forEach((writer, figures) -> System.out.println(figures.row("**" + writer + "**")));
    System.out.printf("load average %s%n", loadAverage());
  }

  private static void write(BenchRowsWriters writer, Connection connection, List<BatchCommit> all) {
    for (BatchCommit commit : all) {
      writer.write(connection, commit, "bench-job", AT);
    }
  }

  /** The batches a writer writes in a round, with ids no other round or writer uses. */
  private static List<BatchCommit> commits(BenchRowsWriters writer, int round, int count) {
    List<BatchCommit> commits = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      long seed = round * 1_000_000L + writer.ordinal() * 100_000L + i;
      commits.add(commit(i % 2 == 1, "ev-" + seed, BenchBatches.batch(i % 2 == 1, "job", seed)));
    }
    return commits;
  }

  /** A batch's commit as the analysis would hand it over: item 0 the crawler error. */
  @SuppressWarnings("unchecked")
  private static BatchCommit commit(
      boolean youtube, String eventId, List<Map<String, Object>> items) {
    Platform platform = youtube ? Platform.YOUTUBE : Platform.TIKTOK;
    List<PostRecord> posts = new ArrayList<>();
    List<CommentRecord> comments = new ArrayList<>();
    List<CrawlError> errors = new ArrayList<>();
    for (Map<String, Object> item : items) {
      Map<String, Object> meta = (Map<String, Object>) item.get("meta");
      String id = (String) meta.get("id");
      if ("error".equals(meta.get("fetch_status"))) {
        errors.add(
            new CrawlError(
                id,
                platform.name(),
                ErrorCode.of((String) meta.get("error_code")),
                false,
                ErrorSource.CRAWLER,
                (String) meta.get("error_message"),
                Map.of("http_status", 404, "retryable", false),
                null));
        continue;
      }
      posts.add(post(eventId, platform, item));
      for (Map<String, Object> c : (List<Map<String, Object>>) item.get("comments")) {
        comments.add(
            new CommentRecord(
                id,
                (String) c.get("id"),
                (String) c.get("text"),
                (String) c.get("author_name"),
                ((Number) c.get("likes")).longValue(),
                Instant.parse((String) c.get("created_at"))));
      }
    }
    return new BatchCommit(
        EventId.of(eventId),
        BatchStatus.PARTIAL,
        "proj_bench",
        platform,
        posts,
        comments,
        errors,
        new BatchCounts(items.size(), posts.size(), errors.size(), 0, items.size()),
        null,
        Map.of(),
        List.of(),
        Duration.ofMillis(20),
        Duration.ofMillis(30),
        AT,
        false);
  }

  @SuppressWarnings("unchecked")
  private static PostRecord post(String eventId, Platform platform, Map<String, Object> item) {
    Map<String, Object> meta = (Map<String, Object>) item.get("meta");
    Map<String, Object> content = (Map<String, Object>) item.get("content");
    Map<String, Object> interaction = (Map<String, Object>) item.get("interaction");
    Map<String, Object> author = (Map<String, Object>) item.get("author");
    long views = ((Number) interaction.get("views")).longValue();
    return new PostRecord(
        (String) meta.get("id"),
        "proj_bench",
        platform,
        Instant.parse((String) meta.get("published_at")),
        AT,
        new PostRecord.Sentiment("POSITIVE", 0.62, 0.81),
        "DISCUSSION",
        0.74,
        new PostRecord.Impact(42.5, "MEDIUM", views > 100_000, false),
        Map.of(
            "PRICE", Map.of("label", "NEGATIVE", "score", -0.55, "mentions", 2),
            "DESIGN", Map.of("label", "POSITIVE", "score", 0.8, "mentions", 1),
            "BATTERY", Map.of("label", "POSITIVE", "score", 0.7, "mentions", 3)),
        List.of(
            Map.of("keyword", "giá", "aspect", "PRICE", "score", 0.9, "source", "DICT"),
            Map.of("keyword", "pin", "aspect", "BATTERY", "score", 0.85, "source", "DICT"),
            Map.of("keyword", "thiết kế", "aspect", "DESIGN", "score", 0.8, "source", "DICT")),
        Map.of("NEGATIVE", 0.12, "NEUTRAL", 0.26, "POSITIVE", 0.62),
        Map.of(
            "raw_impact", 4250.0, "engagement_score", 0.083, "reach_score", 3.9, "kol_boost", 1.0),
        new PostRecord.Metrics(
            views,
            ((Number) interaction.get("likes")).longValue(),
            ((Number) interaction.get("comments_count")).longValue(),
            ((Number) interaction.get("shares")).longValue(),
            ((Number) interaction.get("saves")).longValue(),
            ((Number) author.get("followers")).longValue()),
        12,
        "1.0.0",
        new PostRecord.CrawlMetadata(
            eventId,
            (String) meta.get("job_id"),
            0,
            (String) meta.get("task_type"),
            (String) meta.get("keyword_source"),
            Instant.parse((String) meta.get("crawled_at")),
            "crawler_v3",
            "VinFast",
            "VF8"),
        new PostRecord.Content(
            (String) content.get("text"),
            (String) content.get("transcription"),
            (Integer) content.get("duration"),
            (List<String>) content.get("hashtags"),
            (String) meta.get("permalink")),
        new PostRecord.AuthorInfo(
            (String) author.get("id"),
            (String) author.get("name"),
            (String) author.get("username"),
            null,
            (Boolean) author.get("is_verified")));
  }

  private static long backendPid(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet r = s.executeQuery("SELECT pg_backend_pid()")) {
      r.next();
      return r.getLong(1);
    }
  }

  private static String loadAverage() {
    try {
      return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg"))
          .split(" ", 4)[0];
    } catch (java.io.IOException e) {
      return "?";
    }
  }

  private static void admin(String server, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(server + "postgres", "postgres", "");
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      if (!args[i].startsWith("--") || i + 1 == args.length) {
        throw new IllegalArgumentException("expected --option value, got " + args[i]);
      }
      options.put(args[i].substring(2), args[i + 1]);
    }
    return options;
  }
}
