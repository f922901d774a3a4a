package smap.analytics.application.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import smap.analytics.application.port.in.PruneRetentionUseCase;
import smap.analytics.application.port.out.RetentionMetricsPort;
import smap.analytics.application.port.out.RetentionPort;
import smap.analytics.domain.retention.RetainedData;

/**
 * Service: the retention job. Removes each kind of data past its retention in small batches (one
 * short statement each, with a pause between them so live traffic keeps the database), under a lock
 * that lets one instance prune at a time, and counts what it removed.
 */
public final class PruneRetentionService implements PruneRetentionUseCase {

  private static final Logger LOG = LoggerFactory.getLogger(PruneRetentionService.class);

  private final RetentionPort retention;
  private final RetentionMetricsPort metrics;
  private final RetentionPolicy policy;
  private final int batchSize;
  private final Duration pause;
  private final Clock clock;
  private final ProcessDeliveryService.Sleeper sleeper;

  /**
   * @param batchSize rows removed per statement
   * @param pause wait between two statements
   */
  public PruneRetentionService(
      RetentionPort retention,
      RetentionMetricsPort metrics,
      RetentionPolicy policy,
      int batchSize,
      Duration pause,
      Clock clock,
      ProcessDeliveryService.Sleeper sleeper) {
    this.retention = Objects.requireNonNull(retention, "retention");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.policy = Objects.requireNonNull(policy, "policy");
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
    }
    this.batchSize = batchSize;
    this.pause = Objects.requireNonNull(pause, "pause");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
  }

  /** 1 000 rows per statement, 100 ms apart. */
  public PruneRetentionService(
      RetentionPort retention, RetentionMetricsPort metrics, RetentionPolicy policy, Clock clock) {
    this(retention, metrics, policy, 1_000, Duration.ofMillis(100), clock, Thread::sleep);
  }

  @Override
  public PruneReport pruneOnce() {
    Map<RetainedData, Long> removed = new EnumMap<>(RetainedData.class);
    Map<RetainedData, Duration> pruned = policy.pruned();
    if (pruned.isEmpty()) {
      return new PruneReport(true, removed);
    }
    boolean ran =
        retention.exclusively(
            () -> {
              Instant now = clock.instant();
              for (Map.Entry<RetainedData, Duration> kind : pruned.entrySet()) {
                if (Thread.currentThread().isInterrupted()) {
                  break;
                }
                removed.put(kind.getKey(), prune(kind.getKey(), now.minus(kind.getValue())));
              }
            });
    if (!ran) {
      LOG.debug("retention: another instance is pruning; skipped");
    } else if (removed.values().stream().anyMatch(n -> n > 0)) {
      LOG.info("retention: removed {}", removed);
    }
    return new PruneReport(ran, removed);
  }

  private long prune(RetainedData data, Instant before) {
    long total = 0;
    while (true) {
      int rows = retention.prune(data, before, batchSize);
      if (rows > 0) {
        metrics.pruned(data, rows);
        total += rows;
      }
      if (rows < batchSize) {
        return total;
      }
      try {
        sleeper.sleep(pause.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return total;
      }
    }
  }
}
