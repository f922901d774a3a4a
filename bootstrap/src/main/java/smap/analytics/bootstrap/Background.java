package smap.analytics.bootstrap;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Composition root: the runtime's periodic tasks (outbox relay, replay jobs, retention, the
 * operations sampler), each on a daemon thread of its own that the runtime stops when it closes.
 */
final class Background {

  private static final Logger LOG = LoggerFactory.getLogger(Background.class);

  private final List<AutoCloseable> resources;

  /** Threads are stopped, and awaited, through {@code resources} (closed in reverse order). */
  Background(List<AutoCloseable> resources) {
    this.resources = resources;
  }

  /**
   * Runs {@code task} after {@code initial}, then {@code period} after each run ends. A run that
   * throws is logged as a warning and the next run tries again: one failed pass (the database or
   * the broker away) must not end the loop.
   */
  ScheduledExecutorService every(String name, Duration initial, Duration period, Runnable task) {
    ScheduledExecutorService loop =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, name);
              t.setDaemon(true);
              return t;
            });
    resources.add(
        () -> {
          loop.shutdown();
          loop.awaitTermination(10, TimeUnit.SECONDS);
        });
    loop.scheduleWithFixedDelay(
        () -> {
          try {
            task.run();
          } catch (RuntimeException e) {
            LOG.warn("{}: {}", name, e.toString());
          }
        },
        initial.toMillis(),
        period.toMillis(),
        TimeUnit.MILLISECONDS);
    return loop;
  }
}
