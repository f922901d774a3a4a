package smap.analytics.domain.delivery;

import java.time.Duration;
import java.util.Objects;

/**
 * Value: exponential backoff with jitter, the one rule of every retry pause (consumer and outbox
 * relay). Retry {@code n} waits {@code initial × 2^(n-1)}, at most {@code max}, shortened by a
 * random share of up to {@code jitter} so that instances coming back from one outage spread out.
 *
 * @param initial pause after the first failure
 * @param max upper bound of every pause (jitter only ever shortens it)
 * @param jitter share of the pause that is random, 0 (none) to below 1
 */
public record Backoff(Duration initial, Duration max, double jitter) {

  /** The share of each pause that is random by default. */
  public static final double DEFAULT_JITTER = 0.2;

  public Backoff {
    Objects.requireNonNull(initial, "initial");
    Objects.requireNonNull(max, "max");
    if (initial.isNegative() || initial.isZero()) {
      throw new IllegalArgumentException("initial must be positive, got " + initial);
    }
    if (max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("max " + max + " is below initial " + initial);
    }
    if (!(jitter >= 0 && jitter < 1)) {
      throw new IllegalArgumentException("jitter must be in [0, 1), got " + jitter);
    }
  }

  /** {@code initial} doubling to {@code max}, with {@link #DEFAULT_JITTER}. */
  public static Backoff exponential(Duration initial, Duration max) {
    return new Backoff(initial, max, DEFAULT_JITTER);
  }

  /** The pause before retry {@code attempt} (1-based) without jitter: the upper bound. */
  public Duration ceiling(int attempt) {
    long millis = initial.toMillis();
    long cap = max.toMillis();
    for (int i = 1; i < attempt && millis < cap; i++) {
      millis *= 2;
    }
    return Duration.ofMillis(Math.min(millis, cap));
  }

  /**
   * The pause before retry {@code attempt} (1-based) with jitter: {@link #ceiling} shortened by
   * {@code jitter × random} of itself.
   *
   * @param random a number in [0, 1), e.g. {@code ThreadLocalRandom.current().nextDouble()}
   */
  public Duration delay(int attempt, double random) {
    if (!(random >= 0 && random < 1)) {
      throw new IllegalArgumentException("random must be in [0, 1), got " + random);
    }
    long ceiling = ceiling(attempt).toMillis();
    return Duration.ofMillis(Math.round(ceiling * (1 - jitter * random)));
  }
}
