package smap.analytics.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class BackgroundTest {

  private final List<AutoCloseable> resources = new ArrayList<>();
  private final Background background = new Background(resources);

  private void close() throws Exception {
    for (int i = resources.size() - 1; i >= 0; i--) {
      resources.get(i).close();
    }
  }

  @Test
  void aWakeUpRunsTheTaskNowInsteadOfAtTheEndOfItsPeriod() throws Exception {
    LinkedBlockingQueue<Long> runs = new LinkedBlockingQueue<>();
    Runnable wake =
        background.whenWoken(
            "test-loop", Duration.ZERO, Duration.ofHours(1), () -> runs.add(System.nanoTime()));
    assertThat(runs.poll(5, TimeUnit.SECONDS))
        .as("the first run, after the initial delay")
        .isNotNull();

    long woken = System.nanoTime();
    wake.run();
    Long run = runs.poll(5, TimeUnit.SECONDS);

    assertThat(run).as("a run after the wake-up, well before the hour").isNotNull();
    assertThat(Duration.ofNanos(run - woken)).isLessThan(Duration.ofSeconds(1));
    close();
  }

  @Test
  void wakeUpsDuringARunMakeOneMoreRunAndClosingLetsTheRunFinish() throws Exception {
    LinkedBlockingQueue<Integer> runs = new LinkedBlockingQueue<>();
    CountDownLatch inFirstRun = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean interrupted = new AtomicBoolean();
    Runnable wake =
        background.whenWoken(
            "test-loop",
            Duration.ZERO,
            Duration.ofHours(1),
            () -> {
              if (runs.isEmpty() && inFirstRun.getCount() > 0) {
                inFirstRun.countDown();
                try {
                  release.await();
                } catch (InterruptedException e) {
                  interrupted.set(true);
                }
              }
              runs.add(runs.size() + 1);
            });
    assertThat(inFirstRun.await(5, TimeUnit.SECONDS)).isTrue();
    for (int i = 0; i < 100; i++) {
      wake.run();
    }
    release.countDown();

    assertThat(runs.poll(5, TimeUnit.SECONDS)).isEqualTo(1);
    assertThat(runs.poll(5, TimeUnit.SECONDS)).as("one run for the burst of wake-ups").isEqualTo(2);
    assertThat(runs.poll(500, TimeUnit.MILLISECONDS)).as("and no more").isNull();
    close();
    assertThat(interrupted).isFalse();
  }
}
