package smap.analytics.adapter.web.console;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import smap.analytics.adapter.web.OpsHandlers;
import smap.analytics.adapter.web.WebServer;
import smap.analytics.application.fake.InMemoryAuditLog;
import smap.analytics.application.fake.InMemoryResultOutbox;
import smap.analytics.application.port.in.CheckReadinessUseCase;
import smap.analytics.application.port.in.console.ManageFlagsUseCase;
import smap.analytics.application.port.in.console.ReplayBatchUseCase;
import smap.analytics.application.port.in.console.ReplayBatchesUseCase;
import smap.analytics.application.port.in.console.ShowOverviewUseCase;
import smap.analytics.application.port.out.PipelineMetricsPort;
import smap.analytics.application.port.out.console.ConsoleQueryPort;
import smap.analytics.application.service.console.AuditTrailService;
import smap.analytics.application.service.console.BrowseBatchesService;
import smap.analytics.application.service.console.InspectCrawlErrorsService;
import smap.analytics.application.service.console.ResendUnroutableResultsService;
import smap.analytics.domain.batch.BatchStatus;
import smap.analytics.domain.batch.EventId;
import smap.analytics.domain.console.BatchDetail;
import smap.analytics.domain.console.BatchFilter;
import smap.analytics.domain.console.BatchRow;
import smap.analytics.domain.console.Count;
import smap.analytics.domain.console.Cursor;
import smap.analytics.domain.console.ErrorGroup;
import smap.analytics.domain.console.ErrorRow;
import smap.analytics.domain.console.SeriesPoint;
import smap.analytics.domain.console.Throughput;
import smap.analytics.domain.ledger.BatchCounts;
import smap.analytics.domain.ledger.BatchEntry;
import smap.analytics.domain.message.EventContext;
import smap.analytics.domain.message.MessageFormat;

/**
 * The console's HTTP layer on a real Javalin server with the real services over in-memory ports, on
 * a clock the test moves. Users: ana (operator, "ana-secret") and vic (viewer, "vic-secret").
 */
final class ConsoleUnderTest implements AutoCloseable {

  /** An event id with every character that breaks a link when not encoded. */
  static final String ODD_ID = "evt/1?x=#y z%";

  /** The one batch whose detail exists: finished, its raw message pruned by retention. */
  static final String PRUNED_ID = "pruned-1";

  static final Map<String, ConsoleUser> USERS =
      ConsoleUser.parse(
          "ana:operator:"
              + ConsoleUser.hash("ana-secret")
              + ",vic:viewer:"
              + ConsoleUser.hash("vic-secret"));

  /** A clock the test moves by hand. */
  static final class MovableClock extends Clock {
    private volatile Instant now = Instant.parse("2026-01-05T09:00:00Z");

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  final MovableClock clock = new MovableClock();
  final InMemoryAuditLog audit = new InMemoryAuditLog();
  final InMemoryResultOutbox outbox = new InMemoryResultOutbox();
  final WebServer server;
  final String base;

  ConsoleUnderTest(ConsoleOptions options, boolean secureCookies) {
    ConsoleUseCases console =
        new ConsoleUseCases(
            unused(ShowOverviewUseCase.class),
            new BrowseBatchesService(new OneBatchQueries()),
            new InspectCrawlErrorsService(new OneBatchQueries()),
            unused(ReplayBatchUseCase.class),
            unused(ReplayBatchesUseCase.class),
            unused(ManageFlagsUseCase.class),
            new AuditTrailService(audit),
            new ResendUnroutableResultsService(outbox, audit, PipelineMetricsPort.none(), clock),
            USERS,
            secureCookies,
            options);
    server =
        WebServer.start(
            0,
            new OpsHandlers(
                () -> new CheckReadinessUseCase.Readiness(true, List.of(), List.of()), () -> ""),
            console,
            clock);
    base = "http://127.0.0.1:" + server.port();
  }

  static ConsoleOptions options(
      int perUser, int perAddress, Duration idle, Duration max, int sessions) {
    return new ConsoleOptions(idle, max, sessions, perUser, perAddress, Duration.ofMinutes(5), 16);
  }

  int sessions() {
    return server.console().sessions().getAsInt();
  }

  List<String> auditReasons() {
    return audit.list(null, "login", 1000).stream()
        .map(e -> e.outcome() + ": " + e.reason())
        .toList();
  }

  @Override
  public void close() {
    server.close();
  }

  @SuppressWarnings("unchecked")
  private static <T> T unused(Class<T> type) {
    return (T)
        Proxy.newProxyInstance(
            type.getClassLoader(),
            new Class<?>[] {type},
            (proxy, method, args) -> {
              throw new UnsupportedOperationException(type.getSimpleName() + " is not used here");
            });
  }

  /** A browser: keeps its cookies by hand (Secure ones too), never follows redirects. */
  final class Browser {
    final HttpClient http =
        HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    final Map<String, String> cookies = new LinkedHashMap<>();
    String csrf;

    HttpResponse<String> send(HttpRequest.Builder request)
        throws IOException, InterruptedException {
      if (!cookies.isEmpty()) {
        StringBuilder header = new StringBuilder();
        cookies.forEach(
            (k, v) -> header.append(header.isEmpty() ? "" : "; ").append(k).append('=').append(v));
        request.header("Cookie", header.toString());
      }
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      for (String set : response.headers().allValues("Set-Cookie")) {
        String pair = set.split(";", 2)[0];
        int eq = pair.indexOf('=');
        String name = pair.substring(0, eq).strip();
        String value = pair.substring(eq + 1).strip();
        if (value.isEmpty()
            || set.contains("Max-Age=0")
            || set.contains("Expires=Thu, 01-Jan-1970")) {
          cookies.remove(name);
        } else {
          cookies.put(name, value);
        }
      }
      return response;
    }

    HttpResponse<String> get(String path, String... headers)
        throws IOException, InterruptedException {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
      for (int i = 0; i < headers.length; i += 2) {
        request.header(headers[i], headers[i + 1]);
      }
      return send(request);
    }

    HttpResponse<String> post(String path, Map<String, String> form)
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
      if (csrf != null) {
        request.header("X-CSRF-Token", csrf);
      }
      return send(request);
    }

    /** Submits the sign-in form; returns the answer (302 on success). */
    HttpResponse<String> signIn(String user, String password, String next)
        throws IOException, InterruptedException {
      String token = field(get("/login").body(), "_csrf");
      Map<String, String> form = new LinkedHashMap<>();
      form.put("_csrf", token);
      if (user != null) {
        form.put("username", user);
      }
      if (password != null) {
        form.put("password", password);
      }
      form.put("next", next);
      HttpResponse<String> response = post("/login", form);
      if (response.statusCode() == 302) {
        csrf = token; // replaced below by the session's token when a page is read
      }
      return response;
    }
  }

  /** An HTTP Basic request. */
  HttpResponse<String> basic(String path, String credentials)
      throws IOException, InterruptedException {
    return HttpClient.newHttpClient()
        .send(basicRequest(path, credentials).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** An HTTP Basic form POST. */
  HttpResponse<String> basicPost(String path, String credentials, String form)
      throws IOException, InterruptedException {
    return HttpClient.newHttpClient()
        .send(
            basicRequest(path, credentials)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder basicRequest(String path, String credentials) {
    return HttpRequest.newBuilder(URI.create(base + path))
        .header(
            "Authorization",
            "Basic "
                + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
  }

  static String field(String html, String name) {
    Matcher m = Pattern.compile("name=\"" + name + "\" value=\"([^\"]*)\"").matcher(html);
    if (!m.find()) {
      throw new AssertionError("no field " + name + " in " + html);
    }
    return m.group(1);
  }

  /** Console queries answered from memory: one batch with an awkward id, no errors. */
  private static final class OneBatchQueries implements ConsoleQueryPort {
    @Override
    public List<BatchRow> batches(BatchFilter filter, Cursor after, int limit) {
      return List.of(
          new BatchRow(
              ODD_ID,
              "SUCCEEDED",
              "TIKTOK",
              "p",
              "j",
              0,
              1,
              1,
              0,
              0,
              1,
              1,
              0,
              null,
              Instant.parse("2026-01-05T08:00:00Z"),
              Instant.parse("2026-01-05T08:00:01Z"),
              1000));
    }

    @Override
    public Optional<BatchDetail> batch(EventId eventId) {
      if (!eventId.value().equals(PRUNED_ID)) {
        return Optional.empty();
      }
      // A finished batch whose raw message the retention job cleared.
      BatchEntry entry =
          new BatchEntry(
              EventContext.of(eventId),
              BatchStatus.SUCCEEDED,
              1,
              0,
              "events",
              MessageFormat.BATCH_EVENT,
              "crawl-results/pruned.json",
              "p",
              "TIKTOK",
              new BatchCounts(1, 1, 0, 0, 1),
              null,
              null,
              Map.of(),
              List.of(),
              new byte[0],
              true,
              Instant.parse("2025-11-01T08:00:00Z"),
              Instant.parse("2025-11-01T08:00:00Z"),
              Instant.parse("2025-11-01T08:00:01Z"),
              10,
              1000);
      return Optional.of(new BatchDetail(entry, List.of(), List.of(), List.of(), List.of()));
    }

    @Override
    public List<ErrorGroup> errorGroups(Instant from, Instant to, String source) {
      return List.of();
    }

    @Override
    public ErrorAggregates errorAggregates(
        Instant from, Instant to, long bucketSeconds, String source) {
      return new ErrorAggregates(List.of(), List.of());
    }

    @Override
    public List<SeriesPoint> errorSeries(
        Instant from, Instant to, long bucketSeconds, String source) {
      return List.of();
    }

    @Override
    public List<ErrorRow> errors(String code, Instant from, Instant to, int limit) {
      return List.of();
    }

    @Override
    public List<Throughput> throughput(Instant from, Instant to) {
      return List.of();
    }

    @Override
    public List<Count> outbox() {
      return List.of();
    }
  }
}
