package smap.analytics.domain.storable;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The limits agree with the Flyway scripts, read as the database will apply them. */
class ColumnLimitsTest {

  private static final Path MIGRATIONS =
      Path.of("..", "adapters-postgres", "src", "main", "resources", "db", "migration");
  private static final Pattern CREATE =
      Pattern.compile("(?i)^CREATE TABLE (?:IF NOT EXISTS )?(\\w+)");
  private static final Pattern COLUMN =
      Pattern.compile("^\\s+(\\w+)\\s+([A-Za-z]+(?:\\(\\d+\\))?)");
  private static final Pattern ALTER_TYPE =
      Pattern.compile(
          "(?i)^ALTER TABLE (\\w+) ALTER COLUMN (\\w+) TYPE ([A-Za-z]+(?:\\(\\d+\\))?)");
  private static final Pattern ADD_COLUMN =
      Pattern.compile(
          "(?i)^ALTER TABLE (\\w+) ADD COLUMN (?:IF NOT EXISTS )?(\\w+)\\s+([A-Za-z]+(?:\\(\\d+\\))?)");
  private static final Pattern VARCHAR = Pattern.compile("(?i)VARCHAR\\((\\d+)\\)");

  /** VARCHAR columns the pipeline writes only from its own constants (enum names, codes). */
  private static final Set<String> WRITTEN_FROM_CONSTANTS =
      Set.of(
          "batch_ledger.format",
          "batch_ledger.status",
          "batch_attempts.kind",
          "batch_attempts.status",
          "batch_attempts.requested_by",
          "post_analytics.overall_sentiment",
          "post_analytics.primary_intent",
          "post_analytics.risk_level",
          "post_analytics.fetch_status",
          "post_analytics.error_code",
          "post_comments.sentiment",
          "crawl_errors.source",
          "result_outbox.message_id",
          "result_outbox.claimed_by",
          "result_outbox.status");

  private static final Set<String> PIPELINE_TABLES =
      Set.of(
          "post_analytics",
          "post_comments",
          "crawl_errors",
          "batch_ledger",
          "batch_attempts",
          "result_outbox");

  private static Map<String, String> types;

  @BeforeAll
  static void readMigrations() throws IOException {
    types = new HashMap<>();
    List<Path> scripts;
    try (Stream<Path> files = Files.list(MIGRATIONS)) {
      scripts =
          new ArrayList<>(files.filter(p -> p.getFileName().toString().endsWith(".sql")).toList());
    }
    scripts.sort(Comparator.comparingInt(ColumnLimitsTest::version));
    for (Path script : scripts) {
      String table = null;
      for (String line : Files.readAllLines(script)) {
        Matcher m;
        if ((m = CREATE.matcher(line)).find()) {
          table = m.group(1).toLowerCase(Locale.ROOT);
        } else if (line.startsWith(")")) {
          table = null;
        } else if (table != null && (m = COLUMN.matcher(line)).find()) {
          String column = m.group(1).toLowerCase(Locale.ROOT);
          if (!Set.of("primary", "unique", "constraint").contains(column)) {
            types.putIfAbsent(table + "." + column, m.group(2));
          }
        } else if ((m = ALTER_TYPE.matcher(line)).find() || (m = ADD_COLUMN.matcher(line)).find()) {
          String key =
              m.group(1).toLowerCase(Locale.ROOT) + "." + m.group(2).toLowerCase(Locale.ROOT);
          if (line.toUpperCase(Locale.ROOT).contains(" TYPE ")) {
            types.put(key, m.group(3));
          } else {
            types.putIfAbsent(key, m.group(3));
          }
        }
      }
    }
  }

  private static int version(Path script) {
    String name = script.getFileName().toString();
    return Integer.parseInt(name.substring(1, name.indexOf("__")));
  }

  @ParameterizedTest
  @EnumSource(ColumnLimits.class)
  void everyLimitAgreesWithTheColumnsItIsWrittenTo(ColumnLimits limit) {
    int smallest = Integer.MAX_VALUE;
    for (String column : limit.columns()) {
      String type = types.get(column);
      assertThat(type).as(column + " in the migrations").isNotNull();
      Matcher varchar = VARCHAR.matcher(type);
      switch (limit.bound()) {
        case DECLARED -> {
          assertThat(varchar.matches()).as(column + " is " + type).isTrue();
          smallest = Math.min(smallest, Integer.parseInt(varchar.group(1)));
        }
        case TEXT -> assertThat(type).as(column).isEqualToIgnoringCase("TEXT");
        case JSON -> assertThat(type).as(column).isEqualToIgnoringCase("JSONB");
      }
    }
    if (limit.bound() == ColumnLimits.Bound.DECLARED) {
      assertThat(limit.limit())
          .as(limit + " is the smallest of " + limit.columns())
          .isEqualTo(smallest);
    }
  }

  @Test
  void everyBoundedColumnThePipelineWritesHasALimit() {
    Set<String> covered = new java.util.HashSet<>(WRITTEN_FROM_CONSTANTS);
    for (ColumnLimits limit : ColumnLimits.values()) {
      covered.addAll(limit.columns());
    }
    List<String> missing = new ArrayList<>();
    types.forEach(
        (column, type) -> {
          if (PIPELINE_TABLES.contains(column.substring(0, column.indexOf('.')))
              && VARCHAR.matcher(type).matches()
              && !covered.contains(column)) {
            missing.add(column + " " + type);
          }
        });
    assertThat(missing).isEmpty();
  }

  @Test
  void theScriptsWereRead() {
    assertThat(types).containsEntry("post_analytics.platform", "VARCHAR(20)");
    assertThat(types).containsEntry("post_analytics.job_id", "VARCHAR(200)");
    assertThat(types).containsEntry("post_analytics.project_id", "VARCHAR(100)");
  }
}
