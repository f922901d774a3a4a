package smap.analytics.application.port.out;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Outgoing port: the pipeline's metrics (CONTRACT 9). Label values passed here are bounded sets
 * (platforms, statuses, known codes and categories).
 */
public interface PipelineMetricsPort {

  void eventReceived(String queue, String format);

  /** A batch reached a status, after {@code duration} of processing. */
  void eventProcessed(String platform, String status, Duration duration);

  /** A batch failed: {@code kind} is rejected, failed, parked or retrying. */
  void eventFailed(String platform, String kind);

  void batchFetched(Duration fetch, Duration parse, boolean compressed);

  void itemsProcessed(String platform, String status, int count);

  void errorRecorded(String code, String category, String platform, String source);

  /** Success and error rate of the last batch of a platform, in percent. */
  void batchRates(String platform, double successRate, double errorRate);

  void batchSizeMismatch(String platform);

  void duplicateSkipped();

  void replayed(String outcome);

  void projectIdConflict();

  void activeBatches(int delta);

  void resultPublished(String outcome);

  /** Registers a gauge read on scrape (outbox backlog, broker connection status, ...). */
  void gauge(String name, String help, DoubleSupplier value);

  /** A port that records nothing, for tests and tools. */
  static PipelineMetricsPort none() {
    return new PipelineMetricsPort() {
      @Override
      public void eventReceived(String queue, String format) {}

      @Override
      public void eventProcessed(String platform, String status, Duration duration) {}

      @Override
      public void eventFailed(String platform, String kind) {}

      @Override
      public void batchFetched(Duration fetch, Duration parse, boolean compressed) {}

      @Override
      public void itemsProcessed(String platform, String status, int count) {}

      @Override
      public void errorRecorded(String code, String category, String platform, String source) {}

      @Override
      public void batchRates(String platform, double successRate, double errorRate) {}

      @Override
      public void batchSizeMismatch(String platform) {}

      @Override
      public void duplicateSkipped() {}

      @Override
      public void replayed(String outcome) {}

      @Override
      public void projectIdConflict() {}

      @Override
      public void activeBatches(int delta) {}

      @Override
      public void resultPublished(String outcome) {}

      @Override
      public void gauge(String name, String help, DoubleSupplier value) {}
    };
  }
}
