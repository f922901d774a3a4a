package smap.analytics.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PipelineBenchmarkPartsTest {

  @Test
  void percentilesAreNearestRankOverTheLatencies() {
    List<Long> nanos = new java.util.ArrayList<>();
    for (long ms = 1; ms <= 100; ms++) {
      nanos.add(ms * 1_000_000);
    }
    java.util.Collections.shuffle(nanos, new java.util.Random(1));
    Phase phase =
        new Phase("p", 100, 3000, 2.0, nanos, 3_000_000, 900_000, 300_000, 600_000, 1 << 20, 0);
    assertThat(phase.percentileMillis(50)).isEqualTo(50.0);
    assertThat(phase.percentileMillis(95)).isEqualTo(95.0);
    assertThat(phase.percentileMillis(99)).isEqualTo(99.0);
    assertThat(phase.itemsPerMinute()).isEqualTo(90_000.0);
    assertThat(phase.toJson())
        .containsEntry("service_cpu_us_per_item", 1000.0)
        .containsEntry("service_jit_cpu_us_per_item", 300.0)
        .containsEntry("service_gc_cpu_us_per_item", 100.0)
        .containsEntry("postgres_cpu_us_per_item", 200.0);
    assertThat(phase.jitShare()).as("900 of 3000 ms").isEqualTo(0.3);
  }

  @Test
  void warmsUpUntilTheJitCompilerIsQuietWithinABound() {
    Options defaults = Options.parse(new String[] {});
    assertThat(defaults.warmup()).isEqualTo(2000);
    assertThat(defaults.warmupMax()).isEqualTo(10_000);
    assertThat(defaults.jitQuietPercent()).isEqualTo(5.0);
    Options set =
        Options.parse(
            new String[] {"--warmup", "500", "--warmup-max", "3000", "--jit-quiet", "2.5"});
    assertThat(set.warmup()).isEqualTo(500);
    assertThat(set.warmupMax()).isEqualTo(3000);
    assertThat(set.jitQuietPercent()).isEqualTo(2.5);
  }

  @Test
  void tellsJitCompilerAndGcThreadsFromTheRest() {
    assertThat(ProcStats.threadKind("C2 CompilerThre")).isEqualTo("jit");
    assertThat(ProcStats.threadKind("C1 CompilerThre")).isEqualTo("jit");
    assertThat(ProcStats.threadKind("GC Thread#1")).isEqualTo("gc");
    assertThat(ProcStats.threadKind("G1 Conc#0")).isEqualTo("gc");
    assertThat(ProcStats.threadKind("batch-3")).isEqualTo("other");
    assertThat(ProcStats.threadKind("VM Thread")).isEqualTo("other");
    long pid = ProcessHandle.current().pid();
    long[] jitGc = ProcStats.jitAndGcCpuMicros(pid);
    assertThat(jitGc).hasSize(2);
    assertThat(jitGc[0]).isNotNegative();
    assertThat(jitGc[1]).isNotNegative();
    assertThat(jitGc[0] + jitGc[1]).isLessThanOrEqualTo(ProcStats.cpuMicros(pid));
  }

  @Test
  void readsThisProcessesCpuTimeAndMemoryFromProc() {
    long pid = ProcessHandle.current().pid();
    long before = ProcStats.cpuMicros(pid);
    long spin = System.nanoTime() + 300_000_000L;
    long x = 0;
    while (System.nanoTime() < spin) {
      x += Long.numberOfTrailingZeros(x + System.nanoTime());
    }
    assertThat(x).isPositive();
    assertThat(ProcStats.cpuMicros(pid) - before).isGreaterThanOrEqualTo(100_000);
    long rss = ProcStats.rssBytes(pid);
    assertThat(rss).isGreaterThan(10L << 20);
    // The peak read after the current size: the heap may grow in between, the peak never falls.
    assertThat(ProcStats.peakRssBytes(pid)).isGreaterThanOrEqualTo(rss);
    assertThat(ProcStats.pidsNamed("java")).contains(pid);
  }

  @Test
  void batchesHaveTheBenchmarkShape() {
    List<Map<String, Object>> tiktok = BenchBatches.batch(false, "proj-brand-1", 42);
    List<Map<String, Object>> youtube = BenchBatches.batch(true, "proj-brand-2", 42);
    assertThat(tiktok).hasSize(50);
    assertThat(youtube).hasSize(20);
    assertThat(((Map<?, ?>) tiktok.get(0).get("meta")).get("fetch_status")).isEqualTo("error");
    assertThat(tiktok.subList(1, 50))
        .allSatisfy(item -> assertThat((List<?>) item.get("comments")).hasSize(3));
    String transcript = (String) ((Map<?, ?>) youtube.get(1).get("content")).get("transcription");
    assertThat(transcript.length()).isBetween(2_400, 2_600);
  }
}
