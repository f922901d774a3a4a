package smap.analytics.bootstrap.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import smap.analytics.bootstrap.ServiceRuntime;
import smap.analytics.bootstrap.demo.SampleBatches;
import smap.analytics.bootstrap.e2e.RunningService;

/**
 * The operator's view of a running service, checked with the real tools: its {@code /metrics} after
 * garbage collection, {@code promtool check metrics} on that scrape, the dashboard's metric names,
 * and a real Prometheus scraping it with the repository's rules until an alert goes off.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperationsIT {

  private static final String BUCKET = "crawl-results";
  private static final String PROJECT = "proj_ops";
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final ObjectMapper JSON = new ObjectMapper();

  private static RunningService service;

  @TempDir static Path tmp;

  @BeforeAll
  static void start() throws Exception {
    service = RunningService.start("ops", ServiceRuntime.Mode.HEADLESS, env -> {}).awaitReady(60);
    String suffix = service.suffix();
    for (String platform : List.of("TIKTOK", "YOUTUBE")) {
      String job = PROJECT + "-brand-0";
      String key = platform.toLowerCase() + "/" + suffix + ".json";
      // 48 TikTok items where 50 are expected: a batch-size mismatch, as crawlers send.
      int size = platform.equals("TIKTOK") ? 48 : 20;
      service.crawler().upload(BUCKET, key, SampleBatches.batch(platform, job, size, 2, 7), false);
      String eventId = "ops-" + platform.toLowerCase() + "-" + suffix;
      service
          .crawler()
          .publish(
              SampleBatches.event(
                  eventId, BUCKET + "/" + key, PROJECT, job, 0, size, platform.toLowerCase()));
      service.awaitTerminal(eventId, 120);
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (service != null) {
      service.close();
    }
  }

  static String scrape() throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + service.runtime().httpPort() + "/metrics"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  /** The value of an unlabelled series, or of the first series of a name with labels. */
  static String sample(String scrape, String name) {
    for (String line : scrape.split("\n")) {
      if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
        return line.substring(line.lastIndexOf(' ') + 1);
      }
    }
    throw new AssertionError("no series " + name + " in the scrape");
  }

  @Test
  @Order(1)
  void theHealthGaugesStillReadAfterGarbageCollection() throws Exception {
    // The sampler reads the readiness probes every few seconds: wait for its first sample after
    // they answered (before that the gauges are NaN, unknown).
    long deadline = System.currentTimeMillis() + 30_000;
    while (!scrape().contains("analytics_dependency_up{dependency=\"postgresql\"} 1.0")
        && System.currentTimeMillis() < deadline) {
      Thread.sleep(200);
    }
    for (int i = 0; i < 5; i++) {
      System.gc();
      Thread.sleep(50);
    }
    String scrape = scrape();

    for (String gauge :
        List.of(
            "analytics_batches_in_flight",
            "analytics_database_connection_pool_size",
            "analytics_outbox_backlog",
            "analytics_rabbitmq_connection_status",
            "analytics_unroutable_results",
            "analytics_outbox_oldest_pending_age_seconds",
            "analytics_parked_batches",
            "analytics_last_success_timestamp_seconds",
            "analytics_consumption_paused",
            "analytics_dependency_up",
            "analytics_queue_messages",
            "analytics_queue_consumers")) {
      assertThat(sample(scrape, gauge)).as(gauge).isNotEqualTo("NaN");
    }
    assertThat(sample(scrape, "analytics_rabbitmq_connection_status")).isEqualTo("1.0");
    assertThat(Double.parseDouble(sample(scrape, "analytics_database_connection_pool_size")))
        .isPositive();
    assertThat(scrape)
        .contains("analytics_dependency_up{dependency=\"object-store\"} 1.0")
        .contains("analytics_dependency_up{dependency=\"postgresql\"} 1.0")
        .contains("analytics_dependency_up{dependency=\"rabbitmq\"} 1.0")
        .containsPattern("analytics_queue_consumers\\{queue=\"events\"} [1-9]")
        .doesNotContain("analytics_success_rate")
        .doesNotContain("analytics_error_rate");
    // JVM, process, pool and AMQP client metrics.
    for (String name :
        List.of(
            "jvm_memory_used_bytes",
            "jvm_gc_memory_allocated_bytes_total",
            "jvm_threads_live_threads",
            "process_cpu_usage",
            "system_cpu_count",
            "process_uptime_seconds",
            "hikaricp_connections_active",
            "hikaricp_connections_max",
            "rabbitmq_connections",
            "rabbitmq_published_total",
            "rabbitmq_consumed_total")) {
      assertThat(scrape).as(name).containsPattern("(?m)^" + name + "[ {]");
    }
  }

  @Test
  @Order(2)
  void promtoolFindsNothingWrongInTheScrape() throws Exception {
    Path file = tmp.resolve("scrape.txt");
    Files.writeString(file, scrape());

    PromTools.Result result = PromTools.run(List.of("promtool", "check", "metrics"), file);

    // Two names of Micrometer's standard binders that every JVM dashboard uses as they are.
    List<String> findings =
        result
            .output()
            .lines()
            .filter(line -> !line.isBlank())
            .filter(line -> !line.startsWith("system_cpu_count non-histogram"))
            .filter(line -> !line.startsWith("process_cpu_time_ns_total metric names"))
            .toList();
    assertThat(findings).as(result.output()).isEmpty();
  }

  @Test
  @Order(3)
  void everyMetricTheDashboardQueriesIsExposedOrRecorded() throws Exception {
    Set<String> known = new TreeSet<>();
    for (String line : scrape().split("\n")) {
      if (!line.isBlank() && !line.startsWith("#")) {
        known.add(line.split("[ {]", 2)[0]);
      }
    }
    Matcher record =
        Pattern.compile("(?m)^\\s*- record: (\\S+)").matcher(PrometheusRulesTest.rules());
    while (record.find()) {
      known.add(record.group(1));
    }
    known.add("up"); // Prometheus's own series of every scrape target

    JsonNode dashboard = JSON.readTree(PromTools.deploy("grafana/smap-analytics.json").toFile());
    List<String> expressions = new ArrayList<>();
    dashboard.findValues("expr").forEach(e -> expressions.add(e.asText()));
    assertThat(expressions).hasSizeGreaterThan(30);
    Set<String> named = new TreeSet<>();
    expressions.forEach(e -> named.addAll(DashboardQueries.metricNames(e)));

    assertThat(named).hasSizeGreaterThan(30);
    assertThat(named)
        .as("metrics the dashboard names but the service does not expose")
        .isSubsetOf(known);
  }

  @Test
  @Order(4)
  void aRealPrometheusScrapesItEvaluatesEveryRuleAndSeesTheObjectStoreGo() throws Exception {
    int port;
    try (ServerSocket socket = new java.net.ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path config = tmp.resolve("prometheus.yml");
    StringBuilder rules = new StringBuilder();
    for (String file : PromTools.files(PromTools.deploy("prometheus"), ".rules.yml")) {
      rules.append("  - '").append(PromTools.repositoryRoot().resolve(file)).append("'\n");
    }
    Files.writeString(
        config,
        "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n"
            + "rule_files:\n"
            + rules
            + "scrape_configs:\n  - job_name: smap-analytics\n    static_configs:\n"
            + "      - targets: ['127.0.0.1:"
            + service.runtime().httpPort()
            + "']\n");
    Path log = tmp.resolve("prometheus.log");
    Process prometheus =
        new ProcessBuilder(
                "prometheus",
                "--config.file=" + config,
                "--storage.tsdb.path=" + tmp.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--log.level=warn")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    String api = "http://127.0.0.1:" + port;
    try {
      await("Prometheus ready", 60, () -> get(api + "/-/ready") != null);
      await(
          "the service's target up",
          60,
          () -> {
            JsonNode targets = json(api + "/api/v1/targets").path("data").path("activeTargets");
            return targets.size() == 1 && targets.get(0).path("health").asText().equals("up");
          });
      List<String> ruleNames = new ArrayList<>();
      await(
          "every rule evaluated without error",
          60,
          () -> {
            ruleNames.clear();
            boolean allOk = true;
            for (JsonNode group : json(api + "/api/v1/rules").path("data").path("groups")) {
              for (JsonNode rule : group.path("rules")) {
                String health = rule.path("health").asText();
                assertThat(health)
                    .as(rule.path("name").asText() + ": " + rule.path("lastError").asText())
                    .isNotEqualTo("err");
                allOk &= health.equals("ok");
                ruleNames.add(rule.path("name").asText());
              }
            }
            return allOk && !ruleNames.isEmpty();
          });
      assertThat(ruleNames).contains("AnalyticsObjectStoreDown", "AnalyticsInstanceDown");
      assertThat(alertStates(api)).doesNotContainKey("AnalyticsObjectStoreDown");

      service.s3().close();

      await(
          "AnalyticsObjectStoreDown pending or firing",
          120,
          () ->
              Set.of("pending", "firing")
                  .contains(alertStates(api).getOrDefault("AnalyticsObjectStoreDown", "")));
      assertThat(alertStates(api))
          .doesNotContainKeys("AnalyticsPostgresDown", "AnalyticsRabbitMQDown");
    } catch (AssertionError | RuntimeException e) {
      throw new AssertionError(e.getMessage() + "\nPrometheus log:\n" + Files.readString(log), e);
    } finally {
      prometheus.destroy();
      if (!prometheus.waitFor(20, TimeUnit.SECONDS)) {
        prometheus.destroyForcibly();
      }
    }
  }

  private static Map<String, String> alertStates(String api) throws Exception {
    Map<String, String> states = new HashMap<>();
    for (JsonNode alert : json(api + "/api/v1/alerts").path("data").path("alerts")) {
      states.put(alert.path("labels").path("alertname").asText(), alert.path("state").asText());
    }
    return states;
  }

  private static String get(String url) {
    try {
      HttpResponse<String> r =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
              HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 ? r.body() : null;
    } catch (Exception e) {
      return null;
    }
  }

  private static JsonNode json(String url) throws Exception {
    String body = get(url);
    return body == null ? JSON.createObjectNode() : JSON.readTree(body);
  }

  interface Condition {
    boolean holds() throws Exception;
  }

  private static void await(String what, int seconds, Condition condition) throws Exception {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (condition.holds()) {
        return;
      }
      Thread.sleep(500);
    }
    throw new AssertionError("not within " + seconds + " s: " + what);
  }
}
