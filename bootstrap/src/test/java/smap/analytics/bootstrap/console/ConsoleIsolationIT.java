package smap.analytics.bootstrap.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import smap.analytics.bootstrap.MainAccess;
import smap.analytics.bootstrap.ServiceRuntime;
import smap.analytics.bootstrap.demo.SampleBatches;
import smap.analytics.bootstrap.e2e.RunningService;
import smap.analytics.domain.batch.BatchStatus;
import smap.analytics.domain.ledger.BatchEntry;

/**
 * The console on the running service: a user made by {@code user add} signs in; the error report
 * folds many codes into "other"; and a flood of console, /readyz and /metrics requests leaves the
 * pipeline's batches as fast as without it (the console has its own pool).
 */
class ConsoleIsolationIT {

  private static final String PROJECT = "5b7c1d9e-1111-4222-8333-944445555666";
  private static final String PASSWORD = "olga's pässword";

  private static RunningService service;
  private static String base;

  @BeforeAll
  static void start() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        MainAccess.run(
            new String[] {"user", "add", "olga", "--role", "operator"},
            new ByteArrayInputStream((PASSWORD + "\n").getBytes(StandardCharsets.UTF_8)),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    String entry = out.toString(StandardCharsets.UTF_8).strip();
    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(entry).startsWith("olga:operator:$2a$");
    service =
        RunningService.start(
                "isolation",
                ServiceRuntime.Mode.SERVE,
                env -> {
                  env.put("CONSOLE_SECURE_COOKIES", "false");
                  env.put("CONSOLE_USERS", entry);
                  env.put("CONSOLE_DATABASE_POOL_SIZE", "3");
                  env.put("CONSOLE_STATEMENT_TIMEOUT_MS", "5000");
                })
            .awaitReady(60);
    base = "http://127.0.0.1:" + service.runtime().httpPort();
  }

  @AfterAll
  static void stop() throws Exception {
    if (service != null) {
      service.close();
    }
  }

  private static HttpResponse<String> get(HttpClient http, String path, String... headers)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String basic(String credentials) {
    return "Basic "
        + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
  }

  /** Signs in with the form; returns the session cookie. */
  private static String signIn(String user, String password) throws Exception {
    HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    HttpResponse<String> form = get(http, "/login");
    Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]*)\"").matcher(form.body());
    assertThat(token.find()).isTrue();
    String loginCookie =
        form.headers().allValues("Set-Cookie").stream()
            .filter(c -> c.startsWith("smap_login="))
            .findFirst()
            .orElseThrow()
            .split(";", 2)[0];
    String body =
        "_csrf="
            + token.group(1)
            + "&username="
            + java.net.URLEncoder.encode(user, StandardCharsets.UTF_8)
            + "&password="
            + java.net.URLEncoder.encode(password, StandardCharsets.UTF_8)
            + "&next=%2F";
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", loginCookie)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
    return response.headers().allValues("Set-Cookie").stream()
        .filter(c -> c.startsWith("smap_session="))
        .findFirst()
        .orElseThrow()
        .split(";", 2)[0];
  }

  @Test
  void theEntryPrintedByUserAddSignsIn() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    assertThat(get(http, "/api/overview", "Authorization", basic("olga:" + PASSWORD)).statusCode())
        .isEqualTo(200);
    assertThat(get(http, "/api/overview", "Authorization", basic("olga:wrong")).statusCode())
        .isEqualTo(401);
    String cookie = signIn("olga", PASSWORD);
    assertThat(get(http, "/api/audit?action=login", "Cookie", cookie).body())
        .contains("\"actor\":\"olga\"", "\"outcome\":\"ok\"", "\"outcome\":\"denied\"");
  }

  private static void execute(String sql) throws Exception {
    try (Connection c =
            DriverManager.getConnection(
                service.jdbcUrl(),
                service.settings().database().user(),
                service.settings().database().password());
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  @Test
  void manyErrorCodesAreFoldedIntoOtherGroups() throws Exception {
    // 80 distinct codes a crawler made up, 3 rows each.
    execute(
        "INSERT INTO crawl_errors (content_id, project_id, job_id, platform, error_code, error_category,"
            + " error_message, created_at, event_id, source, transient)"
            + " SELECT 'fold-' || g, 'p', 'j', 'TIKTOK', 'MADE_UP_' || (g % 80), 'generic', 'm', now(),"
            + " 'fold-evt', 'crawler', false FROM generate_series(1, 240) g");
    String report =
        get(
                HttpClient.newHttpClient(),
                "/api/errors?window=1h",
                "Authorization",
                basic("olga:" + PASSWORD))
            .body();
    Matcher codes = Pattern.compile("\"code\":\"([^\"]*)\"").matcher(report);
    List<String> groups = new ArrayList<>();
    while (codes.find()) {
      groups.add(codes.group(1));
    }
    assertThat(groups).as(report).hasSizeLessThanOrEqualTo(51 + 1).contains("(other codes)");
    assertThat(report).contains("\"label\":\"generic\",\"count\":240");
  }

  /** Publishes {@code count} batches one after the other; returns each one's time to finish. */
  private static List<Long> batchTimes(String prefix, int count) throws Exception {
    List<Long> millis = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String id = prefix + "-" + i + "-" + service.suffix();
      long start = System.nanoTime();
      service
          .crawler()
          .publish(
              SampleBatches.event(
                  id, "crawl-results/flood.json", PROJECT, PROJECT + "-brand-0", i, 50, "tiktok"));
      BatchEntry entry = service.awaitTerminal(id, 120);
      millis.add((System.nanoTime() - start) / 1_000_000);
      assertThat(entry.status()).as(id).isEqualTo(BatchStatus.SUCCEEDED);
    }
    return millis;
  }

  @Test
  void aFloodOfConsoleAndReadinessRequestsDoesNotSlowTheBatches() throws Exception {
    // Enough error rows that the error page's aggregations do real work on every request.
    execute(
        "INSERT INTO crawl_errors (content_id, project_id, job_id, platform, error_code, error_category,"
            + " error_message, created_at, event_id, source, transient)"
            + " SELECT 'flood-' || g, 'p', 'j', CASE WHEN g % 3 = 0 THEN 'YOUTUBE' ELSE 'TIKTOK' END,"
            + " (ARRAY['RATE_LIMITED','CONTENT_REMOVED','TIMEOUT','PARSE_ERROR'])[1 + g % 4], 'network', 'm',"
            + " now() - ((g % 604800) || ' seconds')::interval, 'flood-evt-' || (g % 5000), 'crawler', g % 2 = 0"
            + " FROM generate_series(1, 300000) g");
    execute("ANALYZE crawl_errors");
    service
        .crawler()
        .upload(
            "crawl-results",
            "flood.json",
            SampleBatches.batch("TIKTOK", PROJECT + "-brand-0", 50, 5, 11),
            false);
    batchTimes("warmup", 2);
    List<Long> quiet = batchTimes("quiet", 8);

    String cookie = signIn("olga", PASSWORD);
    List<String> paths =
        List.of(
            "/api/errors?window=7d",
            "/errors?window=90d",
            "/api/batches",
            "/batches?status=SUCCEEDED",
            "/api/overview",
            "/readyz",
            "/metrics",
            "/api/audit");
    AtomicBoolean flooding = new AtomicBoolean(true);
    Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
    Map<Integer, LongAdder> readiness = new ConcurrentHashMap<>();
    AtomicInteger pipelineWaiters = new AtomicInteger();
    HikariDataSource pipeline = service.runtime().pipelinePool();
    HikariDataSource console = service.runtime().consolePool();
    AtomicInteger consoleMax = new AtomicInteger();
    int threads = 24;
    ExecutorService flood = Executors.newFixedThreadPool(threads + 1);
    for (int t = 0; t < threads; t++) {
      int offset = t;
      flood.submit(
          () -> {
            HttpClient http = HttpClient.newHttpClient();
            for (int n = offset; flooding.get(); n++) {
              try {
                String path = paths.get(n % paths.size());
                int status = get(http, path, "Cookie", cookie).statusCode();
                statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
                if (path.equals("/readyz")) {
                  readiness.computeIfAbsent(status, s -> new LongAdder()).increment();
                }
              } catch (Exception e) {
                statuses.computeIfAbsent(-1, s -> new LongAdder()).increment();
              }
            }
            return null;
          });
    }
    flood.submit(
        () -> {
          while (flooding.get()) {
            pipelineWaiters.accumulateAndGet(
                pipeline.getHikariPoolMXBean().getThreadsAwaitingConnection(), Math::max);
            consoleMax.accumulateAndGet(
                console.getHikariPoolMXBean().getTotalConnections(), Math::max);
            Thread.sleep(20);
          }
          return null;
        });
    List<Long> loaded;
    try {
      // The flood is under way once it has been answered a hundred times (a fixed 2 s was not
      // always enough: on a quiet machine the batches then took 1 s and 96 requests were served).
      long floodDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (statuses.values().stream().mapToLong(LongAdder::sum).sum() <= 100
          && System.nanoTime() < floodDeadline) {
        Thread.sleep(50);
      }
      loaded = batchTimes("loaded", 8);
    } finally {
      flooding.set(false);
      flood.shutdown();
      flood.awaitTermination(90, TimeUnit.SECONDS);
    }

    long served = statuses.values().stream().mapToLong(LongAdder::sum).sum();
    System.out.printf(
        "flood: batch time without load %s ms (median %d), with %d concurrent console/readyz/metrics"
            + " clients %s ms (median %d); %d requests answered %s (/readyz %s); pipeline pool"
            + " waiters max %d, console pool connections max %d%n",
        quiet,
        median(quiet),
        threads,
        loaded,
        median(loaded),
        served,
        statuses,
        readiness,
        pipelineWaiters.get(),
        consoleMax.get());
    assertThat(served).as("the flood ran").isGreaterThan(100);
    assertThat(statuses.keySet())
        .as("answered, or 503 when busy; never a 500")
        .isSubsetOf(200, 503);
    assertThat(readiness.keySet()).as("/readyz stays ready under the flood").containsExactly(200);
    assertThat(pipelineWaiters.get()).as("no pipeline thread waited for a connection").isZero();
    assertThat(consoleMax.get()).as("the console stays within its pool").isLessThanOrEqualTo(3);
    // Generous: the flood's clients, the console and PostgreSQL share the machine's cores with
    // the pipeline, so CPU slows the batches; what must not happen is a batch stuck behind console
    // queries for a connection (asserted above) or failing.
    long bound = Math.max(60_000, 20 * quiet.stream().mapToLong(Long::longValue).max().orElse(0));
    assertThat(loaded).allSatisfy(ms -> assertThat(ms).isLessThan(bound));
  }

  private static long median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    sorted.sort(null);
    return sorted.get(sorted.size() / 2);
  }
}
