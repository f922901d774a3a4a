package smap.analytics.adapter.web.console;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HandlerType;
import io.javalin.http.SameSite;
import io.javalin.http.UnauthorizedResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Login, sessions, CSRF and security headers. Browser pages need a session cookie; the JSON API
 * also accepts HTTP Basic for scripts. Every state-changing request with a cookie session must
 * carry the session's CSRF token (header {@code X-CSRF-Token}, which htmx sends, or form field
 * {@code _csrf}).
 */
final class ConsoleSecurity {

  static final String COOKIE = "smap_session";
  static final String CSP =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none';"
          + " base-uri 'none'; frame-ancestors 'none'; form-action 'self'";
  private static final Set<String> PUBLIC = Set.of("/login", "/healthz", "/readyz", "/metrics");

  private final Sessions sessions;
  private final Map<String, ConsoleUser> users;
  private final boolean secureCookies;

  ConsoleSecurity(Map<String, ConsoleUser> users, boolean secureCookies, Clock clock) {
    this.users = users;
    this.secureCookies = secureCookies;
    this.sessions = new Sessions(clock);
  }

  Sessions sessions() {
    return sessions;
  }

  void headers(Context ctx) {
    ctx.header("Content-Security-Policy", CSP);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("Referrer-Policy", "no-referrer");
  }

  /** Before every request: who is it, and may they do this. */
  void authenticate(Context ctx) {
    headers(ctx);
    String path = ctx.path();
    if (PUBLIC.contains(path) || path.startsWith("/webjars/") || path.startsWith("/console/")) {
      return;
    }
    boolean api = path.startsWith("/api/");
    Optional<Sessions.Session> session =
        sessions.find(ctx.cookie(COOKIE)).filter(s -> s.user() != null);
    if (session.isPresent()) {
      ctx.attribute(ConsoleSupport.USER, session.get().user());
      ctx.attribute(ConsoleSupport.SESSION, session.get());
      if (changesState(ctx) && !csrfMatches(ctx, session.get())) {
        throw new ForbiddenResponse("missing or wrong CSRF token");
      }
      return;
    }
    if (api) {
      ConsoleUser user =
          basic(ctx)
              .orElseThrow(
                  () -> new UnauthorizedResponse("sign in: HTTP Basic with a console user"));
      ctx.attribute(ConsoleSupport.USER, user);
      return;
    }
    if (ConsoleSupport.htmx(ctx)) {
      ctx.header("HX-Redirect", "/login");
      throw new UnauthorizedResponse("session expired");
    }
    ctx.redirect("/login?next=" + java.net.URLEncoder.encode(ctx.path(), StandardCharsets.UTF_8));
    ctx.skipRemainingHandlers();
  }

  private static boolean changesState(Context ctx) {
    HandlerType method = ctx.method();
    return method == HandlerType.POST
        || method == HandlerType.PUT
        || method == HandlerType.PATCH
        || method == HandlerType.DELETE;
  }

  static boolean csrfMatches(Context ctx, Sessions.Session session) {
    String token = ctx.header("X-CSRF-Token");
    if (token == null) {
      token = ctx.formParam("_csrf");
    }
    return token != null
        && MessageDigest.isEqual(
            token.getBytes(StandardCharsets.UTF_8),
            session.csrf().getBytes(StandardCharsets.UTF_8));
  }

  private Optional<ConsoleUser> basic(Context ctx) {
    String header = ctx.header("Authorization");
    if (header == null || !header.startsWith("Basic ")) {
      return Optional.empty();
    }
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      return Optional.empty();
    }
    ConsoleUser user = users.get(decoded.substring(0, colon));
    return user != null && user.accepts(decoded.substring(colon + 1))
        ? Optional.of(user)
        : Optional.empty();
  }

  /** A session for the login form (anonymous), reusing the browser's when it has one. */
  Sessions.Session loginSession(Context ctx) {
    Optional<Sessions.Session> existing = sessions.find(ctx.cookie(COOKIE));
    if (existing.isPresent()) {
      return existing.get();
    }
    Sessions.Session session = sessions.anonymous();
    setCookie(ctx, session.id());
    return session;
  }

  Optional<ConsoleUser> check(String name, String password) {
    ConsoleUser user = users.get(name);
    if (user == null) {
      // Spend the same time as a real check, so names cannot be probed by timing.
      ConsoleUser.hash("timing");
      return Optional.empty();
    }
    return user.accepts(password) ? Optional.of(user) : Optional.empty();
  }

  Sessions.Session signIn(Context ctx, Sessions.Session anonymous, ConsoleUser user) {
    Sessions.Session session = sessions.login(anonymous, user);
    setCookie(ctx, session.id());
    return session;
  }

  void signOut(Context ctx) {
    sessions.logout(ctx.cookie(COOKIE));
    ctx.removeCookie(COOKIE, "/");
  }

  private void setCookie(Context ctx, String id) {
    Cookie cookie = new Cookie(COOKIE, id);
    cookie.setPath("/");
    cookie.setHttpOnly(true);
    cookie.setSecure(secureCookies);
    cookie.setSameSite(SameSite.STRICT);
    ctx.cookie(cookie);
  }
}
