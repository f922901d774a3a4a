package smap.analytics.application.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import smap.analytics.application.port.in.CheckReadinessUseCase;
import smap.analytics.application.port.out.DependencyProbePort;

/**
 * Service: readiness for /readyz. Once started, every dependency is probed in the background with a
 * short timeout and {@link #check} only reads the last results and their age, so it answers at once
 * whatever the dependencies do. A probe that does not answer in time counts as down; a blocker (a
 * stalled consumer) makes the instance not ready; warnings never do.
 */
public final class CheckReadinessService implements CheckReadinessUseCase, AutoCloseable {

  private final List<DependencyProbePort> probes;
  private final Supplier<List<String>> warnings;
  private final Supplier<List<String>> blockers;
  private final Map<String, Result> last = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<?>> running = new ConcurrentHashMap<>();
  // When each dependency's probe in flight started: it is overdue a timeout after that.
  private final Map<String, Long> startedAt = new ConcurrentHashMap<>();
  private ScheduledExecutorService scheduler;
  private Duration timeout = Duration.ofMillis(800);

  public CheckReadinessService(List<DependencyProbePort> probes, Supplier<List<String>> warnings) {
    this(probes, warnings, List::of);
  }

  /**
   * @param blockers reasons why this instance cannot do its work although its dependencies answer
   *     (for example a consumer that makes no progress); any makes it not ready
   */
  public CheckReadinessService(
      List<DependencyProbePort> probes,
      Supplier<List<String>> warnings,
      Supplier<List<String>> blockers) {
    this.probes = List.copyOf(probes);
    this.warnings = warnings;
    this.blockers = blockers;
  }

  /** Probes every {@code interval} in the background, each allowed {@code timeout}. */
  public synchronized CheckReadinessService start(Duration interval, Duration timeout) {
    this.timeout = timeout;
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "readiness-probes");
              t.setDaemon(true);
              return t;
            });
    scheduler.scheduleWithFixedDelay(this::probeAll, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  /**
   * Starts one probe per dependency unless its previous one still runs; waits up to the timeout.
   */
  private void probeAll() {
    List<CompletableFuture<?>> started = new ArrayList<>();
    for (DependencyProbePort probe : probes) {
      CompletableFuture<?> previous = running.get(probe.name());
      if (previous != null && !previous.isDone()) {
        continue;
      }
      long begun = System.nanoTime();
      startedAt.put(probe.name(), begun);
      CompletableFuture<?> future =
          CompletableFuture.runAsync(
              () -> last.put(probe.name(), new Result(probe.probe(), System.nanoTime(), true)),
              command -> Thread.ofVirtual().name("probe-" + probe.name()).start(command));
      running.put(probe.name(), future);
      started.add(future);
      last.putIfAbsent(probe.name(), Result.pending(begun));
    }
    try {
      CompletableFuture.allOf(started.toArray(CompletableFuture[]::new))
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception stillRunning) {
      // reported below as "no answer"
    }
  }

  @Override
  public Readiness check() {
    if (scheduler == null) {
      probeAll();
    }
    long now = System.nanoTime();
    List<Dependency> dependencies = new ArrayList<>();
    boolean ready = true;
    for (DependencyProbePort probe : probes) {
      CompletableFuture<?> pending = running.get(probe.name());
      Result result = last.get(probe.name());
      Dependency dependency;
      if (pending != null && !pending.isDone() && result != null) {
        // Measured from the probe's own start: the last result's age also counts the interval
        // between probes, which made a probe a few milliseconds old look overdue.
        long waiting =
            Duration.ofNanos(now - startedAt.getOrDefault(probe.name(), result.at())).toMillis();
        boolean overdue = waiting > timeout.toMillis();
        dependency =
            overdue
                ? new Dependency(
                    probe.name(),
                    false,
                    "no answer for "
                        + seconds(waiting)
                        + " (probe timeout "
                        + timeout.toMillis()
                        + " ms)")
                : describe(probe.name(), result, now);
      } else {
        dependency =
            result == null
                ? Dependency.notProbedYet(probe.name())
                : describe(probe.name(), result, now);
      }
      dependencies.add(dependency);
      ready &= dependency.up();
    }
    List<String> blocked = blockers.get();
    return new Readiness(ready && blocked.isEmpty(), dependencies, warnings.get(), blocked);
  }

  private static Dependency describe(String name, Result result, long now) {
    if (!result.answered()) {
      return Dependency.notProbedYet(name);
    }
    long age = Duration.ofNanos(now - result.at()).toMillis();
    return new Dependency(
        name, result.probe().up(), result.probe().detail() + " (" + seconds(age) + " ago)");
  }

  private static String seconds(long millis) {
    return String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
  }

  @Override
  public synchronized void close() {
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
  }

  /** A probe's answer and when it came; {@code answered} false while the first one is awaited. */
  private record Result(DependencyProbePort.Probe probe, long at, boolean answered) {
    static Result pending(long since) {
      return new Result(new DependencyProbePort.Probe(false, "not probed yet"), since, false);
    }
  }
}
