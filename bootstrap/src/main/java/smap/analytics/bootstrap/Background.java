package smap.analytics.bootstrap;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
        () -> run(name, task), initial.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    return loop;
  }

  /**
   * Runs {@code task} after {@code initial}, then as soon as the returned wake-up is called, and at
   * the latest {@code period} after each run ended. Wake-ups that come during a run make one more
   * run after it, so a burst of them costs one run, not one each. A run that throws is logged, as
   * in {@link #every}. Closing lets a run under way finish.
   */
  Runnable whenWoken(String name, Duration initial, Duration period, Runnable task) {
    Semaphore wake = new Semaphore(0);
    AtomicBoolean closing = new AtomicBoolean();
    Thread loop =
        Thread.ofPlatform()
            .name(name)
            .daemon()
            .start(
                () -> {
                  try {
                    wake.tryAcquire(initial.toMillis(), TimeUnit.MILLISECONDS);
                    while (!closing.get()) {
                      run(name, task);
                      wake.tryAcquire(period.toMillis(), TimeUnit.MILLISECONDS);
                      wake.drainPermits();
                    }
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                });
    resources.add(
        () -> {
          closing.set(true);
          wake.release();
          loop.join(10_000);
        });
    return () -> {
      if (wake.availablePermits() == 0) {
        wake.release();
      }
    };
  }

  private static void run(String name, Runnable task) {
    try {
      task.run();
    } catch (RuntimeException e) {
      LOG.warn("{}: {}", name, e.toString());
    }
  }
}
