package smap.analytics.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import smap.analytics.application.port.in.PruneRetentionUseCase.PruneReport;
import smap.analytics.application.port.out.RetentionMetricsPort;
import smap.analytics.application.port.out.RetentionPort;
import smap.analytics.domain.retention.RetainedData;

class PruneRetentionServiceTest {

  private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

  /** Rows per kind, each with its age; a prune call removes up to {@code limit} older ones. */
  private static final class InMemoryRetention implements RetentionPort {
    final Map<RetainedData, List<Instant>> rows = new EnumMap<>(RetainedData.class);
    final List<String> calls = new ArrayList<>();
    boolean lockedElsewhere;

    @Override
    public boolean exclusively(Runnable work) {
      if (lockedElsewhere) {
        return false;
      }
      work.run();
      return true;
    }

    @Override
    public int prune(RetainedData data, Instant before, int limit) {
      calls.add(data + " before " + before + " limit " + limit);
      List<Instant> times = rows.getOrDefault(data, new ArrayList<>());
      int removed = 0;
      for (var it = times.iterator(); it.hasNext() && removed < limit; ) {
        if (it.next().isBefore(before)) {
          it.remove();
          removed++;
        }
      }
      return removed;
    }

    void seed(RetainedData data, int count, Duration age) {
      List<Instant> times = rows.computeIfAbsent(data, d -> new ArrayList<>());
      for (int i = 0; i < count; i++) {
        times.add(NOW.minus(age));
      }
    }
  }

  private final InMemoryRetention retention = new InMemoryRetention();
  private final Map<RetainedData, Long> counted = new EnumMap<>(RetainedData.class);
  private final RetentionMetricsPort metrics = (data, rows) -> counted.merge(data, rows, Long::sum);
  private final List<Long> pauses = new ArrayList<>();

  private PruneRetentionService service(RetentionPolicy policy) {
    return new PruneRetentionService(
        retention,
        metrics,
        policy,
        10,
        Duration.ofMillis(50),
        Clock.fixed(NOW, ZoneOffset.UTC),
        pauses::add);
  }

  @Test
  void removesOnlyRowsOlderThanTheirRetentionInSmallBatchesWithPauses() {
    retention.seed(RetainedData.RAW_BODIES, 25, Duration.ofDays(31));
    retention.seed(RetainedData.RAW_BODIES, 7, Duration.ofDays(29));
    retention.seed(RetainedData.AUDIT, 3, Duration.ofDays(400));
    retention.seed(RetainedData.AUDIT, 3, Duration.ofDays(10));

    PruneReport report = service(RetentionPolicy.defaults()).pruneOnce();

    assertThat(report.ran()).isTrue();
    assertThat(report.removed())
        .containsEntry(RetainedData.RAW_BODIES, 25L)
        .containsEntry(RetainedData.AUDIT, 3L)
        .containsEntry(RetainedData.SENT_OUTBOX, 0L)
        .containsEntry(RetainedData.CRAWL_ERRORS, 0L);
    assertThat(retention.rows.get(RetainedData.RAW_BODIES)).hasSize(7);
    assertThat(retention.rows.get(RetainedData.AUDIT)).hasSize(3);
    // 25 old bodies: statements of 10, 10, 5, with a pause after each full one.
    assertThat(retention.calls)
        .filteredOn(c -> c.startsWith("RAW_BODIES"))
        .containsOnly("RAW_BODIES before " + NOW.minus(Duration.ofDays(30)) + " limit 10")
        .hasSize(3);
    assertThat(pauses).containsExactly(50L, 50L);
    assertThat(counted)
        .containsEntry(RetainedData.RAW_BODIES, 25L)
        .containsEntry(RetainedData.AUDIT, 3L)
        .doesNotContainKeys(RetainedData.SENT_OUTBOX, RetainedData.CRAWL_ERRORS);
  }

  @Test
  void zeroDaysKeepsForever() {
    retention.seed(RetainedData.CRAWL_ERRORS, 5, Duration.ofDays(3650));
    RetentionPolicy keepErrors =
        new RetentionPolicy(
            Duration.ofDays(30), Duration.ofDays(14), Duration.ofDays(365), Duration.ZERO);

    PruneReport report = service(keepErrors).pruneOnce();

    assertThat(report.removed()).doesNotContainKey(RetainedData.CRAWL_ERRORS);
    assertThat(retention.calls).noneMatch(c -> c.startsWith("CRAWL_ERRORS"));
    assertThat(retention.rows.get(RetainedData.CRAWL_ERRORS)).hasSize(5);
  }

  @Test
  void anotherInstanceHoldingTheLockMeansThisOneDoesNothing() {
    retention.seed(RetainedData.AUDIT, 3, Duration.ofDays(400));
    retention.lockedElsewhere = true;

    PruneReport report = service(RetentionPolicy.defaults()).pruneOnce();

    assertThat(report.ran()).isFalse();
    assertThat(retention.calls).isEmpty();
    assertThat(counted).isEmpty();
  }
}
