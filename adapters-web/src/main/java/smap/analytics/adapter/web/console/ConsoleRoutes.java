package smap.analytics.adapter.web.console;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * Registers the console: security first, then one handler class per screen and its JSON API. Every
 * console route runs under one semaphore ({@link ConsoleOptions#maxConcurrentRequests()}): beyond
 * it a request waits up to {@link #QUEUE_WAIT_SECONDS} s and is then answered 503, so a flood of
 * console requests cannot pile up on the database.
 */
public final class ConsoleRoutes {

  static final int QUEUE_WAIT_SECONDS = 2;

  /** One registered route: {@code GET /api/batches/{id}}. */
  public record Route(String method, String path) {}

  /**
   * What was registered: the routes (the OpenAPI test compares the /api ones with the document) and
   * the number of server-side sessions held (signed-in users only).
   */
  public record Registration(List<Route> routes, IntSupplier sessions) {}

  private final JavalinConfig config;
  private final Semaphore permits;
  private final List<Route> routes = new ArrayList<>();

  private ConsoleRoutes(JavalinConfig config, int permits) {
    this.config = config;
    this.permits = new Semaphore(permits);
  }

  /** Registers every console route. */
  public static Registration register(JavalinConfig config, ConsoleUseCases console, Clock clock) {
    ConsoleOptions options = console.options();
    ConsoleSecurity security =
        new ConsoleSecurity(
            console.users(), console.secureCookies(), options, console.audit(), clock);
    LoginHandler login = new LoginHandler(security);
    OverviewHandler overview = new OverviewHandler(console.overview());
    BatchesHandler batches = new BatchesHandler(console.batches(), console.replay());
    ErrorsHandler errors = new ErrorsHandler(console.errors(), clock);
    FlagsHandler flags = new FlagsHandler(console.flags());
    AuditHandler audit = new AuditHandler(console.audit());
    ReplaysHandler replays = new ReplaysHandler(console.replays());
    UnroutableHandler unroutable = new UnroutableHandler(console.unroutable());

    config.staticFiles.enableWebjars();
    config.staticFiles.add(
        files -> {
          files.hostedPath = "/console";
          files.directory = "/console";
          files.location = Location.CLASSPATH;
        });
    config.routes.before(security::authenticate);
    ConsoleRoutes r = new ConsoleRoutes(config, options.maxConcurrentRequests());
    r.get("/login", login::form);
    r.post("/login", login::submit);
    r.post("/logout", login::logout);
    r.get("/", overview::page);
    r.get("/batches", batches::list);
    r.get("/batches/{id}", batches::show);
    r.post("/batches/{id}/replay", batches::replay);
    r.get("/errors", errors::page);
    r.get("/errors.csv", errors::csv);
    r.get("/flags", flags::page);
    r.post("/flags/{key}", flags::change);
    r.post("/flags/history/{version}/restore", flags::restore);
    r.post("/replays/preview", replays::preview);
    r.get("/replays", replays::list);
    r.get("/replays/{id}", replays::show);
    r.post("/replays/{id}/{action}", replays::action);
    r.get("/results/unroutable", unroutable::page);
    r.post("/results/unroutable/resend", unroutable::resend);
    r.get("/audit", audit::page);
    r.get("/audit.csv", audit::csv);
    r.get("/api/openapi.json", ConsoleRoutes::openApi);
    r.get("/api/overview", overview::api);
    r.get("/api/batches", batches::listApi);
    r.get("/api/batches/{id}", batches::showApi);
    r.post("/api/batches/{id}/replay", batches::replayApi);
    r.get("/api/errors", errors::api);
    r.get("/api/flags", flags::api);
    r.post("/api/flags/{key}", flags::changeApi);
    r.post("/api/flags/history/{version}/restore", flags::restoreApi);
    r.post("/api/replays/preview", replays::previewApi);
    r.get("/api/replays", replays::listApi);
    r.get("/api/replays/{id}", replays::showApi);
    r.post("/api/replays/{id}/{action}", replays::actionApi);
    r.get("/api/results/unroutable", unroutable::api);
    r.post("/api/results/unroutable/resend", unroutable::resendApi);
    r.get("/api/audit", audit::api);
    return new Registration(List.copyOf(r.routes), security.sessions()::size);
  }

  private void get(String path, Handler handler) {
    routes.add(new Route("GET", path));
    config.routes.get(path, bounded(handler));
  }

  private void post(String path, Handler handler) {
    routes.add(new Route("POST", path));
    config.routes.post(path, bounded(handler));
  }

  private Handler bounded(Handler handler) {
    return ctx -> {
      if (!permits.tryAcquire(QUEUE_WAIT_SECONDS, TimeUnit.SECONDS)) {
        ctx.header("Retry-After", "1");
        throw new HttpResponseException(503, "the console is busy; try again in a moment");
      }
      try {
        handler.handle(ctx);
      } finally {
        permits.release();
      }
    };
  }

  /** The OpenAPI 3 document of the JSON API (kept in the repository as openapi.json). */
  private static void openApi(Context ctx) throws IOException {
    try (InputStream in = ConsoleRoutes.class.getResourceAsStream("/openapi.json")) {
      if (in == null) {
        throw new IllegalStateException("openapi.json is missing from the classpath");
      }
      ctx.contentType("application/json").result(in.readAllBytes());
    }
  }
}
