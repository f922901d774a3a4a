package smap.analytics.adapter.web.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import smap.analytics.application.port.out.RetentionMetricsPort;
import smap.analytics.domain.retention.RetainedData;

/**
 * Adapter: {@code analytics_retention_pruned_rows_total{table=...}}, the rows the retention job
 * removed, one series per pruned table (registered at zero so a rate reads 0, not nothing).
 */
public final class MicrometerRetentionMetricsAdapter implements RetentionMetricsPort {

  private final Map<RetainedData, Counter> counters = new EnumMap<>(RetainedData.class);

  public MicrometerRetentionMetricsAdapter(MeterRegistry registry) {
    for (RetainedData data : RetainedData.values()) {
      counters.put(
          data,
          Counter.builder("analytics.retention.pruned.rows")
              .description("Rows removed by the retention job (raw bodies: bodies cleared)")
              .tag("table", data.table())
              .register(registry));
    }
  }

  @Override
  public void pruned(RetainedData data, long rows) {
    counters.get(data).increment(rows);
  }
}
