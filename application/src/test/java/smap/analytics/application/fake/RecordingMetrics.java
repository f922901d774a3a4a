package smap.analytics.application.fake;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleSupplier;
import smap.analytics.application.port.out.PipelineMetricsPort;
import smap.analytics.domain.batch.Platform;

/** Fake: records metric calls as readable lines, e.g. {@code "duplicateSkipped"}. */
public final class RecordingMetrics implements PipelineMetricsPort {

  private final List<String> calls = new ArrayList<>();
  private final Map<String, DoubleSupplier> gauges = new ConcurrentHashMap<>();

  public synchronized List<String> calls() {
    return List.copyOf(calls);
  }

  public synchronized long count(String prefix) {
    return calls.stream().filter(c -> c.startsWith(prefix)).count();
  }

  private synchronized void record(String call) {
    calls.add(call);
  }

  @Override
  public void eventReceived(String queue, String format) {
    record("eventReceived " + queue + " " + format);
  }

  @Override
  public void eventProcessed(Platform platform, String status, Duration duration) {
    record("eventProcessed " + platform + " " + status);
  }

  @Override
  public void eventFailed(Platform platform, String kind) {
    record("eventFailed " + platform + " " + kind);
  }

  @Override
  public void batchFetched(Duration fetch, Duration parse, boolean compressed) {
    record("batchFetched " + compressed);
  }

  @Override
  public void itemsProcessed(Platform platform, String status, int count) {
    record("itemsProcessed " + platform + " " + status + " " + count);
  }

  @Override
  public void errorRecorded(String code, String category, Platform platform, String source) {
    record("errorRecorded " + code + " " + category + " " + platform + " " + source);
  }

  @Override
  public void batchSizeMismatch(Platform platform) {
    record("batchSizeMismatch " + platform);
  }

  @Override
  public void duplicateSkipped() {
    record("duplicateSkipped");
  }

  @Override
  public void replayed(String outcome) {
    record("replayed " + outcome);
  }

  @Override
  public void projectIdConflict() {
    record("projectIdConflict");
  }

  @Override
  public void activeBatches(int delta) {
    record("activeBatches " + delta);
  }

  @Override
  public void resultPublished(String outcome) {
    record("resultPublished " + outcome);
  }

  @Override
  public void unroutableRetried(String outcome) {
    record("unroutableRetried " + outcome);
  }

  @Override
  public void unroutableResendRequested(String outcome, int count) {
    record("unroutableResendRequested " + outcome + " " + count);
  }

  @Override
  public void gauge(String name, String help, Map<String, String> labels, DoubleSupplier value) {
    record("gauge " + name + (labels.isEmpty() ? "" : " " + labels));
    gauges.put(name + (labels.isEmpty() ? "" : labels.toString()), value);
  }

  /** The value a registered gauge reads now, by name and, when labelled, its labels' map text. */
  public double gaugeValue(String key) {
    DoubleSupplier value = gauges.get(key);
    if (value == null) {
      throw new AssertionError("no gauge " + key + " among " + gauges.keySet());
    }
    return value.getAsDouble();
  }
}
