package smap.analytics.application.port.in;

import java.time.Duration;
import java.util.Optional;

/**
 * Part of the inbound contract: the deadline of the batch the current thread works on ({@code
 * BATCH_TIMEOUT_SECONDS}). The consumer that gives up on a batch at its deadline {@link #start
 * starts} one around the use case; adapters that can block (a database statement waiting on a lock,
 * an object read that trickles) bound their waits by {@link #remaining} and stop once it has {@link
 * #passed}, so an abandoned batch rolls back and frees its locks instead of finishing behind the
 * retry's back.
 */
public final class BatchDeadline implements AutoCloseable {

  private static final ThreadLocal<Long> AT = new ThreadLocal<>();

  private final Long previous;

  private BatchDeadline(Long previous) {
    this.previous = previous;
  }

  /** Sets the current thread's deadline {@code within} from now, until {@link #close}. */
  public static BatchDeadline start(Duration within) {
    BatchDeadline scope = new BatchDeadline(AT.get());
    AT.set(System.nanoTime() + within.toNanos());
    return scope;
  }

  /** Time left before the current thread's deadline; empty when it has none. */
  public static Optional<Duration> remaining() {
    Long at = AT.get();
    return at == null ? Optional.empty() : Optional.of(Duration.ofNanos(at - System.nanoTime()));
  }

  /**
   * True when the batch of this thread must stop: its deadline passed, or the thread was
   * interrupted (the consumer cancels an abandoned batch).
   */
  public static boolean passed() {
    return Thread.currentThread().isInterrupted()
        || remaining().map(left -> left.isNegative() || left.isZero()).orElse(false);
  }

  @Override
  public void close() {
    if (previous == null) {
      AT.remove();
    } else {
      AT.set(previous);
    }
  }
}
