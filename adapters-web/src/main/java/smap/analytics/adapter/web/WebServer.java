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

  private WebServer(Javalin app) {
    this.app = app;
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
    Javalin app =
        Javalin.create(
            config -> {
              config.routes.get("/healthz", ops::health);
              config.routes.get("/readyz", ops::ready);
              config.routes.get("/metrics", ops::metrics);
              if (console != null) {
                ConsoleRoutes.register(config, console, Clock.systemUTC());
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
                    LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
                    ctx.status(500)
                        .json(Map.of("error", "internal error: " + e.getClass().getSimpleName()));
                  });
            });
    app.start("0.0.0.0", port);
    return new WebServer(app);
  }

  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    app.stop();
  }
}
