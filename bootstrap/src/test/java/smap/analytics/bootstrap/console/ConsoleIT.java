package smap.analytics.bootstrap.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import smap.analytics.adapter.web.console.ConsoleUser;
import smap.analytics.bootstrap.ServiceRuntime;
import smap.analytics.bootstrap.config.ServiceSettings;
import smap.analytics.bootstrap.demo.SampleBatches;
import smap.analytics.bootstrap.demo.SimulatedCrawler;
import smap.analytics.bootstrap.e2e.RunningService;
import smap.analytics.domain.batch.BatchStatus;
import smap.analytics.domain.batch.EventId;

/**
 * The console on the running service (real PostgreSQL, RabbitMQ, S3Proxy): handler checks over HTTP
 * (login, roles, CSRF, escaping, JSON API) and a walk through it in headless Chromium with a
 * screenshot of each page in bootstrap/target/screenshots.
 */
class ConsoleIT {

  private static final String HOSTILE = "\"><img src=x onerror=alert(1)><script>alert(2)</script>";
  private static final Path SHOTS = Path.of("target", "screenshots");

  private RunningService service;
  private String suffix;
  private ServiceRuntime runtime;
  private com.rabbitmq.client.Connection broker;
  private SimulatedCrawler crawler;
  private ServiceSettings settings;
  private String base;
  private static final String PROJECT = "7c9e6679-7425-40de-944b-e07fc1f90ae7";

  /**
   * Each test gets a service of its own (database, queues, object store, flags, replay jobs, audit
   * log) with the same three batches, so no test sees another's replays, flags or jobs, whatever
   * order they run in.
   */
  @BeforeEach
  void start() throws Exception {
    service =
        RunningService.start(
            "console",
            ServiceRuntime.Mode.SERVE,
            env -> {
              env.put("OBJECT_NOT_FOUND_RETRIES", "0");
              env.put("CONSOLE_SECURE_COOKIES", "false");
              env.put(
                  "CONSOLE_USERS",
                  "ana:operator:"
                      + ConsoleUser.hash("ana-secret")
                      + ",vic:viewer:"
                      + ConsoleUser.hash("vic-secret"));
            });
    suffix = service.suffix();
    settings = service.settings();
    runtime = service.runtime();
    broker = service.broker();
    crawler = service.crawler();
    base = "http://127.0.0.1:" + runtime.httpPort();

    crawler.upload(
        "crawl-results",
        "ok.json",
        SampleBatches.batch("TIKTOK", PROJECT + "-brand-0", 50, 4, 5),
        false);
    crawler.publish(
        SampleBatches.event(
            "console-ok-" + suffix,
            "crawl-results/ok.json",
            PROJECT,
            PROJECT + "-brand-0",
            0,
            50,
            "tiktok"));
    // A batch whose object is not there yet: it fails; uploaded later, its replay succeeds.
    crawler.publish(
        SampleBatches.event(
            "console-late-" + suffix,
            "crawl-results/late.json",
            PROJECT,
            PROJECT + "-brand-1",
            1,
            20,
            "youtube"));
    // A crawler error message that tries to inject markup into the console.
    Map<String, Object> hostile = new java.util.LinkedHashMap<>();
    hostile.put(
        "meta",
        Map.of(
            "id",
            "hostile-1",
            "platform",
            "TIKTOK",
            "fetch_status",
            "error",
            "error_code",
            "CONTENT_REMOVED",
            "error_message",
            HOSTILE));
    crawler.upload("crawl-results", "hostile.json", List.of(hostile), false);
    crawler.publish(
        SampleBatches.event(
            "console-hostile-" + suffix,
            "crawl-results/hostile.json",
            PROJECT,
            PROJECT + "-brand-2",
            2,
            1,
            "tiktok"));
    for (String id : List.of("console-ok-", "console-late-", "console-hostile-")) {
      awaitTerminal(id + suffix);
    }
  }

  @AfterEach
  void stop() throws Exception {
    if (service != null) {
      service.close();
    }
  }

  private BatchStatus awaitTerminal(String eventId) throws InterruptedException {
    return service.awaitTerminal(eventId, 30).status();
  }

  /** A browser-like HTTP session: cookies kept, redirects not followed. */
  private final class Browser {
    final HttpClient http =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    String csrf;

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
      return http.send(
          HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, Map<String, String> form, String csrfHeader)
        throws IOException, InterruptedException {
      StringBuilder body = new StringBuilder();
      form.forEach(
          (k, v) ->
              body.append(body.isEmpty() ? "" : "&")
                  .append(k)
                  .append('=')
                  .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(base + path))
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
      if (csrfHeader != null) {
        request.header("X-CSRF-Token", csrfHeader);
      }
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    Browser login(String user, String password) throws IOException, InterruptedException {
      String form = get("/login").body();
      String token = field(form, "_csrf");
      HttpResponse<String> response =
          post(
              "/login",
              Map.of("_csrf", token, "username", user, "password", password, "next", "/"),
              null);
      assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
      csrf = field(get("/").body(), "_csrf");
      return this;
    }
  }

  private static String field(String html, String name) {
    Matcher m = Pattern.compile("name=\"" + name + "\" value=\"([^\"]*)\"").matcher(html);
    assertThat(m.find()).as("field " + name).isTrue();
    return m.group(1);
  }

  @Test
  void everyPageNeedsASignInAndWrongPasswordsAreRefusedAndAudited() throws Exception {
    Browser anonymous = new Browser();
    for (String path : List.of("/", "/errors", "/batches", "/flags", "/audit")) {
      HttpResponse<String> response = anonymous.get(path);
      assertThat(response.statusCode()).as(path).isEqualTo(302);
      assertThat(response.headers().firstValue("Location"))
          .hasValueSatisfying(l -> assertThat(l).startsWith("/login"));
    }
    assertThat(anonymous.get("/api/batches").statusCode()).isEqualTo(401);
    String token = field(anonymous.get("/login").body(), "_csrf");
    assertThat(
            anonymous
                .post(
                    "/login",
                    Map.of("_csrf", token, "username", "ana", "password", "wrong", "next", "/"),
                    null)
                .statusCode())
        .isEqualTo(401);
    assertThat(anonymous.get("/login").headers().firstValue("Content-Security-Policy"))
        .hasValue(
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'");
    Browser ana = new Browser().login("ana", "ana-secret");
    assertThat(ana.get("/audit?action=login").body()).contains("denied", "ana");
  }

  @Test
  void stateChangesNeedTheCsrfTokenAndTheOperatorRole() throws Exception {
    Browser ana = new Browser().login("ana", "ana-secret");
    Map<String, String> form = Map.of("enabled", "false", "reason", "test", "scope", "global");
    assertThat(ana.post("/flags/store-crawler-errors", form, null).statusCode())
        .as("no token")
        .isEqualTo(403);
    assertThat(ana.post("/flags/store-crawler-errors", form, "forged").statusCode())
        .as("wrong token")
        .isEqualTo(403);

    Browser vic = new Browser().login("vic", "vic-secret");
    assertThat(vic.get("/flags").statusCode()).isEqualTo(200);
    HttpResponse<String> denied = vic.post("/flags/store-crawler-errors", form, vic.csrf);
    assertThat(denied.statusCode()).isEqualTo(403);
    assertThat(denied.body()).contains("operators only");
    assertThat(
            vic.post("/batches/console-late-" + suffix + "/replay", Map.of("reason", "x"), vic.csrf)
                .statusCode())
        .isEqualTo(403);

    HttpResponse<String> noReason =
        ana.post(
            "/flags/store-crawler-errors", Map.of("enabled", "false", "reason", " "), ana.csrf);
    assertThat(noReason.statusCode()).isEqualTo(400);
    assertThat(noReason.body()).contains("a reason is required");
  }

  @Test
  void crawlerTextIsEscapedEverywhere() throws Exception {
    Browser ana = new Browser().login("ana", "ana-secret");
    String page = ana.get("/batches/console-hostile-" + suffix).body();
    assertThat(page).doesNotContain("<script>alert(2)</script>").doesNotContain("<img src=x");
    assertThat(page).contains("&lt;script&gt;alert(2)&lt;/script&gt;");
    String errors = ana.get("/errors?window=24h&code=CONTENT_REMOVED").body();
    assertThat(errors)
        .doesNotContain("<script>alert(2)</script>")
        .contains("&lt;img src=x onerror=alert(1)&gt;");
  }

  @Test
  void theJsonApiAcceptsHttpBasicForScripts() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String basic =
        "Basic "
            + Base64.getEncoder().encodeToString("ana:ana-secret".getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> list =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/api/batches?status=SUCCEEDED"))
                .header("Authorization", basic)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.body())
        .contains("console-ok-" + suffix)
        .doesNotContain("console-late-" + suffix);
    HttpResponse<String> errors =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/api/errors?window=24h"))
                .header("Authorization", basic)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(errors.body()).contains("\"total\":5");
    HttpResponse<String> wrong =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/api/flags"))
                .header(
                    "Authorization",
                    "Basic "
                        + Base64.getEncoder()
                            .encodeToString("ana:nope".getBytes(StandardCharsets.UTF_8)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(wrong.statusCode()).isEqualTo(401);
  }

  @Test
  void theApiRollsAStageOutByPercentToAnInstanceAndRestoresThePreviousState() throws Exception {
    String ana = "ana:ana-secret";
    String scope = "instance:canary-" + suffix;
    String form = "scope=" + scope + "&reason=canary";
    HttpResponse<String> ten = api("POST", "/api/flags/stage-impact", ana, form + "&percent=10");
    assertThat(ten.statusCode()).as(ten.body()).isEqualTo(200);
    assertThat(ten.body()).contains("\"" + scope + "\":{\"STAGE_IMPACT\":10}");
    HttpResponse<String> fifty = api("POST", "/api/flags/stage-impact", ana, form + "&percent=50");
    assertThat(fifty.body()).contains("\"" + scope + "\":{\"STAGE_IMPACT\":50}");
    String version = jobField(fifty.body(), "version");

    assertThat(
            api("POST", "/api/flags/history/" + version + "/restore", "vic:vic-secret", "reason=x")
                .statusCode())
        .isEqualTo(403);
    assertThat(api("POST", "/api/flags/history/999999/restore", ana, "reason=x").body())
        .contains("no flag change with version 999999");
    assertThat(api("POST", "/api/flags/batch-format", ana, "reason=x&percent=10").body())
        .contains("only the analysis-stage flags");
    assertThat(api("POST", "/api/flags/stage-impact", ana, "reason=x&percent=half").statusCode())
        .isEqualTo(400);
    HttpResponse<String> restored =
        api("POST", "/api/flags/history/" + version + "/restore", ana, "reason=p95 up");
    assertThat(restored.statusCode()).as(restored.body()).isEqualTo(200);
    assertThat(restored.body()).contains("\"" + scope + "\":{\"STAGE_IMPACT\":10}");
    assertThat(api("GET", "/api/audit?action=flag-restore", ana, "").body())
        .contains("restore the state before version " + version + ": p95 up", scope);
    api("POST", "/api/flags/stage-impact", ana, "scope=" + scope + "&reason=done&enabled=remove");
  }

  private HttpResponse<String> api(String method, String path, String user, String form)
      throws Exception {
    String basic =
        "Basic " + Base64.getEncoder().encodeToString(user.getBytes(StandardCharsets.UTF_8));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", basic);
    if (method.equals("POST")) {
      request
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(form));
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Items of the replay job with an outcome (replayed, failed or skipped). */
  private int progress(String job) throws Exception {
    String json = api("GET", "/api/replays/" + job, "ana:ana-secret", null).body();
    return Integer.parseInt(jobField(json, "done"))
        + Integer.parseInt(jobField(json, "failed"))
        + Integer.parseInt(jobField(json, "skipped"));
  }

  private void awaitProgress(String job, int items) throws Exception {
    long deadline = System.currentTimeMillis() + 20_000;
    while (progress(job) < items) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("replay job " + job + " did not reach " + items + " items");
      }
      Thread.sleep(50);
    }
  }

  private static String jobField(String json, String field) {
    Matcher m = Pattern.compile("\"" + field + "\":\"?([^,\"}]*)").matcher(json);
    assertThat(m.find()).as(field + " in " + json).isTrue();
    return m.group(1);
  }

  @Test
  void aFilteredSetIsFrozenAtPreviewAndReplayedAsAJobOnce() throws Exception {
    String prefix = "console-frozen-" + suffix;
    crawler.upload(
        "crawl-results",
        "frozen.json",
        SampleBatches.batch("TIKTOK", PROJECT + "-brand-4", 3, 0, 4),
        false);
    crawler.publish(
        SampleBatches.event(
            prefix + "-a",
            "crawl-results/frozen.json",
            PROJECT,
            PROJECT + "-brand-4",
            4,
            3,
            "tiktok"));
    awaitTerminal(prefix + "-a");
    String form = "q=" + prefix + "&reason=reprocess&rate=20&key=job-" + suffix;

    assertThat(api("POST", "/api/replays/preview", "vic:vic-secret", form).statusCode())
        .as("viewers cannot")
        .isEqualTo(403);
    HttpResponse<String> preview = api("POST", "/api/replays/preview", "ana:ana-secret", form);
    assertThat(preview.statusCode()).as(preview.body()).isEqualTo(200);
    String id = jobField(preview.body(), "id");
    assertThat(jobField(preview.body(), "status")).isEqualTo("DRAFT");
    assertThat(jobField(preview.body(), "total")).isEqualTo("1");
    assertThat(preview.body()).contains(prefix + "-a");
    assertThat(jobField(api("POST", "/api/replays/preview", "ana:ana-secret", form).body(), "id"))
        .as("same key, same job")
        .isEqualTo(id);

    // Matches the filter, but after the preview: not part of the frozen set.
    crawler.publish(
        SampleBatches.event(
            prefix + "-b",
            "crawl-results/frozen.json",
            PROJECT,
            PROJECT + "-brand-4",
            5,
            3,
            "tiktok"));
    awaitTerminal(prefix + "-b");

    assertThat(api("POST", "/api/replays/" + id + "/start", "ana:ana-secret", "").statusCode())
        .isEqualTo(200);
    long deadline = System.currentTimeMillis() + 20_000;
    String job;
    do {
      Thread.sleep(100);
      job = api("GET", "/api/replays/" + id, "ana:ana-secret", null).body();
    } while (!jobField(job, "status").equals("DONE") && System.currentTimeMillis() < deadline);
    assertThat(jobField(job, "status")).isEqualTo("DONE");
    assertThat(jobField(job, "done")).isEqualTo("1");
    assertThat(runtime.ledger().find(EventId.of(prefix + "-a")).orElseThrow().replays())
        .isEqualTo(1);
    assertThat(runtime.ledger().find(EventId.of(prefix + "-b")).orElseThrow().replays()).isZero();
    assertThat(api("POST", "/api/replays/" + id + "/start", "ana:ana-secret", "").body())
        .as("starting again does nothing")
        .contains("\"status\":\"DONE\"");
  }

  @Test
  void aReplayJobCanBePausedResumedAndCancelled() throws Exception {
    // Six more succeeded batches: jobs over the succeeded ones have work left after a few items.
    crawler.upload(
        "crawl-results",
        "controls.json",
        SampleBatches.batch("TIKTOK", PROJECT + "-brand-5", 2, 0, 6),
        false);
    for (int i = 0; i < 6; i++) {
      crawler.publish(
          SampleBatches.event(
              "console-controls-" + i + "-" + suffix,
              "crawl-results/controls.json",
              PROJECT,
              PROJECT + "-brand-5",
              6 + i,
              2,
              "tiktok"));
    }
    for (int i = 0; i < 6; i++) {
      assertThat(awaitTerminal("console-controls-" + i + "-" + suffix))
          .isEqualTo(BatchStatus.SUCCEEDED);
    }
    // 20 a second: unpaused, the job would be due again on every pass of the runner.
    String form = "status=SUCCEEDED&reason=check&rate=20&key=controls-" + suffix;
    String id = jobField(api("POST", "/api/replays/preview", "ana:ana-secret", form).body(), "id");
    assertThat(
            jobField(
                api("POST", "/api/replays/" + id + "/pause", "ana:ana-secret", "").body(),
                "status"))
        .as("a draft cannot be paused")
        .isEqualTo("DRAFT");
    assertThat(
            jobField(
                api("POST", "/api/replays/" + id + "/start", "ana:ana-secret", "").body(),
                "status"))
        .isEqualTo("RUNNING");
    assertThat(
            jobField(
                api("POST", "/api/replays/" + id + "/pause", "ana:ana-secret", "").body(),
                "status"))
        .isEqualTo("PAUSED");

    // The positive signal that the runner went past the paused job: a witness job over the same
    // batches, started after the pause, replays one item a pass. Its first item comes from a pass
    // that began after the pause (passes run one at a time, so one that saw the job running has
    // ended). Three more items mean a whole pass began and ended after the second read below, one
    // that would have replayed an item of the paused job had the pause not held.
    String witness =
        jobField(
            api(
                    "POST",
                    "/api/replays/preview",
                    "ana:ana-secret",
                    "status=SUCCEEDED&reason=witness&rate=20&key=witness-" + suffix)
                .body(),
            "id");
    api("POST", "/api/replays/" + witness + "/start", "ana:ana-secret", "");
    awaitProgress(witness, 1);
    int paused = progress(id);
    int witnessed = progress(witness);
    assertThat(
            Integer.parseInt(
                jobField(api("GET", "/api/replays/" + id, "ana:ana-secret", null).body(), "total")))
        .as("the paused job has items left")
        .isGreaterThan(paused);
    awaitProgress(witness, witnessed + 3);
    assertThat(progress(id)).as("nothing runs while paused").isEqualTo(paused);
    assertThat(
            jobField(
                api("POST", "/api/replays/" + id + "/resume", "ana:ana-secret", "").body(),
                "status"))
        .isIn("RUNNING", "DONE");
    // Cancelled from a state that cannot finish by itself meanwhile: a second job, still a draft.
    String other =
        jobField(
            api("POST", "/api/replays/preview", "ana:ana-secret", form + "-other").body(), "id");
    String cancelled =
        api("POST", "/api/replays/" + other + "/cancel", "ana:ana-secret", "").body();
    assertThat(jobField(cancelled, "status")).isEqualTo("CANCELLED");
    assertThat(
            jobField(
                api("POST", "/api/replays/" + other + "/start", "ana:ana-secret", "").body(),
                "status"))
        .as("a cancelled job does not start")
        .isEqualTo("CANCELLED");
    assertThat(api("GET", "/api/audit?action=replay-job-cancel", "ana:ana-secret", null).body())
        .contains("\"target\":\"" + other + "\"");
    assertThat(api("GET", "/api/audit?action=replay-job-pause", "ana:ana-secret", null).body())
        .contains("\"target\":\"" + id + "\"");
  }

  @Test
  void anOperatorFindsTheFailedBatchReplaysItAndPausesConsumptionInABrowser(@TempDir Path profile)
      throws Exception {
    Files.createDirectories(SHOTS);
    HeadlessChromium chromium = HeadlessChromium.start(profile);
    WebDriver driver = chromium.driver();
    try {
      driver.manage().window().setSize(new Dimension(1366, 768));
      WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(10));
      driver.get(base + "/errors");
      shot(driver, "01-login");
      driver.findElement(By.name("username")).sendKeys("ana");
      driver.findElement(By.name("password")).sendKeys("ana-secret");
      driver.findElement(By.cssSelector("button[type=submit]")).click();
      wait.until(ExpectedConditions.urlContains("/errors"));
      assertThat(driver.getPageSource()).contains("CONTENT_REMOVED", "By error code");
      shot(driver, "02-crawl-errors");

      // A poison message parked by hand: the overview counts it and says where its batch is.
      try (com.rabbitmq.client.Channel c = broker.createChannel()) {
        c.basicPublish(
            "",
            settings.broker().deadLetterQueue(),
            null,
            "{\"broken\":".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
      driver.get(base + "/");
      wait.until(
          ExpectedConditions.textToBePresentInElementLocated(By.id("overview"), "postgresql"));
      assertThat(driver.findElement(By.id("overview")).getText())
          .contains(
              "Queues",
              settings.broker().eventQueue(),
              settings.broker().deadLetterQueue(),
              "1 message(s) wait in the dead-letter queue");
      shot(driver, "03-overview");

      driver.get(base + "/batches?status=FAILED");
      wait.until(
          ExpectedConditions.textToBePresentInElementLocated(
              By.id("rows"), "console-late-" + suffix));
      shot(driver, "04-batches");
      driver.findElement(By.linkText("console-late-" + suffix)).click();
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "FAILED"));
      assertThat(driver.getPageSource()).contains("object not found");
      shot(driver, "05-failed-batch");

      crawler.upload(
          "crawl-results",
          "late.json",
          SampleBatches.batch("YOUTUBE", PROJECT + "-brand-1", 20, 0, 9),
          false);
      driver.findElement(By.name("reason")).sendKeys("object uploaded late");
      driver.findElement(By.name("republish")).click();
      driver.findElement(By.cssSelector("form[action$='/replay'] button")).click();
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "SUCCEEDED"));
      assertThat(driver.getPageSource())
          .contains("Replay ok", "console-late-" + suffix + "#replay-1");
      shot(driver, "06-replayed-batch");

      driver.get(base + "/flags");
      driver
          .findElement(By.cssSelector("#flag-consumption-paused input[name=reason]"))
          .sendKeys("broker maintenance");
      driver.findElement(By.id("toggle-consumption-paused")).click();
      wait.until(
          ExpectedConditions.textToBePresentInElementLocated(
              By.cssSelector("#flag-consumption-paused"), "on"));
      shot(driver, "07-flags-paused");
      awaitConsumers(0);
      rolloutStepsAndRestore(driver, wait);
      crawler.upload(
          "crawl-results",
          "held.json",
          SampleBatches.batch("TIKTOK", PROJECT + "-brand-3", 5, 0, 3),
          false);
      crawler.publish(
          SampleBatches.event(
              "console-held-" + suffix,
              "crawl-results/held.json",
              PROJECT,
              PROJECT + "-brand-3",
              3,
              5,
              "tiktok"));
      // No consumer is left on the queue: once the event waits there, it cannot have been taken.
      awaitReadyMessages(1);
      assertThat(runtime.ledger().find(EventId.of("console-held-" + suffix)))
          .as("paused: not consumed")
          .isEmpty();

      driver
          .findElement(By.cssSelector("#flag-consumption-paused input[name=reason]"))
          .sendKeys("maintenance over");
      driver.findElement(By.id("toggle-consumption-paused")).click();
      wait.until(
          ExpectedConditions.textToBePresentInElementLocated(
              By.cssSelector("#flag-consumption-paused"), "Turn on"));
      assertThat(awaitTerminal("console-held-" + suffix)).isEqualTo(BatchStatus.SUCCEEDED);

      driver.get(base + "/batches?status=SUCCEEDED");
      driver.findElement(By.tagName("summary")).click();
      driver
          .findElement(By.cssSelector("form[action='/replays/preview'] input[name=reason]"))
          .sendKeys("re-run after a lexicon update");
      driver.findElement(By.cssSelector("form[action='/replays/preview'] button")).click();
      wait.until(ExpectedConditions.presenceOfElementLocated(By.id("job-start")));
      shot(driver, "09-replay-job-preview");
      driver.findElement(By.id("job-start")).click();
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("job-status"), "DONE"));
      shot(driver, "10-replay-job-done");

      driver.get(base + "/audit");
      assertThat(driver.getPageSource())
          .contains("replay", "flag-change", "broker maintenance", "flag-restore");
      shot(driver, "08-audit");
    } finally {
      chromium.close();
    }
  }

  /** 10 % then 50 % of stage-aspect-sentiment, then "Restore previous" back to 10 %. */
  private static void rolloutStepsAndRestore(WebDriver driver, WebDriverWait wait)
      throws IOException {
    String row = "#flag-stage-aspect-sentiment form.rollout ";
    driver.findElement(By.cssSelector(row + "input[name=reason]")).sendKeys("canary of a lexicon");
    driver.findElement(By.id("rollout-stage-aspect-sentiment-10")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("state-stage-aspect-sentiment"), "on for 10 %"));
    driver.findElement(By.cssSelector(row + "input[name=reason]")).sendKeys("10 % looked fine");
    driver.findElement(By.id("rollout-stage-aspect-sentiment-50")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("state-stage-aspect-sentiment"), "on for 50 %"));
    String fifty = driver.findElement(By.cssSelector("table tr[id^=change-] td")).getText().strip();
    driver.findElement(By.id("restore-" + fifty)).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("state-stage-aspect-sentiment"), "on for 10 %"));
    assertThat(driver.getPageSource()).contains("restore the state before version " + fifty);
    shot(driver, "11-flags-rollout");
    driver.findElement(By.cssSelector(row + "input[name=reason]")).sendKeys("promote");
    driver.findElement(By.id("rollout-stage-aspect-sentiment-100")).click();
    wait.until(ExpectedConditions.textToBe(By.id("state-stage-aspect-sentiment"), "on"));
  }

  private void awaitConsumers(int expected) throws Exception {
    awaitEventQueue(q -> q.getConsumerCount() == expected, expected + " consumer(s)");
  }

  private void awaitReadyMessages(int expected) throws Exception {
    awaitEventQueue(q -> q.getMessageCount() == expected, expected + " ready message(s)");
  }

  private void awaitEventQueue(
      java.util.function.Predicate<com.rabbitmq.client.AMQP.Queue.DeclareOk> reached, String what)
      throws Exception {
    long deadline = System.currentTimeMillis() + 5_000;
    try (com.rabbitmq.client.Channel c = broker.createChannel()) {
      while (!reached.test(c.queueDeclarePassive(settings.broker().eventQueue()))) {
        if (System.currentTimeMillis() > deadline) {
          throw new AssertionError("the event queue did not reach " + what);
        }
        Thread.sleep(50);
      }
    }
  }

  private static void shot(WebDriver driver, String name) throws IOException {
    Files.write(
        SHOTS.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
  }
}
