package smap.analytics.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Rolling back is redeploying the original service on the migrated schema, with no downgrade: every
 * write the original makes ({@code original/writes.sql}, run verbatim) is accepted by a migrated
 * database, whether it was created empty or converted from the original's own tables.
 */
class OriginalServiceWritesIT {

  static String resource(String name) throws IOException {
    try (InputStream in = OriginalServiceWritesIT.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The statements of a script, comments dropped, one per {@code ;} at a line end. */
  static List<String> statements(String script) {
    String code =
        script.lines().filter(line -> !line.startsWith("--")).collect(Collectors.joining("\n"));
    return Arrays.stream(code.split(";\\s*(\\n|$)"))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .toList();
  }

  private static String query(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  @ParameterizedTest(name = "migrated from {0}")
  @ValueSource(strings = {"an empty database", "the original's tables"})
  void theMigratedSchemaAcceptsEveryWriteOfTheOriginalService(String start) throws Exception {
    try (TestDatabase db = new TestDatabase()) {
      if (start.equals("the original's tables")) {
        db.execute(resource("/original/schema.sql"));
      }
      FlywayMigrator.migrate(db.dataSource);

      try (Connection c = db.dataSource.getConnection();
          Statement s = c.createStatement()) {
        // The original writes naive UTC times; the README asks for a UTC database time zone.
        s.execute("SET TimeZone = 'UTC'");
        for (String statement : statements(resource("/original/writes.sql"))) {
          s.execute(statement);
        }

        assertThat(
                query(
                    c,
                    "SELECT project_id || ' ' || published_at || ' ' || view_count || ' '"
                        + " || overall_sentiment || ' ' || author_is_verified FROM post_analytics"
                        + " WHERE id = '7576276451171880000'"))
            .isEqualTo(
                "a95796bc-5c7b-432b-bf99-0afa8ed81f0c 2025-11-24 13:02:06+00 2500000000 POSITIVE"
                    + " true");
        assertThat(query(c, "SELECT count(*) FROM post_analytics")).isEqualTo("2");
        assertThat(
                query(
                    c,
                    "SELECT string_agg(source || ' ' || transient || ' ' || coalesce(project_id,"
                        + " '-'), ', ' ORDER BY id) FROM crawl_errors"))
            .as("the columns the original does not know take their defaults")
            .isEqualTo("crawler false a95796bc-5c7b-432b-bf99-0afa8ed81f0c, crawler false -");
        assertThat(query(c, "SELECT count(*) FROM post_comments")).isEqualTo("2");
      }
    }
  }

  @Test
  void commentsTheOriginalInsertsAgainOnReprocessingAreRefusedAsItsOwnCodeExpects()
      throws Exception {
    try (TestDatabase db = new TestDatabase()) {
      FlywayMigrator.migrate(db.dataSource);
      List<String> writes = statements(resource("/original/writes.sql"));
      String comments =
          writes.stream().filter(w -> w.startsWith("INSERT INTO post_comments")).findFirst().get();
      try (Connection c = db.dataSource.getConnection();
          Statement s = c.createStatement()) {
        for (String statement : writes) {
          s.execute(statement);
        }
        // The original inserts a post's comments again when it reprocesses a batch; the unique
        // (post_id, comment_id) refuses the duplicates, which its comment save catches and logs
        // (facts 1.3: the item still counts as a success), instead of storing them twice.
        assertThatThrownBy(() -> s.execute(comments))
            .isInstanceOf(SQLException.class)
            .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("23505"));
        assertThat(query(c, "SELECT count(*) FROM post_comments")).isEqualTo("2");
      }
    }
  }
}
