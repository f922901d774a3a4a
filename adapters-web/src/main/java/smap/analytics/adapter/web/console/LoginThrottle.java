package smap.analytics.adapter.web.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Counts failed sign-ins per user name and per client address. After {@code maxPerUser} failures of
 * one name, or {@code maxPerAddress} from one address, within {@code lockout}, that key is locked
 * for {@code lockout}: attempts are refused before any password is checked. Unknown names are
 * counted like real ones. At most {@link #MAX_KEYS} keys are remembered (least recently used
 * forgotten first), so a spray of names cannot grow memory.
 */
final class LoginThrottle {

  static final int MAX_KEYS = 10_000;

  private record Failures(int count, Instant first, Instant lockedUntil) {}

  private final Map<String, Failures> failures =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
          return size() > MAX_KEYS;
        }
      };

  private final Clock clock;
  private final int maxPerUser;
  private final int maxPerAddress;
  private final Duration lockout;

  LoginThrottle(Clock clock, int maxPerUser, int maxPerAddress, Duration lockout) {
    this.clock = clock;
    this.maxPerUser = maxPerUser;
    this.maxPerAddress = maxPerAddress;
    this.lockout = lockout;
  }

  private static String userKey(String user) {
    return "u:" + user.toLowerCase(Locale.ROOT);
  }

  private static String addressKey(String address) {
    return "a:" + address;
  }

  /** Seconds until a locked name or address may try again; 0 when neither is locked. */
  synchronized long retryAfterSeconds(String user, String address) {
    Instant now = clock.instant();
    return Math.max(lockedFor(userKey(user), now), lockedFor(addressKey(address), now));
  }

  private long lockedFor(String key, Instant now) {
    Failures f = failures.get(key);
    if (f == null || f.lockedUntil() == null) {
      return 0;
    }
    if (!f.lockedUntil().isAfter(now)) {
      failures.remove(key);
      return 0;
    }
    long millis = Duration.between(now, f.lockedUntil()).toMillis();
    return Math.max(1, (millis + 999) / 1000);
  }

  /** One failed attempt of {@code user} from {@code address}. */
  synchronized void failed(String user, String address) {
    Instant now = clock.instant();
    count(userKey(user), maxPerUser, now);
    count(addressKey(address), maxPerAddress, now);
  }

  private void count(String key, int max, Instant now) {
    Failures f = failures.get(key);
    if (f == null || f.first().plus(lockout).isBefore(now)) {
      f = new Failures(0, now, null);
    }
    int count = f.count() + 1;
    failures.put(key, new Failures(count, f.first(), count >= max ? now.plus(lockout) : null));
  }

  /** A successful sign-in forgets the name's failures (not the address's). */
  synchronized void succeeded(String user) {
    failures.remove(userKey(user));
  }
}
