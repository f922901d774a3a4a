package smap.analytics.adapter.web.console;

import io.javalin.http.Context;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import smap.analytics.application.port.in.console.AuditTrailUseCase;
import smap.analytics.application.port.out.console.AuditLogPort.AuditEntry;

/** Screen: sign in and out; both are audited. */
final class LoginHandler {

  private final ConsoleSecurity security;
  private final AuditTrailUseCase audit;
  private final Clock clock;

  LoginHandler(ConsoleSecurity security, AuditTrailUseCase audit, Clock clock) {
    this.security = security;
    this.audit = audit;
    this.clock = clock;
  }

  void form(Context ctx) {
    Sessions.Session session = security.loginSession(ctx);
    ConsoleSupport.render(
        ctx,
        "login.jte",
        new Pages.LoginPage(session.csrf(), null, safeNext(ctx.queryParam("next"))));
  }

  void submit(Context ctx) {
    Sessions.Session anonymous = security.loginSession(ctx);
    String next = safeNext(ctx.formParam("next"));
    if (!ConsoleSecurity.csrfMatches(ctx, anonymous)) {
      ctx.status(403);
      ConsoleSupport.render(
          ctx,
          "login.jte",
          new Pages.LoginPage(anonymous.csrf(), "The form expired; please sign in again.", next));
      return;
    }
    String name = ctx.formParam("username") == null ? "" : ctx.formParam("username").strip();
    Optional<ConsoleUser> user = security.check(name, ctx.formParam("password"));
    audit.record(
        new AuditEntry(
            clock.instant(),
            name.isEmpty() ? "(empty)" : name,
            "login",
            null,
            null,
            null,
            user.isPresent() ? "ok" : "denied",
            Map.of("ip", ctx.ip())));
    if (user.isEmpty()) {
      ctx.status(401);
      ConsoleSupport.render(
          ctx,
          "login.jte",
          new Pages.LoginPage(anonymous.csrf(), "Unknown user or wrong password.", next));
      return;
    }
    security.signIn(ctx, anonymous, user.get());
    ctx.redirect(next);
  }

  void logout(Context ctx) {
    security.signOut(ctx);
    ctx.redirect("/login");
  }

  /** Only local paths, so the login form cannot redirect elsewhere. */
  private static String safeNext(String next) {
    return next != null && next.startsWith("/") && !next.startsWith("//") && !next.contains("\\")
        ? next
        : "/";
  }
}
