package smap.analytics.adapter.web.console;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.http.SameSite;
import io.javalin.http.UnauthorizedResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import smap.analytics.application.port.in.console.AuditTrailUseCase;

/**
 * Sign-in, sessions, CSRF and security headers. Browser pages need a session cookie; the JSON API
 * also accepts HTTP Basic for scripts. Every state-changing request with a cookie session must
 * carry the session's CSRF token (header {@code X-CSRF-Token}, which htmx sends, or form field
 * {@code _csrf}). The sign-in form keeps no server state: its CSRF token is an HMAC of a random
 * value held in a short-lived cookie.
 */
final class ConsoleSecurity {

  static final String COOKIE = "smap_session";
  static final String LOGIN_COOKIE = "smap_login";

  /** Sent by htmx on background polling (hx-headers of the polling element). */
  static final String POLL_HEADER = "X-Console-Poll";

  static final String CSP =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none';"
          + " base-uri 'none'; frame-ancestors 'none'; form-action 'self'";
  static final int MAX_AUTHORIZATION_CHARS = 1024;
  private static final Set<String> PUBLIC =
      Set.of("/login", "/healthz", "/readyz", "/metrics", "/api/openapi.json");

  private final Sessions sessions;
  private final SignInGuard guard;
  private final boolean secureCookies;
  private final SecretKeySpec loginKey;

  ConsoleSecurity(
      Map<String, ConsoleUser> users,
      boolean secureCookies,
      ConsoleOptions options,
      AuditTrailUseCase audit,
      Clock clock) {
    this.secureCookies = secureCookies;
    this.sessions =
        new Sessions(clock, options.idleTimeout(), options.maxLifetime(), options.maxSessions());
    this.guard =
        new SignInGuard(
            users,
            new LoginThrottle(
                clock,
                options.maxFailuresPerUser(),
                options.maxFailuresPerAddress(),
                options.lockout()),
            audit,
            clock);
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    this.loginKey = new SecretKeySpec(key, "HmacSHA256");
  }

  Sessions sessions() {
    return sessions;
  }

  SignInGuard guard() {
    return guard;
  }

  private void headers(Context ctx) {
    ctx.header("Content-Security-Policy", CSP);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("Referrer-Policy", "no-referrer");
    if (secureCookies) {
      ctx.header("Strict-Transport-Security", "max-age=31536000");
    }
  }

  private static boolean staticFile(String path) {
    return path.startsWith("/webjars/") || path.startsWith("/console/");
  }

  /** Before every request: who is it, and may they do this. */
  void authenticate(Context ctx) {
    headers(ctx);
    String path = ctx.path();
    if (staticFile(path)) {
      return;
    }
    // Pages, fragments and API answers carry user data and tokens: never cached anywhere.
    ctx.header("Cache-Control", "no-store");
    if (PUBLIC.contains(path)) {
      return;
    }
    boolean api = path.startsWith("/api/");
    Optional<Sessions.Session> session = sessions.find(ctx.cookie(COOKIE), !background(ctx));
    if (session.isPresent()) {
      ctx.attribute(ConsoleSupport.USER, session.get().user());
      ctx.attribute(ConsoleSupport.SESSION, session.get());
      if (changesState(ctx) && !csrfMatches(ctx, session.get().csrf())) {
        throw new ForbiddenResponse("missing or wrong CSRF token");
      }
      return;
    }
    if (api) {
      ctx.attribute(ConsoleSupport.USER, basic(ctx));
      return;
    }
    if (ConsoleSupport.htmx(ctx)) {
      ctx.header("HX-Redirect", "/login");
      throw new UnauthorizedResponse("session expired");
    }
    ctx.redirect("/login?next=" + java.net.URLEncoder.encode(ctx.path(), StandardCharsets.UTF_8));
    ctx.skipRemainingHandlers();
  }

  /** Background polling must not keep a session alive. */
  static boolean background(Context ctx) {
    return "1".equals(ctx.header(POLL_HEADER));
  }

  private static boolean changesState(Context ctx) {
    HandlerType method = ctx.method();
    return method == HandlerType.POST
        || method == HandlerType.PUT
        || method == HandlerType.PATCH
        || method == HandlerType.DELETE;
  }

  static boolean csrfMatches(Context ctx, String expected) {
    String token = ctx.header("X-CSRF-Token");
    if (token == null) {
      token = ctx.formParam("_csrf");
    }
    return token != null
        && expected != null
        && MessageDigest.isEqual(
            token.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
  }

  /** The user of an HTTP Basic request, or an exception with 400, 401 or 429. */
  private ConsoleUser basic(Context ctx) {
    String header = ctx.header("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      ctx.header("WWW-Authenticate", "Basic realm=\"smap-analytics\", charset=\"UTF-8\"");
      throw new UnauthorizedResponse(
          "sign in: HTTP Basic with a console user, or the console's session cookie");
    }
    SignInGuard.Outcome outcome;
    if (header.length() > MAX_AUTHORIZATION_CHARS) {
      outcome =
          guard.malformed(
              "the Authorization header is longer than " + MAX_AUTHORIZATION_CHARS + " characters",
              ctx.ip(),
              "basic");
    } else {
      outcome = basicCredentials(header.substring(6).strip(), ctx.ip());
    }
    return switch (outcome) {
      case SignInGuard.Accepted accepted -> accepted.user();
      case SignInGuard.Refused refused -> throw refusal(ctx, refused);
    };
  }

  private SignInGuard.Outcome basicCredentials(String encoded, String address) {
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      decoded = null;
    }
    int colon = decoded == null ? -1 : decoded.indexOf(':');
    if (colon < 0) {
      return guard.malformed(
          "Authorization: Basic must carry name:password in base64", address, "basic");
    }
    return guard.attempt(
        decoded.substring(0, colon), decoded.substring(colon + 1), address, "basic");
  }

  private static HttpResponseException refusal(Context ctx, SignInGuard.Refused refused) {
    return switch (refused.status()) {
      case 400 -> new BadRequestResponse(refused.message());
      case 429 -> {
        ctx.header("Retry-After", Long.toString(refused.retryAfterSeconds()));
        yield new HttpResponseException(429, refused.message());
      }
      default -> {
        ctx.header("WWW-Authenticate", "Basic realm=\"smap-analytics\", charset=\"UTF-8\"");
        yield new UnauthorizedResponse(refused.message());
      }
    };
  }

  /**
   * The sign-in form's token: the HMAC of a random value held in a cookie. The browser's value is
   * kept when it has one, so two sign-in pages loading at once (a tab and a favicon redirect) do
   * not invalidate each other's form.
   */
  String loginToken(Context ctx) {
    String nonce = ctx.cookie(LOGIN_COOKIE);
    if (!wellFormed(nonce)) {
      nonce = Sessions.token();
    }
    Cookie cookie = cookie(LOGIN_COOKIE, nonce);
    cookie.setMaxAge(3600);
    ctx.cookie(cookie);
    return mac(nonce);
  }

  private static boolean wellFormed(String nonce) {
    return nonce != null
        && nonce.length() == 64
        && nonce.chars().allMatch(c -> Character.digit(c, 16) >= 0);
  }

  /** Whether the form's token matches the HMAC of the sign-in cookie. */
  boolean loginTokenMatches(Context ctx) {
    String nonce = ctx.cookie(LOGIN_COOKIE);
    return wellFormed(nonce) && csrfMatches(ctx, mac(nonce));
  }

  private String mac(String nonce) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(loginKey);
      return HexFormat.of().formatHex(mac.doFinal(nonce.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Signs the user in: a new session id, the previous session (if any) ended. */
  void signIn(Context ctx, ConsoleUser user) {
    sessions.logout(ctx.cookie(COOKIE));
    Sessions.Session session = sessions.login(user);
    ctx.cookie(cookie(COOKIE, session.id()));
    ctx.removeCookie(LOGIN_COOKIE, "/");
  }

  void signOut(Context ctx) {
    sessions.logout(ctx.cookie(COOKIE));
    ctx.removeCookie(COOKIE, "/");
  }

  private Cookie cookie(String name, String value) {
    Cookie cookie = new Cookie(name, value);
    cookie.setPath("/");
    cookie.setHttpOnly(true);
    cookie.setSecure(secureCookies);
    cookie.setSameSite(SameSite.STRICT);
    return cookie;
  }
}
