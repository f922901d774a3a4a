package smap.analytics.adapter.web.console;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Server-side sessions: a random id in an HttpOnly, SameSite=Strict cookie maps to the user and a
 * CSRF token. Sessions expire after a period without use.
 */
final class Sessions {

  static final Duration IDLE_TIMEOUT = Duration.ofHours(8);
  private static final SecureRandom RANDOM = new SecureRandom();

  /** One session; {@code user} is null until login. */
  record Session(String id, ConsoleUser user, String csrf, Instant lastUsed) {}

  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final Clock clock;

  Sessions(Clock clock) {
    this.clock = clock;
  }

  static String token() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  Session anonymous() {
    Session session = new Session(token(), null, token(), clock.instant());
    sessions.put(session.id(), session);
    return session;
  }

  /** A new session id for the user (the old one is dropped: no session fixation). */
  Session login(Session previous, ConsoleUser user) {
    if (previous != null) {
      sessions.remove(previous.id());
    }
    Session session = new Session(token(), user, token(), clock.instant());
    sessions.put(session.id(), session);
    return session;
  }

  Optional<Session> find(String id) {
    if (id == null) {
      return Optional.empty();
    }
    Session session = sessions.get(id);
    if (session == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    if (session.lastUsed().plus(IDLE_TIMEOUT).isBefore(now)) {
      sessions.remove(id);
      return Optional.empty();
    }
    Session touched = new Session(session.id(), session.user(), session.csrf(), now);
    sessions.put(id, touched);
    return Optional.of(touched);
  }

  void logout(String id) {
    if (id != null) {
      sessions.remove(id);
    }
  }
}
