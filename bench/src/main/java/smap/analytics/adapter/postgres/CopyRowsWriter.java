package smap.analytics.adapter.postgres;

import static smap.analytics.adapter.postgres.schema.Tables.CRAWL_ERRORS;
import static smap.analytics.adapter.postgres.schema.Tables.POST_ANALYTICS;
import static smap.analytics.adapter.postgres.schema.Tables.POST_COMMENTS;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertOnDuplicateStep;
import org.jooq.JSONB;
import org.jooq.Query;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.TableRecord;
import org.jooq.impl.DSL;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import smap.analytics.adapter.postgres.BatchRowsMapper.ErrorRowContext;
import smap.analytics.adapter.postgres.schema.tables.records.CrawlErrorsRecord;
import smap.analytics.adapter.postgres.schema.tables.records.PostAnalyticsRecord;
import smap.analytics.adapter.postgres.schema.tables.records.PostCommentsRecord;
import smap.analytics.application.port.in.BatchDeadline;
import smap.analytics.application.port.out.BatchCommit;

/**
 * Writes a batch's posts, comments and error rows like {@link BatchRowsWriter#writeAll}, with COPY:
 * each table's rows are copied (text format) into a temporary staging table of the session (created
 * once, emptied at every commit), then moved by one {@code INSERT ... SELECT} per table with the
 * same conflict clauses as the multi-row inserts. The batch's deadline bounds the COPY through
 * {@code SET LOCAL statement_timeout}.
 */
final class CopyRowsWriter {

  private static final Staging<PostAnalyticsRecord> POSTS =
      new Staging<>(POST_ANALYTICS, BatchRowsWriter.POST_COLUMNS, BatchRowsWriter::postConflict);

  private static final Staging<PostCommentsRecord> COMMENTS =
      new Staging<>(
          POST_COMMENTS, BatchRowsWriter.COMMENT_COLUMNS, BatchRowsWriter::commentConflict);

  private static final Staging<CrawlErrorsRecord> ERRORS =
      new Staging<>(CRAWL_ERRORS, BatchRowsWriter.ERROR_COLUMNS, BatchRowsWriter::errorConflict);

  private static final String CREATE = POSTS.create + ";" + COMMENTS.create + ";" + ERRORS.create;

  private static final String MOVE = POSTS.move + ";" + COMMENTS.move + ";" + ERRORS.move;

  private CopyRowsWriter() {}

  /** Writes every row; the caller's transaction fails on a refusal. */
  static void writeAll(DSLContext tx, BatchCommit commit, ErrorRowContext batch) {
    List<PostAnalyticsRecord> posts = commit.posts().stream().map(BatchRowsMapper::post).toList();
    List<PostCommentsRecord> comments =
        commit.comments().stream().map(BatchRowsMapper::comment).toList();
    List<CrawlErrorsRecord> errors =
        commit.errors().stream().map(e -> BatchRowsMapper.error(e, batch)).toList();
    tx.connection(
        connection -> {
          run(connection, CREATE + deadline(BatchDeadline.remaining()));
          CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
          POSTS.copy(copy, posts);
          COMMENTS.copy(copy, comments);
          ERRORS.copy(copy, errors);
          run(connection, MOVE);
        });
  }

  /** The statement that bounds the COPY by the batch's deadline, if the thread has one. */
  static String deadline(Optional<Duration> left) {
    return left.map(d -> ";SET LOCAL statement_timeout = " + Math.max(1, d.toMillis())).orElse("");
  }

  private static void run(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      BatchDeadlineListener.bound(statement);
      statement.execute(sql);
    }
  }

  /**
   * One value in COPY's text format: {@code \N} for null, backslash, newline, carriage return and
   * tab escaped; times in UTC to the microsecond, rounded as the driver rounds a bound value.
   */
  static void append(StringBuilder out, Object value) {
    switch (value) {
      case null -> out.append("\\N");
      case String text -> escape(out, text);
      case JSONB json -> escape(out, json.data());
      case Instant instant -> out.append(micros(instant));
      case Boolean flag -> out.append(flag ? 't' : 'f');
      case Integer number -> out.append(number.intValue());
      case Long number -> out.append(number.longValue());
      case Double number -> out.append(number.doubleValue());
      default ->
          throw new IllegalArgumentException("no COPY text form for " + value.getClass().getName());
    }
  }

  private static Instant micros(Instant instant) {
    Instant rounded = instant.getNano() % 1000 >= 500 ? instant.plusNanos(500) : instant;
    return rounded.truncatedTo(ChronoUnit.MICROS);
  }

  private static void escape(StringBuilder out, String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> out.append(c);
      }
    }
  }

  /** A table's staging table, its COPY and the statement that moves its rows into the table. */
  private static final class Staging<R extends TableRecord<R>> {

    final String create;
    final String copy;
    final String move;
    private final List<TableField<R, ?>> columns;

    Staging(
        Table<R> table,
        List<TableField<R, ?>> columns,
        Function<InsertOnDuplicateStep<R>, Query> conflict) {
      this.columns = List.copyOf(columns);
      String staging = "smap_copy_" + table.getName();
      String names =
          columns.stream().map(c -> '"' + c.getName() + '"').collect(Collectors.joining(", "));
      this.create =
          "CREATE TEMP TABLE IF NOT EXISTS "
              + staging
              + " ON COMMIT DELETE ROWS AS SELECT "
              + names
              + " FROM "
              + CachedStatement.RENDERER.render(table)
              + " WITH NO DATA";
      this.copy = "COPY pg_temp." + staging + " (" + names + ") FROM STDIN";
      List<Field<?>> staged =
          columns.stream()
              .<Field<?>>map(c -> DSL.field(DSL.name(c.getName()), c.getDataType()))
              .toList();
      this.move =
          CachedStatement.RENDERER.render(
              conflict.apply(
                  CachedStatement.RENDERER
                      .insertInto(table)
                      .columns(columns)
                      .select(DSL.select(staged).from(DSL.table(DSL.name("pg_temp", staging))))));
    }

    void copy(CopyManager manager, List<R> rows) throws SQLException {
      if (rows.isEmpty()) {
        return;
      }
      StringBuilder text = new StringBuilder(rows.size() * 512);
      for (R row : rows) {
        for (int i = 0; i < columns.size(); i++) {
          if (i > 0) {
            text.append('\t');
          }
          append(text, row.get(columns.get(i)));
        }
        text.append('\n');
      }
      byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
      BatchDeadlineListener.bound(null);
      CopyIn in = manager.copyIn(copy);
      try {
        in.writeToCopy(bytes, 0, bytes.length);
        in.endCopy();
      } finally {
        if (in.isActive()) {
          in.cancelCopy();
        }
      }
    }
  }
}
