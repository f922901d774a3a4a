package smap.analytics.adapter.web.console;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import smap.analytics.application.port.in.console.AuditTrailUseCase;
import smap.analytics.domain.audit.AuditEntry;

/**
 * Checks a name and password, for the sign-in form and HTTP Basic alike: odd input is refused with
 * a message (400), a locked name or address is refused before bcrypt runs (429 with the seconds to
 * wait), an unknown name is checked against a dummy hash of the same cost as the real ones (same
 * path, same time), and every failure is audited with its reason.
 */
final class SignInGuard {

  static final int MAX_NAME_CHARS = 64;
  static final int MAX_PASSWORD_BYTES = 72;

  /** What an attempt came to. */
  sealed interface Outcome {}

  /** The user signed in. */
  record Accepted(ConsoleUser user) implements Outcome {}

  /**
   * Refused with HTTP {@code status} (400, 401 or 429) and a message the client may see; {@code
   * retryAfterSeconds} is set for 429.
   */
  record Refused(int status, String message, long retryAfterSeconds) implements Outcome {}

  private final Map<String, ConsoleUser> users;
  private final ConsoleUser dummy;
  private final LoginThrottle throttle;
  private final AuditTrailUseCase audit;
  private final Clock clock;

  SignInGuard(
      Map<String, ConsoleUser> users,
      LoginThrottle throttle,
      AuditTrailUseCase audit,
      Clock clock) {
    this.users = users;
    this.throttle = throttle;
    this.audit = audit;
    this.clock = clock;
    int cost = users.values().stream().mapToInt(u -> cost(u.passwordHash())).max().orElse(10);
    this.dummy =
        new ConsoleUser(
            "(unknown)", ConsoleUser.Role.VIEWER, ConsoleUser.hash(Sessions.token(), cost));
  }

  /** The cost factor of a bcrypt hash ($2a$10$...), 10 when it cannot be read. */
  static int cost(String hash) {
    try {
      return Integer.parseInt(hash.substring(4, 6));
    } catch (RuntimeException e) {
      return 10;
    }
  }

  /** One attempt; {@code via} is "form" or "basic". */
  Outcome attempt(String name, String password, String address, String via) {
    String actor = printable(name == null ? "" : name.strip());
    long wait = throttle.retryAfterSeconds(actor, address);
    if (wait > 0) {
      record(
          actor, "throttled", "too many failed sign-ins; retry after " + wait + " s", address, via);
      return new Refused(429, "Too many failed sign-ins. Try again in " + wait + " seconds.", wait);
    }
    String problem = problem(name, password);
    if (problem != null) {
      throttle.failed(actor, address);
      record(actor, "denied", "bad input: " + problem, address, via);
      return new Refused(400, problem, 0);
    }
    ConsoleUser user = users.get(name.strip());
    boolean verified = (user == null ? dummy : user).accepts(password);
    if (user == null || !verified) {
      throttle.failed(actor, address);
      record(actor, "denied", user == null ? "unknown user" : "wrong password", address, via);
      return new Refused(401, "Unknown user or wrong password.", 0);
    }
    throttle.succeeded(actor);
    if (via.equals("form")) {
      record(actor, "ok", null, address, via);
    }
    return new Accepted(user);
  }

  /** Refuses a request that never got as far as a name and password (e.g. a bad header). */
  Refused malformed(String problem, String address, String via) {
    long wait = throttle.retryAfterSeconds("(none)", address);
    if (wait > 0) {
      record(
          "(none)",
          "throttled",
          "too many failed sign-ins; retry after " + wait + " s",
          address,
          via);
      return new Refused(429, "Too many failed sign-ins. Try again in " + wait + " seconds.", wait);
    }
    throttle.failed("(none)", address);
    record("(none)", "denied", "bad input: " + problem, address, via);
    return new Refused(400, problem, 0);
  }

  /** What is wrong with the input, or null. */
  static String problem(String name, String password) {
    if (name == null || name.isBlank()) {
      return "a user name is required";
    }
    if (name.length() > MAX_NAME_CHARS) {
      return "the user name is longer than " + MAX_NAME_CHARS + " characters";
    }
    if (name.chars().anyMatch(Character::isISOControl)) {
      return "the user name contains a control character";
    }
    if (password == null) {
      return "a password is required";
    }
    if (password.indexOf('\0') >= 0) {
      return "the password contains a NUL character";
    }
    if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
      return "the password is longer than " + MAX_PASSWORD_BYTES + " bytes (bcrypt's limit)";
    }
    return null;
  }

  /** Text safe to store and show: control characters replaced, at most 64 characters. */
  static String printable(String text) {
    StringBuilder out = new StringBuilder();
    text.codePoints()
        .limit(MAX_NAME_CHARS)
        .forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
    return out.isEmpty() ? "(empty)" : out.toString();
  }

  private void record(String actor, String outcome, String reason, String address, String via) {
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("ip", printable(address));
    detail.put("via", via);
    audit.record(
        new AuditEntry(clock.instant(), actor, "login", null, null, reason, outcome, detail));
  }
}
