package smap.analytics.application.fake;

import smap.analytics.application.port.out.PipelineMetricsPort;
import smap.analytics.application.port.out.PipelineMetricsPortContractTest;

class RecordingMetricsTest extends PipelineMetricsPortContractTest {
  private final RecordingMetrics metrics = new RecordingMetrics();

  @Override
  protected PipelineMetricsPort metrics() {
    return metrics;
  }

  @Override
  protected double counted(String method, String... labels) {
    String call = String.join(" ", method, String.join(" ", labels)).strip();
    double total = 0;
    for (String recorded : metrics.calls()) {
      if (recorded.equals(call)) {
        total += 1;
      } else if (method.equals("itemsProcessed") && recorded.startsWith(call + " ")) {
        total += Double.parseDouble(recorded.substring(call.length() + 1));
      }
    }
    return total;
  }
}
