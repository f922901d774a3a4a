package smap.analytics.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import smap.analytics.application.fake.RecordingMetrics;
import smap.analytics.application.port.in.CheckReadinessUseCase;
import smap.analytics.application.port.in.CheckReadinessUseCase.Dependency;
import smap.analytics.application.port.in.CheckReadinessUseCase.Readiness;
import smap.analytics.application.port.out.OperationalStatsPort.OperationalStats;
import smap.analytics.domain.console.QueueStatus;
import smap.analytics.domain.failure.DependencyUnavailableException;

class SampleOperationsServiceTest {

  private final AtomicBoolean storeUp = new AtomicBoolean(true);
  private final AtomicReference<List<QueueStatus>> queues =
      new AtomicReference<>(
          List.of(
              new QueueStatus("events", "in", 12, 2, null),
              new QueueStatus(QueueStatus.DEAD_LETTER, "dead", 3, 0, null)));
  private final AtomicReference<OperationalStats> stats =
      new AtomicReference<>(new OperationalStats(4, 1, 42.5, 3));
  private final RecordingMetrics metrics = new RecordingMetrics();
  private final CheckReadinessUseCase readiness =
      () ->
          new Readiness(
              storeUp.get(),
              List.of(
                  new Dependency("postgresql", true, "ok"),
                  new Dependency("object-store", storeUp.get(), "ok")),
              List.of());
  private final SampleOperationsService service =
      new SampleOperationsService(
          readiness,
          queues::get,
          () -> {
            OperationalStats s = stats.get();
            if (s == null) {
              throw new DependencyUnavailableException(
                  DependencyUnavailableException.Dependency.DATABASE, "connection refused", null);
            }
            return s;
          },
          metrics);

  @Test
  void beforeTheFirstSampleStoredFiguresAreUnknownNotZero() {
    assertThat(metrics.gaugeValue("analytics_outbox_backlog")).isNaN();
    assertThat(metrics.gaugeValue("analytics_parked_batches")).isNaN();
  }

  @Test
  void aDependencyNoProbeHasAnsweredYetIsUnknownNotDown() {
    // At start-up the background probes have not answered: a 0 there would page
    // (AnalyticsPostgresDown) for a dependency that is probably up.
    CheckReadinessUseCase starting =
        () ->
            new Readiness(
                false,
                List.of(
                    Dependency.notProbedYet("postgresql"),
                    new Dependency("object-store", false, "connection refused")),
                List.of());
    new SampleOperationsService(starting, queues::get, stats::get, metrics).sample();

    assertThat(metrics.gaugeValue("analytics_dependency_up{dependency=postgresql}")).isNaN();
    assertThat(metrics.gaugeValue("analytics_dependency_up{dependency=object-store}")).isZero();
  }

  @Test
  void readinessSaysNotProbedYetUntilTheFirstProbeAnswers() throws Exception {
    java.util.concurrent.CountDownLatch answer = new java.util.concurrent.CountDownLatch(1);
    smap.analytics.application.port.out.DependencyProbePort slow =
        new smap.analytics.application.port.out.DependencyProbePort() {
          @Override
          public String name() {
            return "postgresql";
          }

          @Override
          public Probe probe() {
            try {
              answer.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return new Probe(true, "ok");
          }
        };
    try (CheckReadinessService checks = new CheckReadinessService(List.of(slow), List::of)) {
      checks.start(java.time.Duration.ofMillis(50), java.time.Duration.ofDays(1));
      Dependency before = checks.check().dependencies().get(0);
      assertThat(before.known()).isFalse();
      assertThat(before.up()).isFalse();
      answer.countDown();
      Dependency after = before;
      while (!after.known()) {
        Thread.onSpinWait();
        after = checks.check().dependencies().get(0);
      }
      assertThat(after.up()).isTrue();
    }
  }

  @Test
  void aSampleSetsDependenciesQueuesAndStoredFigures() {
    service.sample();

    assertThat(metrics.gaugeValue("analytics_dependency_up{dependency=postgresql}")).isEqualTo(1);
    assertThat(metrics.gaugeValue("analytics_dependency_up{dependency=object-store}")).isEqualTo(1);
    assertThat(metrics.gaugeValue("analytics_queue_messages{queue=events}")).isEqualTo(12);
    assertThat(metrics.gaugeValue("analytics_queue_consumers{queue=events}")).isEqualTo(2);
    assertThat(metrics.gaugeValue("analytics_queue_messages{queue=dead-letter}")).isEqualTo(3);
    assertThat(metrics.gaugeValue("analytics_outbox_backlog")).isEqualTo(4);
    assertThat(metrics.gaugeValue("analytics_unroutable_results")).isEqualTo(1);
    assertThat(metrics.gaugeValue("analytics_outbox_oldest_pending_age_seconds")).isEqualTo(42.5);
    assertThat(metrics.gaugeValue("analytics_parked_batches")).isEqualTo(3);
  }

  @Test
  void whatCannotBeReadBecomesUnknownAndADownDependencyReadsZero() {
    service.sample();
    storeUp.set(false);
    stats.set(null);
    queues.set(List.of(new QueueStatus("events", "in", -1, 0, "connection closed")));

    service.sample();

    assertThat(metrics.gaugeValue("analytics_dependency_up{dependency=object-store}")).isZero();
    assertThat(metrics.gaugeValue("analytics_dependency_up{dependency=postgresql}")).isEqualTo(1);
    assertThat(metrics.gaugeValue("analytics_queue_messages{queue=events}")).isNaN();
    assertThat(metrics.gaugeValue("analytics_outbox_backlog")).isNaN();
    assertThat(metrics.gaugeValue("analytics_outbox_oldest_pending_age_seconds")).isNaN();
  }

  @Test
  void eachSeriesIsRegisteredOnce() {
    service.sample();
    service.sample();

    assertThat(metrics.count("gauge analytics_dependency_up")).isEqualTo(2);
    assertThat(metrics.count("gauge analytics_queue_messages")).isEqualTo(2);
  }
}
