package smap.analytics.application.service;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import smap.analytics.application.port.in.CheckReadinessUseCase;
import smap.analytics.application.port.in.SampleOperationsUseCase;
import smap.analytics.application.port.out.OperationalStatsPort;
import smap.analytics.application.port.out.OperationalStatsPort.OperationalStats;
import smap.analytics.application.port.out.PipelineMetricsPort;
import smap.analytics.application.port.out.console.BrokerStatusPort;
import smap.analytics.domain.console.QueueStatus;

/**
 * Service: samples readiness, the queues and the stored backlog into gauges. The gauges read the
 * last sample, so a scrape costs nothing and never hangs on a dependency that is away; a figure
 * that could not be read shows as NaN (unknown), never as a reassuring 0.
 */
public final class SampleOperationsService implements SampleOperationsUseCase {

  private static final Logger LOG = LoggerFactory.getLogger(SampleOperationsService.class);

  private final CheckReadinessUseCase readiness;
  private final BrokerStatusPort broker;
  private final OperationalStatsPort stats;
  private final PipelineMetricsPort metrics;
  private final Map<String, AtomicReference<Double>> dependencyUp = new ConcurrentHashMap<>();
  private final Map<String, AtomicReference<Double>> queueMessages = new ConcurrentHashMap<>();
  private final Map<String, AtomicReference<Double>> queueConsumers = new ConcurrentHashMap<>();
  private final AtomicReference<OperationalStats> stored = new AtomicReference<>();
  private volatile String lastStatsProblem;

  public SampleOperationsService(
      CheckReadinessUseCase readiness,
      BrokerStatusPort broker,
      OperationalStatsPort stats,
      PipelineMetricsPort metrics) {
    this.readiness = readiness;
    this.broker = broker;
    this.stats = stats;
    this.metrics = metrics;
    stored("analytics_outbox_backlog", "Results waiting in the outbox", s -> s.outboxBacklog());
    stored(
        "analytics_unroutable_results",
        "Results the broker returned as unroutable (no queue bound to the result exchange)",
        s -> s.unroutableResults());
    stored(
        "analytics_outbox_oldest_pending_age_seconds",
        "Age of the oldest result not yet published, 0 when none waits",
        OperationalStats::oldestPendingSeconds);
    stored(
        "analytics_parked_batches",
        "Batches parked in the dead-letter queue (ledger status PARKED)",
        s -> s.parkedBatches());
  }

  private void stored(
      String name, String help, java.util.function.ToDoubleFunction<OperationalStats> f) {
    metrics.gauge(
        name,
        help,
        () -> {
          OperationalStats s = stored.get();
          return s == null ? Double.NaN : f.applyAsDouble(s);
        });
  }

  @Override
  public void sample() {
    try {
      for (CheckReadinessUseCase.Dependency d : readiness.check().dependencies()) {
        labelled(
                dependencyUp,
                "analytics_dependency_up",
                "1 while the dependency answers its readiness probe, 0 when it does not, NaN"
                    + " until its first probe has answered",
                "dependency",
                d.name())
            .set(!d.known() ? Double.NaN : d.up() ? 1.0 : 0.0);
      }
    } catch (RuntimeException e) {
      dependencyUp.values().forEach(v -> v.set(Double.NaN));
      LOG.warn("operations sample: readiness failed: {}", e.toString());
    }
    try {
      List<QueueStatus> queues = broker.queues();
      for (QueueStatus q : queues) {
        labelled(
                queueMessages,
                "analytics_queue_messages",
                "Messages ready in the queue (events, legacy, dead-letter), NaN when unreadable",
                "queue",
                q.role())
            .set(q.readable() ? (double) q.ready() : Double.NaN);
        labelled(
                queueConsumers,
                "analytics_queue_consumers",
                "Consumers the broker counts on the queue, NaN when unreadable",
                "queue",
                q.role())
            .set(q.readable() ? (double) q.consumers() : Double.NaN);
      }
    } catch (RuntimeException e) {
      queueMessages.values().forEach(v -> v.set(Double.NaN));
      queueConsumers.values().forEach(v -> v.set(Double.NaN));
      LOG.warn("operations sample: queues unreadable: {}", e.toString());
    }
    try {
      stored.set(stats.read());
      lastStatsProblem = null;
    } catch (RuntimeException e) {
      stored.set(null);
      String problem = e.toString();
      if (!problem.equals(lastStatsProblem)) {
        LOG.warn("operations sample: outbox and parked counts unreadable: {}", problem);
      }
      lastStatsProblem = problem;
    }
  }

  private AtomicReference<Double> labelled(
      Map<String, AtomicReference<Double>> series,
      String name,
      String help,
      String label,
      String value) {
    return series.computeIfAbsent(
        value,
        v -> {
          AtomicReference<Double> holder = new AtomicReference<>(Double.NaN);
          metrics.gauge(name, help, Map.of(label, v.toLowerCase(Locale.ROOT)), holder::get);
          return holder;
        });
  }
}
