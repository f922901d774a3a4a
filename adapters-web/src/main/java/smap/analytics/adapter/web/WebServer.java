package smap.analytics.adapter.web;

import io.javalin.Javalin;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import smap.analytics.adapter.web.console.ConsoleRoutes;
import smap.analytics.adapter.web.console.ConsoleUseCases;

/**
 * Adapter: the HTTP server. Serves the operations endpoints in every mode; everything is declared
 * inside {@code Javalin.create} (Javalin 7's upfront configuration).
 */
public final class WebServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);

  private final Javalin app;
  private final ConsoleRoutes.Registration console;

  private WebServer(Javalin app, ConsoleRoutes.Registration console) {
    this.app = app;
    this.console = console;
  }

  /** Starts on {@code port} (0 picks a free one), without the console. */
  public static WebServer start(int port, OpsHandlers ops) {
    return start(port, ops, null);
  }

  /**
   * Starts on {@code port} with the console when {@code console} is not null (serve and console
   * modes); {@code consume} passes null and serves only the operations endpoints.
   */
  public static WebServer start(int port, OpsHandlers ops, ConsoleUseCases console) {
    return start(port, ops, console, Clock.systemUTC());
  }

  /** As above, with the clock the console's sessions and sign-in locks run on (tests move it). */
  public static WebServer start(int port, OpsHandlers ops, ConsoleUseCases console, Clock clock) {
    ConsoleRoutes.Registration[] registration = new ConsoleRoutes.Registration[1];
    Javalin app =
        Javalin.create(
            config -> {
              config.routes.get("/healthz", ops::health);
              config.routes.get("/readyz", ops::ready);
              config.routes.get("/metrics", ops::metrics);
              if (console != null) {
                registration[0] = ConsoleRoutes.register(config, console, clock);
              }
              config.routes.exception(
                  io.javalin.http.HttpResponseException.class,
                  (e, ctx) -> {
                    ctx.status(e.getStatus());
                    if (ctx.path().startsWith("/api/")) {
                      ctx.json(Map.of("error", e.getMessage()));
                    } else {
                      ctx.contentType("text/plain; charset=utf-8")
                          .result(e.getStatus() + ": " + e.getMessage());
                    }
                  });
              config.routes.exception(
                  Exception.class,
                  (e, ctx) -> {
                    String busy = busy(e);
                    if (busy != null) {
                      LOG.warn("{} {}: {}", ctx.method(), ctx.path(), busy);
                      ctx.status(503).header("Retry-After", "5").json(Map.of("error", busy));
                      return;
                    }
                    LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
                    ctx.status(500)
                        .json(Map.of("error", "internal error: " + e.getClass().getSimpleName()));
                  });
            });
    app.start("0.0.0.0", port);
    return new WebServer(app, registration[0]);
  }

  /**
   * Why the database could not serve a request in time, when that is what {@code e} is about (no
   * free connection in the console's pool, or the statement timeout cancelled the query); null
   * otherwise. Those are a busy console (503), not a bug (500).
   */
  static String busy(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.sql.SQLTransientConnectionException) {
        return "the console is busy (no free database connection); try again in a moment";
      }
      if (t instanceof java.sql.SQLException sql && "57014".equals(sql.getSQLState())) {
        return "the query took longer than the console's statement timeout; choose a narrower"
            + " window or filter";
      }
    }
    return null;
  }

  /** The console's routes and session count; null without the console. */
  public ConsoleRoutes.Registration console() {
    return console;
  }

  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    app.stop();
  }
}
