package smap.analytics.application.port.in.console;

import java.util.List;
import smap.analytics.application.port.in.CheckReadinessUseCase.Dependency;
import smap.analytics.application.port.out.console.ConsoleQueryPort.BatchRow;
import smap.analytics.application.port.out.console.ConsoleQueryPort.Count;
import smap.analytics.application.port.out.console.ConsoleQueryPort.Throughput;

/** Use case: the live overview (rates of the last minutes, outbox, dependencies, last batches). */
public interface ShowOverviewUseCase {

  Overview overview();

  /**
   * @param windowSeconds the window the rates are computed over
   */
  record Overview(
      int windowSeconds,
      double batchesPerSecond,
      double itemsPerSecond,
      List<Throughput> byPlatform,
      List<Count> outbox,
      long unroutable,
      List<Dependency> dependencies,
      List<String> warnings,
      boolean consumptionPaused,
      List<BatchRow> lastBatches) {}
}
