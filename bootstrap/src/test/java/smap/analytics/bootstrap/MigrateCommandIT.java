package smap.analytics.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;
import smap.analytics.bootstrap.e2e.TestInfrastructure;

/**
 * Migrating as a separate step: {@code migrate --dry-run} lists and applies nothing, a start with
 * {@code MIGRATE_ON_START=false} on a schema that is behind stops with one line, {@code migrate}
 * applies, and the next start-up check passes.
 */
class MigrateCommandIT {

  private final String database = "smap_migrate_" + TestInfrastructure.uniqueSuffix();
  private final Map<String, String> env =
      Map.of(
          "DATABASE_URL",
          TestInfrastructure.createDatabase(database),
          "MIGRATE_ON_START",
          "false",
          "LOG_FORMAT",
          "text");

  @AfterEach
  void drop() {
    TestInfrastructure.dropDatabase(database);
  }

  private record Run(int code, String out, String err) {}

  private Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Main.run(
            args,
            env,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  // A start whose schema check wrongly passes would run the consumer until killed: the test runs
  // on a thread of its own and fails after two minutes instead of hanging the build.
  @Timeout(value = 120, threadMode = ThreadMode.SEPARATE_THREAD)
  void aProductionRolloutMigratesAsASeparateStep() {
    Run dryRun = run("migrate", "--dry-run");
    assertThat(dryRun.code()).isZero();
    assertThat(dryRun.out())
        .startsWith("smap-analytics: dry run: database schema at version none")
        .contains("none applied:", "  V1 analytics schema (V1__analytics_schema.sql)");

    Run refused = run("consume");
    assertThat(refused.code()).isEqualTo(Main.EXIT_FAILURE);
    assertThat(refused.err())
        .startsWith("smap-analytics: consume failed: database schema is not current: ")
        .contains("V1 analytics schema", "run the migrate command first")
        .endsWith(System.lineSeparator())
        .hasLineCount(1);
    assertThat(run("migrate", "--dry-run").out())
        .as("neither the dry run nor the refused start applied anything")
        .contains("V1 analytics schema");

    Run migrated = run("migrate");
    assertThat(migrated.code()).isZero();
    assertThat(migrated.out()).startsWith("smap-analytics: database schema at version ");

    assertThat(run("migrate", "--dry-run").out()).contains("0 migrations pending, nothing to do");
  }
}
