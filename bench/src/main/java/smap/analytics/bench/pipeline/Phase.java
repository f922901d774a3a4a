package smap.analytics.bench.pipeline;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** One measured phase of the pipeline benchmark. */
record Phase(
    String name,
    int batches,
    int items,
    double seconds,
    List<Long> latenciesNanos,
    long serviceCpuMicros,
    long serviceJitMicros,
    long serviceGcMicros,
    long postgresCpuMicros,
    long maxRssBytes,
    double pacedBatchesPerSecond) {

  /** The JIT compiler threads' share of the service processes' CPU. */
  double jitShare() {
    return serviceCpuMicros == 0 ? 0 : (double) serviceJitMicros / serviceCpuMicros;
  }

  double batchesPerSecond() {
    return batches / seconds;
  }

  double itemsPerMinute() {
    return items / seconds * 60;
  }

  double percentileMillis(double p) {
    long[] sorted = latenciesNanos.stream().mapToLong(Long::longValue).sorted().toArray();
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
  }

  String row() {
    return String.format(
        Locale.ROOT,
        "%-10s %7d %7d %10.0f %8.1f %8.1f %8.1f %12.1f %8.1f %7.1f %11.1f %10.0f",
        name,
        batches,
        items,
        itemsPerMinute(),
        percentileMillis(50),
        percentileMillis(95),
        percentileMillis(99),
        (double) serviceCpuMicros / items,
        (double) serviceJitMicros / items,
        (double) serviceGcMicros / items,
        (double) postgresCpuMicros / items,
        maxRssBytes / 1048576.0);
  }

  String line() {
    return name + ": " + row().substring(10).strip().replaceAll(" +", " ");
  }

  Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("phase", name);
    m.put("batches", batches);
    m.put("items", items);
    m.put("seconds", seconds);
    m.put("paced_batches_per_second", pacedBatchesPerSecond);
    m.put("items_per_minute", itemsPerMinute());
    m.put("latency_p50_ms", percentileMillis(50));
    m.put("latency_p95_ms", percentileMillis(95));
    m.put("latency_p99_ms", percentileMillis(99));
    m.put("service_cpu_us_per_item", (double) serviceCpuMicros / items);
    m.put("service_jit_cpu_us_per_item", (double) serviceJitMicros / items);
    m.put("service_gc_cpu_us_per_item", (double) serviceGcMicros / items);
    m.put("postgres_cpu_us_per_item", (double) postgresCpuMicros / items);
    m.put("service_max_rss_mb", maxRssBytes / 1048576.0);
    return m;
  }
}
