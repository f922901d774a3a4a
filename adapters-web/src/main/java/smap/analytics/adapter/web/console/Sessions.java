package smap.analytics.adapter.web.console;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Optional;

/**
 * Server-side sessions of signed-in users only (the sign-in form keeps no state here): a random id
 * in an HttpOnly, SameSite=Strict cookie maps to the user and a CSRF token. A session ends after
 * {@code idleTimeout} without a request a person made, {@code maxLifetime} after sign-in, or at
 * sign-out; at most {@code maxSessions} are kept (the least recently used goes first) and expired
 * ones are swept at least once a minute.
 */
final class Sessions {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Duration SWEEP_EVERY = Duration.ofMinutes(1);

  /** One signed-in session. */
  record Session(String id, ConsoleUser user, String csrf, Instant created, Instant lastUsed) {}

  /** Access order: the first entry is the least recently used. Guarded by {@code this}. */
  private final LinkedHashMap<String, Session> sessions = new LinkedHashMap<>(64, 0.75f, true);

  private final Clock clock;
  private final Duration idleTimeout;
  private final Duration maxLifetime;
  private final int maxSessions;
  private Instant lastSweep;

  Sessions(Clock clock, Duration idleTimeout, Duration maxLifetime, int maxSessions) {
    this.clock = clock;
    this.idleTimeout = idleTimeout;
    this.maxLifetime = maxLifetime;
    this.maxSessions = maxSessions;
    this.lastSweep = clock.instant();
  }

  static String token() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /** A new session for the user (always a new id: no session fixation). */
  synchronized Session login(ConsoleUser user) {
    Instant now = clock.instant();
    sweep(now);
    while (sessions.size() >= maxSessions) {
      Iterator<String> eldest = sessions.keySet().iterator();
      eldest.next();
      eldest.remove();
    }
    Session session = new Session(token(), user, token(), now, now);
    sessions.put(session.id(), session);
    return session;
  }

  /**
   * The live session of {@code id}. {@code touch} is false for background requests (htmx polling),
   * which must not keep an unattended page signed in.
   */
  synchronized Optional<Session> find(String id, boolean touch) {
    Instant now = clock.instant();
    if (Duration.between(lastSweep, now).compareTo(SWEEP_EVERY) >= 0) {
      sweep(now);
    }
    if (id == null) {
      return Optional.empty();
    }
    Session session = sessions.get(id);
    if (session == null) {
      return Optional.empty();
    }
    if (expired(session, now)) {
      sessions.remove(id);
      return Optional.empty();
    }
    if (!touch) {
      return Optional.of(session);
    }
    Session touched =
        new Session(session.id(), session.user(), session.csrf(), session.created(), now);
    sessions.put(id, touched);
    return Optional.of(touched);
  }

  private boolean expired(Session session, Instant now) {
    return session.lastUsed().plus(idleTimeout).isBefore(now)
        || session.created().plus(maxLifetime).isBefore(now);
  }

  private void sweep(Instant now) {
    lastSweep = now;
    sessions.values().removeIf(s -> expired(s, now));
  }

  synchronized void logout(String id) {
    if (id != null) {
      sessions.remove(id);
    }
  }

  /** Sessions held now (expired ones count until they are swept). */
  synchronized int size() {
    return sessions.size();
  }
}
