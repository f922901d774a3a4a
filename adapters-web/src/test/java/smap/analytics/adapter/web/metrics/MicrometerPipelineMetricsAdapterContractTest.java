package smap.analytics.adapter.web.metrics;

import io.micrometer.core.instrument.Counter;
import java.util.Map;
import smap.analytics.application.port.out.PipelineMetricsPort;
import smap.analytics.application.port.out.PipelineMetricsPortContractTest;

class MicrometerPipelineMetricsAdapterContractTest extends PipelineMetricsPortContractTest {

  /** Each port method's counter and the label names of its parameters, in order. */
  private static final Map<String, String[]> COUNTERS =
      Map.of(
          "itemsProcessed", new String[] {"analytics.items.processed", "platform", "status"},
          "eventProcessed", new String[] {"analytics.events.processed", "platform", "status"},
          "eventFailed", new String[] {"analytics.events.failed", "platform", "kind"},
          "duplicateSkipped", new String[] {"analytics.duplicates.skipped"},
          "replayed", new String[] {"analytics.replays", "outcome"});

  private final MicrometerPipelineMetricsAdapter metrics = new MicrometerPipelineMetricsAdapter();

  @Override
  protected PipelineMetricsPort metrics() {
    return metrics;
  }

  @Override
  protected double counted(String method, String... labels) {
    String[] counter = COUNTERS.get(method);
    String[] tags = new String[labels.length * 2];
    for (int i = 0; i < labels.length; i++) {
      tags[2 * i] = counter[i + 1];
      tags[2 * i + 1] = labels[i];
    }
    Counter found = metrics.registry().find(counter[0]).tags(tags).counter();
    return found == null ? 0 : found.count();
  }
}
