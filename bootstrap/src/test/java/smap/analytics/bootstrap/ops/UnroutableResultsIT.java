package smap.analytics.bootstrap.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import smap.analytics.adapter.web.console.ConsoleUser;
import smap.analytics.bootstrap.ServiceRuntime;
import smap.analytics.bootstrap.console.HeadlessChromium;
import smap.analytics.bootstrap.demo.SampleBatches;
import smap.analytics.bootstrap.e2e.RunningService;

/**
 * Unroutable results through the real broker: a result published while no queue is bound to the
 * result exchange is kept as UNROUTABLE and retried by itself; once a queue is bound, the automatic
 * retry delivers it exactly once; an operator resends a selection through the JSON API and another
 * through the console in a browser; the overview's banner is gone when none is left.
 */
class UnroutableResultsIT {

  private static final String PROJECT = "proj_unroutable";

  private RunningService service;
  private String base;

  @Test
  @Timeout(300)
  void unroutableResultsAreRetriedResentAndDeliveredOnce(@TempDir Path profile) throws Exception {
    try (RunningService running =
        RunningService.start(
            "unroutable",
            ServiceRuntime.Mode.SERVE,
            env -> {
              env.put("CONSOLE_SECURE_COOKIES", "false");
              env.put("CONSOLE_USERS", "ana:operator:" + ConsoleUser.hash("ana-secret"));
              env.put("UNROUTABLE_RETRY_INITIAL_SECONDS", "1");
              env.put("UNROUTABLE_RETRY_MAX_SECONDS", "2");
            })) {
      service = running;
      base = "http://127.0.0.1:" + running.runtime().httpPort();
      String suffix = running.suffix();
      String a = "unroutable-a-" + suffix;
      List<String> later =
          List.of("unroutable-b-" + suffix, "unroutable-c-" + suffix, "unroutable-d-" + suffix);

      // No queue is bound to the result exchange: the broker returns every result.
      publishBatch(a, 0);
      await("A unroutable and retried by itself", () -> returns(a) >= 2, 30);
      assertThat(status(a)).isEqualTo("UNROUTABLE");
      for (int i = 0; i < later.size(); i++) {
        publishBatch(later.get(i), i + 1);
      }
      for (String id : later) {
        await(id + " unroutable", () -> "UNROUTABLE".equals(status(id)), 30);
      }
      // As if their pause had grown to an hour: only an operator's resend sends them now. (A row
      // the relay holds at this moment is set again on the next round.)
      String inLater = String.join(",", later.stream().map(id -> "'" + id + "'").toList());
      await(
          "B, C and D wait an hour",
          () -> {
            sql(
                "UPDATE result_outbox SET next_attempt_at = now() + interval '1 hour' WHERE"
                    + " status = 'UNROUTABLE' AND event_id IN ("
                    + inLater
                    + ")");
            return count(
                    "SELECT count(*) FROM result_outbox WHERE status = 'UNROUTABLE' AND"
                        + " next_attempt_at > now() + interval '30 minutes' AND event_id IN ("
                        + inLater
                        + ")")
                == 3;
          },
          30);
      assertThat(unroutableOnTheOverview()).isPositive();

      // The Collector's queue appears: the automatic retry delivers A, once.
      String queue = "unroutable.collector." + suffix;
      Map<String, Integer> received = new LinkedHashMap<>();
      try (Channel channel = running.broker().createChannel()) {
        channel.queueDeclare(queue, false, false, true, null);
        channel.queueBind(
            queue,
            running.settings().broker().publishExchange(),
            running.settings().broker().publishRoutingKey());
        await("A delivered by the automatic retry", () -> "PUBLISHED".equals(status(a)), 30);
        assertThat(later).allSatisfy(id -> assertThat(status(id)).isEqualTo("UNROUTABLE"));

        // An operator resends B and C through the JSON API.
        HttpResponse<String> resent =
            api(
                "/api/results/unroutable/resend",
                "reason=collector+queue+bound&id="
                    + rowId(later.get(0))
                    + ","
                    + rowId(later.get(1)));
        assertThat(resent.statusCode()).as(resent.body()).isEqualTo(202);
        assertThat(resent.body()).contains("\"skipped\":[]");
        await("B and C delivered", () -> "PUBLISHED".equals(status(later.get(1))), 30);
        await("B delivered", () -> "PUBLISHED".equals(status(later.get(0))), 30);
        assertThat(api("/api/results/unroutable", null).body())
            .contains(later.get(2))
            .doesNotContain(later.get(0));

        // And D from the console, in a browser.
        resendInTheConsole(profile, rowId(later.get(2)));
        await("D delivered", () -> "PUBLISHED".equals(status(later.get(2))), 30);

        // Every result exactly once at the Collector, nothing left behind.
        long quiet = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (System.nanoTime() < quiet) {
          GetResponse message = channel.basicGet(queue, true);
          if (message == null) {
            Thread.sleep(100);
          } else {
            received.merge(message.getProps().getMessageId(), 1, Integer::sum);
          }
        }
      }
      Map<String, Integer> once = new LinkedHashMap<>();
      once.put(a, 1);
      later.forEach(id -> once.put(id, 1));
      assertThat(received).containsExactlyInAnyOrderEntriesOf(once);
      assertThat(unroutableOnTheOverview()).isZero();
      assertThat(api("/api/audit?action=result-resend", null).body())
          .contains("\"actor\":\"ana\"", "collector queue bound");
      String metrics = get("/metrics");
      assertThat(metrics)
          .contains("analytics_unroutable_retries_total{outcome=\"confirmed\"} 4.0")
          .contains("analytics_unroutable_resends_total{outcome=\"queued\"} 3.0")
          .containsPattern("analytics_unroutable_retries_total\\{outcome=\"unroutable\"} [1-9]");
    }
  }

  private void publishBatch(String eventId, int index) {
    String key = eventId + ".json";
    service
        .crawler()
        .upload(
            "crawl-results",
            key,
            SampleBatches.batch("TIKTOK", PROJECT + "-brand-" + index, 3, 0, index),
            false);
    service
        .crawler()
        .publish(
            SampleBatches.event(
                eventId,
                "crawl-results/" + key,
                PROJECT,
                PROJECT + "-brand-" + index,
                index,
                3,
                "tiktok"));
  }

  private void resendInTheConsole(Path profile, long rowId) throws Exception {
    try (HeadlessChromium chromium = HeadlessChromium.start(profile)) {
      WebDriver driver = chromium.driver();
      WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(15));
      driver.get(base + "/");
      driver.findElement(By.name("username")).sendKeys("ana");
      driver.findElement(By.name("password")).sendKeys("ana-secret");
      driver.findElement(By.cssSelector("button[type=submit]")).click();
      wait.until(ExpectedConditions.presenceOfElementLocated(By.id("unroutable-banner")));
      driver.findElement(By.linkText("resend them")).click();
      wait.until(ExpectedConditions.presenceOfElementLocated(By.id("select-" + rowId)));
      driver.manage().window().setSize(new org.openqa.selenium.Dimension(1366, 768));
      driver.findElement(By.id("select-" + rowId)).click();
      driver.findElement(By.name("reason")).sendKeys("console resend");
      chromium.screenshot("12-unroutable-results");
      driver.findElement(By.id("resend-selected")).click();
      // htmx asks first (hx-confirm); the operator confirms.
      wait.until(ExpectedConditions.alertIsPresent()).accept();
      wait.until(
          ExpectedConditions.textToBePresentInElementLocated(
              By.id("resend-flash"), "1 result(s) queued for resending"));
      wait.until(
          d -> {
            d.get(base + "/results/unroutable");
            return d.findElements(By.id("no-unroutable")).size() == 1;
          });
      // None is left: the overview's banner is gone.
      driver.get(base + "/");
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("overview"), "Outbox"));
      assertThat(driver.findElements(By.id("unroutable-banner"))).isEmpty();
    }
  }

  /** The count behind the overview's banner, from the JSON API. */
  private long unroutableOnTheOverview() throws Exception {
    java.util.regex.Matcher count =
        java.util.regex.Pattern.compile("\"unroutable\":(\\d+)")
            .matcher(api("/api/overview", null).body());
    assertThat(count.find()).isTrue();
    return Long.parseLong(count.group(1));
  }

  private String get(String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(base + path)).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private HttpResponse<String> api(String path, String form) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString("ana:ana-secret".getBytes(StandardCharsets.UTF_8)));
    if (form != null) {
      request
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(form));
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private List<String> row(String eventId) {
    List<String> values = new ArrayList<>();
    try (java.sql.Connection db = DriverManager.getConnection(service.jdbcUrl(), "postgres", "");
        var statement =
            db.prepareStatement(
                "SELECT id, status, unroutable_returns FROM result_outbox WHERE event_id = ?")) {
      statement.setString(1, eventId);
      try (ResultSet rs = statement.executeQuery()) {
        if (rs.next()) {
          values.add(rs.getString(1));
          values.add(rs.getString(2));
          values.add(rs.getString(3));
        }
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
    return values;
  }

  private String status(String eventId) {
    List<String> row = row(eventId);
    return row.isEmpty() ? null : row.get(1);
  }

  private int returns(String eventId) {
    List<String> row = row(eventId);
    return row.isEmpty() ? 0 : Integer.parseInt(row.get(2));
  }

  private long rowId(String eventId) {
    return Long.parseLong(row(eventId).get(0));
  }

  private void sql(String statement) {
    try (java.sql.Connection db = DriverManager.getConnection(service.jdbcUrl(), "postgres", "");
        var s = db.createStatement()) {
      s.execute(statement);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private long count(String query) {
    try (java.sql.Connection db = DriverManager.getConnection(service.jdbcUrl(), "postgres", "");
        var s = db.createStatement();
        ResultSet rs = s.executeQuery(query)) {
      rs.next();
      return rs.getLong(1);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void await(String what, BooleanSupplier condition, int seconds)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + seconds + " s: " + what);
      }
      Thread.sleep(100);
    }
  }
}
