package smap.analytics.adapter.amqp;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import smap.analytics.application.port.in.DeliveryOutcome;
import smap.analytics.domain.delivery.Backoff;

/**
 * The consumer's view of an outage: consecutive transient failures, the pause that grows with them,
 * and one log line when the outage starts and one when it ends.
 */
final class ConsumerOutages {

  private static final Logger LOG = LoggerFactory.getLogger(RabbitDeliveryConsumerAdapter.class);

  private final Backoff backoff;
  private final Clock clock;
  private final AtomicInteger streak = new AtomicInteger();
  private volatile long startedAt;

  ConsumerOutages(Backoff backoff, Clock clock) {
    this.backoff = backoff;
    this.clock = clock;
  }

  /**
   * The pause after a transient failure: the longer of the use case's and the one that grows with
   * the consecutive failures of this consumer, so that an outage that fails every delivery before
   * its attempt is counted (the database is down) still backs off. Logged when the outage starts.
   */
  Duration failed(DeliveryOutcome.RetryLater retry) {
    int failures = streak.incrementAndGet();
    Duration grown = backoff.delay(failures, ThreadLocalRandom.current().nextDouble());
    Duration pause = grown.compareTo(retry.pause()) > 0 ? grown : retry.pause();
    if (failures == 1) {
      startedAt = clock.millis();
      LOG.warn(
          "{} unavailable ({}); consumption paused, retrying with a growing pause up to {} ms",
          retry.dependency() == null ? "a dependency" : retry.dependency(),
          retry.reason(),
          backoff.max().toMillis());
    } else {
      LOG.debug("still unavailable ({}); pausing {} ms", retry.reason(), pause.toMillis());
    }
    return pause;
  }

  /** A delivery succeeded: ends an outage, logged once. */
  void recovered() {
    int failures = streak.getAndSet(0);
    if (failures > 0) {
      LOG.info(
          "dependencies back after {} failed deliveries over {} ms; consuming again",
          failures,
          clock.millis() - startedAt);
    }
  }

  /** Consecutive transient failures (0 when the last delivery succeeded). */
  int streak() {
    return streak.get();
  }
}
