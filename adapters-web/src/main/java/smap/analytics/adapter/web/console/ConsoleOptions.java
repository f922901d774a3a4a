package smap.analytics.adapter.web.console;

import java.time.Duration;

/**
 * The console's security settings: session lifetimes and cap, sign-in throttling, and how many
 * console requests run at once.
 *
 * @param idleTimeout a session ends after this long without a request a person made (background
 *     polling does not count)
 * @param maxLifetime a session ends this long after sign-in, however busy
 * @param maxSessions signed-in sessions kept at most; the least recently used goes first
 * @param maxFailuresPerUser failed sign-ins of one user name before it is locked for {@code
 *     lockout}
 * @param maxFailuresPerAddress failed sign-ins from one client address before it is locked
 * @param lockout how long a lock lasts, and how long a failure is remembered
 * @param maxConcurrentRequests console requests served at once; more are answered 503
 */
public record ConsoleOptions(
    Duration idleTimeout,
    Duration maxLifetime,
    int maxSessions,
    int maxFailuresPerUser,
    int maxFailuresPerAddress,
    Duration lockout,
    int maxConcurrentRequests) {

  public ConsoleOptions {
    if (idleTimeout.isNegative()
        || idleTimeout.isZero()
        || maxLifetime.isNegative()
        || maxLifetime.isZero()) {
      throw new IllegalArgumentException("session timeouts must be positive");
    }
    if (maxSessions < 1
        || maxFailuresPerUser < 1
        || maxFailuresPerAddress < 1
        || maxConcurrentRequests < 1) {
      throw new IllegalArgumentException(
          "session cap, failure limits and concurrency must be >= 1");
    }
    if (lockout.isNegative() || lockout.isZero()) {
      throw new IllegalArgumentException("lockout must be positive");
    }
  }

  /** The defaults of the settings table. */
  public static ConsoleOptions defaults() {
    return new ConsoleOptions(
        Duration.ofMinutes(30), Duration.ofHours(12), 1000, 5, 20, Duration.ofMinutes(5), 16);
  }
}
