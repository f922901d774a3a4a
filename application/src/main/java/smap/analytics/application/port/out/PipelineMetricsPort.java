package smap.analytics.application.port.out;

import java.time.Duration;
import java.util.Map;
import java.util.function.DoubleSupplier;
import smap.analytics.domain.batch.Platform;

/**
 * Outgoing port: the pipeline's metrics (CONTRACT 9). Label values passed here are bounded sets
 * (platforms, statuses, known codes and categories).
 */
public interface PipelineMetricsPort {

  void eventReceived(String queue, String format);

  /**
   * A batch was committed as succeeded or partial, after {@code duration} of processing. Success
   * and error rates are not kept here: Prometheus derives them from {@link #itemsProcessed}.
   */
  void eventProcessed(Platform platform, String status, Duration duration);

  /** A batch failed: {@code kind} is rejected, failed, parked or retrying. */
  void eventFailed(Platform platform, String kind);

  void batchFetched(Duration fetch, Duration parse, boolean compressed);

  void itemsProcessed(Platform platform, String status, int count);

  void errorRecorded(String code, String category, Platform platform, String source);

  void batchSizeMismatch(Platform platform);

  void duplicateSkipped();

  void replayed(String outcome);

  void projectIdConflict();

  void activeBatches(int delta);

  void resultPublished(String outcome);

  /**
   * A result the broker had returned as unroutable was published again (automatic retry or an
   * operator's resend); {@code outcome} is the broker's answer this time.
   */
  void unroutableRetried(String outcome);

  /** An operator asked to resend unroutable results: {@code count} rows, by outcome. */
  void unroutableResendRequested(String outcome, int count);

  /**
   * Registers a gauge read on scrape (outbox backlog, broker connection status, ...). The port
   * keeps {@code value} for as long as the process lives.
   */
  default void gauge(String name, String help, DoubleSupplier value) {
    gauge(name, help, Map.of(), value);
  }

  /** Registers one labelled series of a gauge; label values must come from a bounded set. */
  void gauge(String name, String help, Map<String, String> labels, DoubleSupplier value);

  /** A port that records nothing, for tests and tools. */
  static PipelineMetricsPort none() {
    return new PipelineMetricsPort() {
      @Override
      public void eventReceived(String queue, String format) {}

      @Override
      public void eventProcessed(Platform platform, String status, Duration duration) {}

      @Override
      public void eventFailed(Platform platform, String kind) {}

      @Override
      public void batchFetched(Duration fetch, Duration parse, boolean compressed) {}

      @Override
      public void itemsProcessed(Platform platform, String status, int count) {}

      @Override
      public void errorRecorded(String code, String category, Platform platform, String source) {}

      @Override
      public void batchSizeMismatch(Platform platform) {}

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
      public void unroutableRetried(String outcome) {}

      @Override
      public void unroutableResendRequested(String outcome, int count) {}

      @Override
      public void gauge(
          String name, String help, Map<String, String> labels, DoubleSupplier value) {}
    };
  }
}
