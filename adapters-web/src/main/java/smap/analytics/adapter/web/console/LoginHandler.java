package smap.analytics.adapter.web.console;

import io.javalin.http.Context;
import java.net.URI;
import java.net.URISyntaxException;

/** Screen: sign in and out; every attempt is audited (by {@link SignInGuard}). */
final class LoginHandler {

  static final int MAX_NEXT_CHARS = 2048;

  private final ConsoleSecurity security;

  LoginHandler(ConsoleSecurity security) {
    this.security = security;
  }

  void form(Context ctx) {
    render(ctx, null, safeNext(ctx.queryParam("next")));
  }

  private void render(Context ctx, String error, String next) {
    ConsoleSupport.render(
        ctx, "login.jte", new Pages.LoginPage(security.loginToken(ctx), error, next));
  }

  void submit(Context ctx) {
    String next = safeNext(ctx.formParam("next"));
    if (!security.loginTokenMatches(ctx)) {
      ctx.status(403);
      render(ctx, "The form expired; please sign in again.", next);
      return;
    }
    SignInGuard.Outcome outcome =
        security
            .guard()
            .attempt(ctx.formParam("username"), ctx.formParam("password"), ctx.ip(), "form");
    switch (outcome) {
      case SignInGuard.Accepted accepted -> {
        security.signIn(ctx, accepted.user());
        ctx.redirect(next);
      }
      case SignInGuard.Refused refused -> {
        ctx.status(refused.status());
        if (refused.retryAfterSeconds() > 0) {
          ctx.header("Retry-After", Long.toString(refused.retryAfterSeconds()));
        }
        render(ctx, refused.message(), next);
      }
    }
  }

  void logout(Context ctx) {
    security.signOut(ctx);
    ctx.redirect("/login");
  }

  /**
   * Where to go after sign-in: only a path of this site. Anything with a control character
   * (browsers drop TAB and newlines, so {@code /\t/evil.example} would become {@code
   * //evil.example}), a space, a backslash, a non-ASCII character, a scheme or a host, or that
   * starts with {@code //}, goes to {@code /}.
   */
  static String safeNext(String next) {
    if (next == null || next.isEmpty() || next.length() > MAX_NEXT_CHARS) {
      return "/";
    }
    for (int i = 0; i < next.length(); i++) {
      char c = next.charAt(i);
      if (c <= ' ' || c >= 0x7f || c == '\\') {
        return "/";
      }
    }
    if (!next.startsWith("/") || next.startsWith("//")) {
      return "/";
    }
    try {
      URI uri = new URI(next);
      if (uri.getScheme() != null
          || uri.getRawAuthority() != null
          || uri.getRawPath() == null
          || !uri.getRawPath().startsWith("/")
          || uri.getRawPath().startsWith("//")) {
        return "/";
      }
    } catch (URISyntaxException e) {
      return "/";
    }
    return next;
  }
}
