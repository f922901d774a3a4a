package smap.analytics.bootstrap.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The alerting and recording rules in deploy/prometheus, checked by Prometheus's own promtool:
 * valid, and every alert unit-tested both firing and quiet; every alert's runbook link names a
 * section that docs/runbooks.md has.
 */
class PrometheusRulesTest {

  private static final Pattern ALERT = Pattern.compile("(?m)^\\s*- alert: (\\S+)\\s*$");
  private static final Pattern RUNBOOK = Pattern.compile("(?m)^\\s*runbook_url: (\\S+)\\s*$");

  @Test
  void promtoolAcceptsTheRules() throws Exception {
    List<String> command = new ArrayList<>(List.of("promtool", "check", "rules"));
    command.addAll(PromTools.files(PromTools.deploy("prometheus"), ".rules.yml"));

    PromTools.Result result = PromTools.run(command, null);

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("SUCCESS");
  }

  @Test
  void promtoolAcceptsTheExampleConfiguration() throws Exception {
    PromTools.Result result =
        PromTools.run(
            List.of("promtool", "check", "config", "deploy/prometheus/prometheus.yml"), null);

    assertThat(result.exitCode()).as(result.output()).isZero();
  }

  @Test
  void promtoolUnitTestsOfTheRulesPass() throws Exception {
    List<String> command = new ArrayList<>(List.of("promtool", "test", "rules"));
    command.addAll(PromTools.files(PromTools.deploy("prometheus/tests"), ".test.yml"));

    PromTools.Result result = PromTools.run(command, null);

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("SUCCESS").doesNotContain("FAILED");
  }

  @Test
  void everyAlertIsTestedFiringAndQuiet() throws Exception {
    Map<String, Set<String>> tested = new LinkedHashMap<>();
    for (String file : PromTools.files(PromTools.deploy("prometheus/tests"), ".test.yml")) {
      String alert = null;
      for (String line : Files.readAllLines(PromTools.repositoryRoot().resolve(file))) {
        String t = line.strip();
        if (t.startsWith("alertname:")) {
          alert = t.substring("alertname:".length()).strip();
        } else if (alert != null && t.equals("exp_alerts: []")) {
          tested.computeIfAbsent(alert, a -> new HashSet<>()).add("quiet");
        } else if (alert != null && t.startsWith("- exp_labels:")) {
          tested.computeIfAbsent(alert, a -> new HashSet<>()).add("fires");
        }
      }
    }

    List<String> alerts = alerts();
    assertThat(alerts).hasSizeGreaterThanOrEqualTo(15);
    for (String alert : alerts) {
      assertThat(tested.get(alert)).as(alert).containsExactlyInAnyOrder("fires", "quiet");
    }
  }

  @Test
  void everyAlertLinksToItsOwnSectionOfTheRunbooks() throws Exception {
    String rules = rules();
    Set<String> anchors = new HashSet<>();
    for (String line : Files.readAllLines(PromTools.repositoryRoot().resolve("docs/runbooks.md"))) {
      if (line.startsWith("#")) {
        anchors.add(anchor(line.replaceFirst("^#+\\s*", "")));
      }
    }
    List<String> links = new ArrayList<>();
    Matcher m = RUNBOOK.matcher(rules);
    while (m.find()) {
      links.add(m.group(1));
    }

    List<String> alerts = alerts();
    assertThat(links).hasSameSizeAs(alerts);
    for (int i = 0; i < alerts.size(); i++) {
      String expected = "docs/runbooks.md#" + alerts.get(i).toLowerCase(Locale.ROOT);
      assertThat(links.get(i)).as(alerts.get(i)).isEqualTo(expected);
      assertThat(anchors)
          .as("docs/runbooks.md has a section " + alerts.get(i))
          .contains(alerts.get(i).toLowerCase(Locale.ROOT));
    }
  }

  /** GitHub's anchor of a heading: lower case, punctuation dropped, spaces as hyphens. */
  static String anchor(String heading) {
    return heading
        .strip()
        .toLowerCase(Locale.ROOT)
        .replaceAll("[^\\p{L}\\p{N} _-]", "")
        .replace(' ', '-');
  }

  static String rules() throws Exception {
    StringBuilder all = new StringBuilder();
    for (String file : PromTools.files(PromTools.deploy("prometheus"), ".rules.yml")) {
      all.append(Files.readString(PromTools.repositoryRoot().resolve(file))).append('\n');
    }
    return all.toString();
  }

  static List<String> alerts() throws Exception {
    List<String> alerts = new ArrayList<>();
    Matcher m = ALERT.matcher(rules());
    while (m.find()) {
      alerts.add(m.group(1));
    }
    return alerts;
  }
}
