package smap.analytics.adapter.web.console;

import io.javalin.config.JavalinConfig;
import io.javalin.http.staticfiles.Location;
import java.time.Clock;

/** Registers the console: security first, then one handler class per screen and its JSON API. */
public final class ConsoleRoutes {

  private ConsoleRoutes() {}

  public static void register(JavalinConfig config, ConsoleUseCases console, Clock clock) {
    ConsoleSecurity security = new ConsoleSecurity(console.users(), console.secureCookies(), clock);
    LoginHandler login = new LoginHandler(security, console.audit(), clock);
    OverviewHandler overview = new OverviewHandler(console.overview());
    BatchesHandler batches = new BatchesHandler(console.batches(), console.replay());
    ErrorsHandler errors = new ErrorsHandler(console.errors(), clock);
    FlagsHandler flags = new FlagsHandler(console.flags());
    AuditHandler audit = new AuditHandler(console.audit());
    ReplaysHandler replays = new ReplaysHandler(console.replays());

    config.staticFiles.enableWebjars();
    config.staticFiles.add(
        files -> {
          files.hostedPath = "/console";
          files.directory = "/console";
          files.location = Location.CLASSPATH;
        });
    config.routes.before(security::authenticate);
    config.routes.get("/login", login::form);
    config.routes.post("/login", login::submit);
    config.routes.post("/logout", login::logout);
    config.routes.get("/", overview::page);
    config.routes.get("/batches", batches::list);
    config.routes.get("/batches/{id}", batches::show);
    config.routes.post("/batches/{id}/replay", batches::replay);
    config.routes.get("/errors", errors::page);
    config.routes.get("/errors.csv", errors::csv);
    config.routes.get("/flags", flags::page);
    config.routes.post("/flags/{key}", flags::change);
    config.routes.post("/replays/preview", replays::preview);
    config.routes.get("/replays", replays::list);
    config.routes.get("/replays/{id}", replays::show);
    config.routes.post("/replays/{id}/{action}", replays::action);
    config.routes.post("/api/replays/preview", replays::previewApi);
    config.routes.get("/api/replays", replays::listApi);
    config.routes.get("/api/replays/{id}", replays::showApi);
    config.routes.post("/api/replays/{id}/{action}", replays::actionApi);
    config.routes.get("/audit", audit::page);
    config.routes.get("/audit.csv", audit::csv);
    config.routes.get("/api/overview", overview::api);
    config.routes.get("/api/batches", batches::listApi);
    config.routes.get("/api/batches/{id}", batches::showApi);
    config.routes.post("/api/batches/{id}/replay", batches::replayApi);
    config.routes.get("/api/errors", errors::api);
    config.routes.get("/api/flags", flags::api);
    config.routes.post("/api/flags/{key}", flags::changeApi);
    config.routes.get("/api/audit", audit::api);
  }
}
