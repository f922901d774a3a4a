package smap.analytics.adapter.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Sign-in throttling, enumeration resistance, auditing, redirects, sessions and headers of the
 * console, over HTTP on a real server with a clock the test moves.
 */
class ConsoleSecurityTest {

  private static final Duration IDLE = Duration.ofMinutes(30);
  private static final Duration MAX = Duration.ofHours(12);

  private static ConsoleUnderTest console(int perUser, int perAddress) {
    return new ConsoleUnderTest(
        ConsoleUnderTest.options(perUser, perAddress, IDLE, MAX, 1000), false);
  }

  @Test
  void theFormAnswers429WithRetryAfterAfterFiveFailuresBeforeCheckingThePassword()
      throws Exception {
    try (ConsoleUnderTest c = console(5, 100)) {
      ConsoleUnderTest.Browser browser = c.new Browser();
      for (int i = 0; i < 5; i++) {
        assertThat(browser.signIn("ana", "wrong-" + i, "/").statusCode()).isEqualTo(401);
      }
      HttpResponse<String> locked = browser.signIn("ana", "ana-secret", "/");
      assertThat(locked.statusCode()).isEqualTo(429);
      assertThat(locked.headers().firstValue("Retry-After")).hasValue("300");
      assertThat(locked.body()).contains("Too many failed sign-ins");
      assertThat(c.auditReasons())
          .first()
          .isEqualTo("throttled: too many failed sign-ins; retry after 300 s");

      c.clock.advance(Duration.ofMinutes(5).plusSeconds(1));
      assertThat(browser.signIn("ana", "ana-secret", "/").statusCode()).isEqualTo(302);
    }
  }

  @Test
  void httpBasicIsThrottledTooAndEveryFailureIsAudited() throws Exception {
    try (ConsoleUnderTest c = console(5, 100)) {
      for (int i = 0; i < 5; i++) {
        HttpResponse<String> wrong = c.basic("/api/audit", "vic:nope-" + i);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("WWW-Authenticate")).isPresent();
      }
      HttpResponse<String> locked = c.basic("/api/audit", "vic:vic-secret");
      assertThat(locked.statusCode()).isEqualTo(429);
      assertThat(locked.headers().firstValue("Retry-After")).hasValue("300");
      assertThat(locked.body()).contains("Too many failed sign-ins");
      assertThat(c.auditReasons())
          .containsExactly(
              "throttled: too many failed sign-ins; retry after 300 s",
              "denied: wrong password",
              "denied: wrong password",
              "denied: wrong password",
              "denied: wrong password",
              "denied: wrong password");
      assertThat(c.audit.list(null, "login", 1).get(0).detail()).containsEntry("via", "basic");
    }
  }

  @Test
  void oneAddressIsLockedAfterItsFailuresWhateverTheNames() throws Exception {
    try (ConsoleUnderTest c = console(5, 6)) {
      for (int i = 0; i < 6; i++) {
        assertThat(c.basic("/api/audit", "name" + i + ":x").statusCode()).isEqualTo(401);
      }
      assertThat(c.basic("/api/audit", "ana:ana-secret").statusCode()).isEqualTo(429);
    }
  }

  @Test
  void unknownAndRealUsersGetTheSameAnswersAndTakeAsLong() throws Exception {
    try (ConsoleUnderTest c = console(1000, 1000)) {
      String longPassword = "p".repeat(73);
      for (String[] pair : new String[][] {{"ana", "nobody"}, {"vic", "ghost"}}) {
        HttpResponse<String> real = c.basic("/api/audit", pair[0] + ":wrong");
        HttpResponse<String> unknown = c.basic("/api/audit", pair[1] + ":wrong");
        assertThat(unknown.statusCode()).isEqualTo(real.statusCode()).isEqualTo(401);
        assertThat(unknown.body()).isEqualTo(real.body());
        HttpResponse<String> realLong = c.basic("/api/audit", pair[0] + ":" + longPassword);
        HttpResponse<String> unknownLong = c.basic("/api/audit", pair[1] + ":" + longPassword);
        assertThat(realLong.statusCode()).isEqualTo(unknownLong.statusCode()).isEqualTo(400);
        assertThat(realLong.body()).isEqualTo(unknownLong.body()).contains("longer than 72 bytes");
      }
      ConsoleUnderTest.Browser browser = c.new Browser();
      HttpResponse<String> realNoPassword = browser.signIn("ana", null, "/");
      HttpResponse<String> unknownNoPassword = browser.signIn("nobody", null, "/");
      assertThat(realNoPassword.statusCode())
          .isEqualTo(unknownNoPassword.statusCode())
          .isEqualTo(400);
      assertThat(realNoPassword.body()).contains("a password is required");
      assertThat(unknownNoPassword.body()).contains("a password is required");

      // Unknown names are checked against a dummy hash of the same cost: as slow as real ones
      // (a missing check would answer in well under a tenth of the time).
      long real = medianMillis(c, "ana");
      long unknown = medianMillis(c, "nobody-at-all");
      assertThat(unknown).as("unknown %d ms vs real %d ms", unknown, real).isGreaterThan(real / 3);
    }
  }

  private static long medianMillis(ConsoleUnderTest c, String name) throws Exception {
    List<Long> times = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      long start = System.nanoTime();
      c.basic("/api/audit", name + ":wrong");
      times.add((System.nanoTime() - start) / 1_000_000);
    }
    times.sort(null);
    return times.get(times.size() / 2);
  }

  @Test
  void oddInputIsA400WithAMessageAndAnAuditRowNeverA500() throws Exception {
    try (ConsoleUnderTest c = console(1000, 1000)) {
      ConsoleUnderTest.Browser browser = c.new Browser();
      HttpResponse<String> nul = browser.signIn("ana\0", "x", "/");
      assertThat(nul.statusCode()).isEqualTo(400);
      assertThat(nul.body()).contains("the user name contains a control character");
      HttpResponse<String> longName = c.basic("/api/audit", "a".repeat(300) + ":x");
      assertThat(longName.statusCode()).isEqualTo(400);
      assertThat(longName.body()).contains("longer than 64 characters");
      HttpResponse<String> nulPassword = c.basic("/api/audit", "ana:x\0y");
      assertThat(nulPassword.statusCode()).isEqualTo(400);
      HttpResponse<String> notBase64 =
          java.net.http.HttpClient.newHttpClient()
              .send(
                  java.net.http.HttpRequest.newBuilder(java.net.URI.create(c.base + "/api/audit"))
                      .header("Authorization", "Basic %%%")
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(notBase64.statusCode()).isEqualTo(400);
      assertThat(notBase64.body()).contains("name:password in base64");
      HttpResponse<String> huge =
          java.net.http.HttpClient.newHttpClient()
              .send(
                  java.net.http.HttpRequest.newBuilder(java.net.URI.create(c.base + "/api/audit"))
                      .header("Authorization", "Basic " + "QUFB".repeat(400))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(huge.statusCode()).isEqualTo(400);
      assertThat(c.auditReasons())
          .containsExactly(
              "denied: bad input: the Authorization header is longer than 1024 characters",
              "denied: bad input: Authorization: Basic must carry name:password in base64",
              "denied: bad input: the password contains a NUL character",
              "denied: bad input: the user name is longer than 64 characters",
              "denied: bad input: the user name contains a control character");
      assertThat(c.audit.list(null, "login", 10))
          .allSatisfy(e -> assertThat(e.actor()).doesNotContain("\0").hasSizeLessThanOrEqualTo(64));
    }
  }

  @Test
  void everyRedirectFormLandsOnThisSite() throws Exception {
    for (String hostile :
        List.of(
            "/\t/evil.example",
            "/\n/evil.example",
            "/\\evil.example",
            "\\\\evil.example",
            "//evil.example",
            "https://evil.example/",
            "javascript:alert(1)",
            "evil.example",
            " /x",
            "/ /evil.example",
            "/\u3000/evil.example")) {
      assertThat(LoginHandler.safeNext(hostile)).as(hostile).isEqualTo("/");
    }
    assertThat(LoginHandler.safeNext("/batches?status=FAILED")).isEqualTo("/batches?status=FAILED");
    assertThat(LoginHandler.safeNext("/errors")).isEqualTo("/errors");
    try (ConsoleUnderTest c = console(1000, 1000)) {
      for (String next :
          List.of(
              "/\t/evil.example", "//evil.example", "/\\evil.example", "https://evil.example")) {
        HttpResponse<String> response = c.new Browser().signIn("ana", "ana-secret", next);
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).as(next).hasValue("/");
      }
      HttpResponse<String> local = c.new Browser().signIn("ana", "ana-secret", "/errors?window=7d");
      assertThat(local.headers().firstValue("Location")).hasValue("/errors?window=7d");
    }
  }

  @Test
  void anonymousRequestsStoreNoSession() throws Exception {
    try (ConsoleUnderTest c = console(1000, 1000)) {
      for (int i = 0; i < 50; i++) {
        ConsoleUnderTest.Browser anonymous = c.new Browser();
        assertThat(anonymous.get("/login").statusCode()).isEqualTo(200);
        assertThat(anonymous.get("/").statusCode()).isEqualTo(302);
        assertThat(anonymous.get("/login?next=/batches").statusCode()).isEqualTo(200);
      }
      assertThat(c.sessions()).isZero();
      c.new Browser().signIn("ana", "ana-secret", "/");
      assertThat(c.sessions()).isEqualTo(1);
    }
  }

  @Test
  void backgroundPollingDoesNotKeepASessionPastItsIdleTimeout() throws Exception {
    try (ConsoleUnderTest c = console(1000, 1000)) {
      ConsoleUnderTest.Browser polled = c.new Browser();
      polled.signIn("ana", "ana-secret", "/");
      ConsoleUnderTest.Browser used = c.new Browser();
      used.signIn("vic", "vic-secret", "/");
      for (int minute = 5; minute <= 25; minute += 5) {
        c.clock.advance(Duration.ofMinutes(5));
        assertThat(
                polled.get("/api/audit", "HX-Request", "true", "X-Console-Poll", "1").statusCode())
            .isEqualTo(200);
        assertThat(used.get("/api/audit").statusCode()).isEqualTo(200);
      }
      c.clock.advance(Duration.ofMinutes(10)); // 35 minutes after the last request a person made
      HttpResponse<String> expired =
          polled.get("/batches", "HX-Request", "true", "X-Console-Poll", "1");
      assertThat(expired.statusCode()).isEqualTo(401);
      assertThat(expired.headers().firstValue("HX-Redirect")).hasValue("/login");
      assertThat(used.get("/batches").statusCode()).as("10 minutes idle").isEqualTo(200);
    }
  }

  @Test
  void theAbsoluteLifetimeEndsABusySession() throws Exception {
    try (ConsoleUnderTest c = console(1000, 1000)) {
      ConsoleUnderTest.Browser ana = c.new Browser();
      ana.signIn("ana", "ana-secret", "/");
      for (int i = 0; i < 12 * 3 - 1; i++) {
        c.clock.advance(Duration.ofMinutes(20));
        assertThat(ana.get("/batches").statusCode())
            .as("after %d min", (i + 1) * 20)
            .isEqualTo(200);
      }
      c.clock.advance(Duration.ofMinutes(21)); // 12 h 1 min after sign-in
      HttpResponse<String> ended = ana.get("/batches");
      assertThat(ended.statusCode()).isEqualTo(302);
      assertThat(ended.headers().firstValue("Location"))
          .hasValueSatisfying(l -> assertThat(l).startsWith("/login"));
    }
  }

  @Test
  void signingOutEndsTheSessionAndTheCapDropsTheLeastRecentlyUsed() throws Exception {
    try (ConsoleUnderTest c =
        new ConsoleUnderTest(ConsoleUnderTest.options(1000, 1000, IDLE, MAX, 2), false)) {
      ConsoleUnderTest.Browser first = c.new Browser();
      first.signIn("ana", "ana-secret", "/");
      String stolen = first.cookies.get(ConsoleSecurity.COOKIE);
      first.csrf = ConsoleUnderTest.field(first.get("/batches").body(), "_csrf");
      assertThat(first.post("/logout", Map.of()).statusCode()).isEqualTo(302);
      ConsoleUnderTest.Browser replay = c.new Browser();
      replay.cookies.put(ConsoleSecurity.COOKIE, stolen);
      assertThat(replay.get("/batches").statusCode())
          .as("old cookie after sign-out")
          .isEqualTo(302);
      assertThat(c.sessions()).isZero();

      ConsoleUnderTest.Browser a = c.new Browser();
      a.signIn("ana", "ana-secret", "/");
      ConsoleUnderTest.Browser b = c.new Browser();
      b.signIn("vic", "vic-secret", "/");
      ConsoleUnderTest.Browser d = c.new Browser();
      d.signIn("vic", "vic-secret", "/");
      assertThat(c.sessions()).isEqualTo(2);
      assertThat(a.get("/batches").statusCode()).as("dropped: least recently used").isEqualTo(302);
      assertThat(b.get("/batches").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void authenticatedAnswersAreNotStoredAndSecureCookiesComeWithHsts() throws Exception {
    try (ConsoleUnderTest c =
        new ConsoleUnderTest(ConsoleUnderTest.options(1000, 1000, IDLE, MAX, 10), true)) {
      ConsoleUnderTest.Browser ana = c.new Browser();
      HttpResponse<String> signedIn = ana.signIn("ana", "ana-secret", "/");
      assertThat(signedIn.headers().allValues("Set-Cookie"))
          .anySatisfy(
              v ->
                  assertThat(v)
                      .startsWith("smap_session=")
                      .contains("Secure", "HttpOnly", "SameSite=Strict"));
      for (String path : List.of("/batches", "/api/batches", "/api/audit", "/login")) {
        HttpResponse<String> response = ana.get(path);
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).as(path).hasValue("no-store");
        assertThat(response.headers().firstValue("Strict-Transport-Security"))
            .as(path)
            .hasValue("max-age=31536000");
      }
    }
    try (ConsoleUnderTest c = console(1000, 1000)) {
      assertThat(c.new Browser().get("/login").headers().firstValue("Strict-Transport-Security"))
          .as("plain HTTP (CONSOLE_SECURE_COOKIES=false): no HSTS")
          .isEmpty();
    }
  }

  @Test
  void eventIdsAreEncodedInLinks() throws Exception {
    try (ConsoleUnderTest c = console(1000, 1000)) {
      ConsoleUnderTest.Browser ana = c.new Browser();
      ana.signIn("ana", "ana-secret", "/");
      String page = ana.get("/batches").body();
      assertThat(page).contains("href=\"/batches/evt%2F1%3Fx%3D%23y%20z%25\"");
    }
    assertThat(Fmt.path("a/b c?#%")).isEqualTo("a%2Fb%20c%3F%23%25");
  }

  @Test
  void requestsBeyondTheirBoundsAreA400Quickly() throws Exception {
    try (ConsoleUnderTest c = console(1000, 1000)) {
      ConsoleUnderTest.Browser ana = c.new Browser();
      ana.signIn("ana", "ana-secret", "/");
      long start = System.nanoTime();
      HttpResponse<String> centuries =
          ana.get("/api/errors?from=1026-01-01T00:00:00Z&to=2026-01-01T00:00:00Z");
      long millis = (System.nanoTime() - start) / 1_000_000;
      assertThat(centuries.statusCode()).isEqualTo(400);
      assertThat(centuries.body()).contains("longer than 90 days");
      assertThat(millis).as("answered in %d ms", millis).isLessThan(1000);
      assertThat(ana.get("/errors?window=876000h").body()).contains("longer than 90 days");
      assertThat(ana.get("/api/errors?window=99999999999999d").statusCode()).isEqualTo(400);
      assertThat(ana.get("/api/errors?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z").body())
          .contains("from must be before to");
      assertThat(ana.get("/api/errors?window=90d").statusCode()).isEqualTo(200);
      assertThat(ana.get("/api/batches?limit=201").body())
          .contains("limit must be a whole number from 1 to 200");
      assertThat(ana.get("/api/batches?limit=200").statusCode()).isEqualTo(200);
      assertThat(ana.get("/api/audit?limit=0").statusCode()).isEqualTo(400);
      assertThat(ana.get("/audit.csv?limit=10001").statusCode()).isEqualTo(400);
      assertThat(ana.get("/audit.csv").body())
          .startsWith("at,actor,action,target,scope,reason,outcome\n");
    }
  }
}
