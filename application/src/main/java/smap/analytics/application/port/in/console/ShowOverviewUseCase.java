package smap.analytics.application.port.in.console;

import java.util.List;
import smap.analytics.application.port.in.CheckReadinessUseCase.Dependency;
import smap.analytics.domain.console.BatchRow;
import smap.analytics.domain.console.Count;
import smap.analytics.domain.console.QueueStatus;
import smap.analytics.domain.console.Throughput;

/**
 * Use case: the live overview (rates of the last minutes, outbox, queues, dependencies, last
 * batches).
 */
public interface ShowOverviewUseCase {

  Overview overview();

  /**
   * @param windowSeconds the window the rates are computed over
   * @param queues the service's queues with their depth and consumers
   * @param parked messages waiting in the dead-letter queue (poison messages parked there)
   */
  record Overview(
      int windowSeconds,
      double batchesPerSecond,
      double itemsPerSecond,
      List<Throughput> byPlatform,
      List<Count> outbox,
      long unroutable,
      List<QueueStatus> queues,
      long parked,
      List<Dependency> dependencies,
      List<String> warnings,
      boolean consumptionPaused,
      List<BatchRow> lastBatches) {}
}
