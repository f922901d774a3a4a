package smap.analytics.adapter.web.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;
import smap.analytics.application.port.out.PipelineMetricsPort;
import smap.analytics.domain.batch.Platform;

/**
 * Adapter: the pipeline's metrics in a Micrometer Prometheus registry, named as CONTRACT 9 and
 * facts 9 ask ({@code analytics_} prefix, bounded labels), exposed by {@link #scrape()} on {@code
 * /metrics}.
 */
public final class MicrometerPipelineMetricsAdapter implements PipelineMetricsPort {

  private static final Duration[] PROCESSING_BUCKETS = {
    Duration.ofMillis(100),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofMillis(2500),
    Duration.ofSeconds(5),
    Duration.ofSeconds(10),
    Duration.ofSeconds(30),
    Duration.ofSeconds(60)
  };
  private static final Duration[] FETCH_BUCKETS = {
    Duration.ofMillis(10),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofSeconds(5)
  };

  private final PrometheusMeterRegistry registry;
  private final AtomicInteger active = new AtomicInteger();
  private final AtomicLong lastSuccessMillis = new AtomicLong(System.currentTimeMillis());

  public MicrometerPipelineMetricsAdapter() {
    this(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
  }

  public MicrometerPipelineMetricsAdapter(PrometheusMeterRegistry registry) {
    this.registry = registry;
    // The AMQP client's collector registers its meters without help text; say whose they are.
    registry
        .config()
        .meterFilter(
            new MeterFilter() {
              @Override
              public Meter.Id map(Meter.Id id) {
                if (id.getDescription() == null && id.getName().startsWith("rabbitmq.")) {
                  return new Meter.Id(
                      id.getName(),
                      Tags.of(id.getTags()),
                      id.getBaseUnit(),
                      "RabbitMQ Java client: " + id.getName().substring(9).replace('.', ' '),
                      id.getType());
                }
                return id;
              }
            });
    Gauge.builder("analytics.active.batches", active, AtomicInteger::get)
        .description("Batches being processed now")
        .register(registry);
    Gauge.builder(
            "analytics.last.success.timestamp", lastSuccessMillis, millis -> millis.get() / 1000.0)
        .description(
            "Unix time in seconds of the last batch this instance committed as succeeded or"
                + " partial (its start time until the first)")
        .baseUnit("seconds")
        .register(registry);
    // Counters of rare events exist from the start at 0, so that rate() and the dashboard read 0
    // rather than "no data" until the first one happens.
    duplicates();
    projectIdConflicts();
    for (String outcome : new String[] {"succeeded", "partial"}) {
      replays(outcome);
    }
    for (String outcome : new String[] {"confirmed", "unroutable"}) {
      unroutableRetries(outcome);
    }
    for (String outcome : new String[] {"queued", "skipped"}) {
      unroutableResends(outcome);
    }
  }

  /**
   * Adds the JVM's memory, GC, threads, class loading, processor and uptime metrics (what every JVM
   * dashboard expects: {@code jvm_memory_*}, {@code jvm_gc_*}, {@code process_cpu_*}, ...). Returns
   * what must be closed when the process stops.
   */
  public AutoCloseable bindJvmAndProcess() {
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    JvmGcMetrics gc = new JvmGcMetrics();
    gc.bindTo(registry);
    return gc;
  }

  /** The registry, for binding JVM and pool metrics in the composition root. */
  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** The Prometheus text exposition of every metric. */
  public String scrape() {
    return registry.scrape();
  }

  @Override
  public void eventReceived(String queue, String format) {
    Counter.builder("analytics.events.received")
        .description("Messages taken from the input queues")
        .tag("queue", queue)
        .tag("format", format)
        .register(registry)
        .increment();
  }

  @Override
  public void eventProcessed(Platform platform, String status, Duration duration) {
    Counter.builder("analytics.events.processed")
        .description("Batches that reached succeeded or partial")
        .tag("platform", platform.name())
        .tag("status", status)
        .register(registry)
        .increment();
    Timer.builder("analytics.event.processing.duration")
        .description("Time from delivery to commit of a batch")
        .tag("platform", platform.name())
        .serviceLevelObjectives(PROCESSING_BUCKETS)
        .register(registry)
        .record(duration);
    lastSuccessMillis.set(System.currentTimeMillis());
  }

  @Override
  public void eventFailed(Platform platform, String kind) {
    Counter.builder("analytics.events.failed")
        .description("Batches rejected, failed, parked, or retried after a transient failure")
        .tag("platform", platform.name())
        .tag("kind", kind)
        .register(registry)
        .increment();
  }

  @Override
  public void batchFetched(Duration fetch, Duration parse, boolean compressed) {
    Counter.builder("analytics.batches.fetched")
        .description("Batch objects read from object storage")
        .tag("compressed", Boolean.toString(compressed))
        .register(registry)
        .increment();
    Timer.builder("analytics.batch.fetch.duration")
        .description("Download and decompression time of a batch object")
        .serviceLevelObjectives(FETCH_BUCKETS)
        .register(registry)
        .record(fetch);
    Timer.builder("analytics.batch.parse.duration")
        .description("JSON parse time of a batch object")
        .serviceLevelObjectives(FETCH_BUCKETS)
        .register(registry)
        .record(parse);
  }

  @Override
  public void itemsProcessed(Platform platform, String status, int count) {
    Counter.builder("analytics.items.processed")
        .description("Items by platform and outcome (success, crawler_error, analysis_error)")
        .tag("platform", platform.name())
        .tag("status", status)
        .register(registry)
        .increment(count);
  }

  @Override
  public void errorRecorded(String code, String category, Platform platform, String source) {
    Counter.builder("analytics.errors.by.code")
        .description("Error items by error code")
        .tag("error_code", code)
        .tag("platform", platform.name())
        .tag("source", source)
        .register(registry)
        .increment();
    Counter.builder("analytics.errors.by.category")
        .description("Error items by error category")
        .tag("error_category", category)
        .tag("platform", platform.name())
        .tag("source", source)
        .register(registry)
        .increment();
  }

  @Override
  public void batchSizeMismatch(Platform platform) {
    Counter.builder("analytics.batch.size.mismatch")
        .description("Batches whose item count differs from the platform's expected size")
        .tag("platform", platform.name())
        .register(registry)
        .increment();
  }

  @Override
  public void duplicateSkipped() {
    duplicates().increment();
  }

  private Counter duplicates() {
    return Counter.builder("analytics.duplicates.skipped")
        .description("Redeliveries of events already committed; nothing was written again")
        .register(registry);
  }

  @Override
  public void replayed(String outcome) {
    replays(outcome).increment();
  }

  private Counter replays(String outcome) {
    return Counter.builder("analytics.replays")
        .description("Operator replays by outcome")
        .tag("outcome", outcome)
        .register(registry);
  }

  @Override
  public void projectIdConflict() {
    projectIdConflicts().increment();
  }

  private Counter projectIdConflicts() {
    return Counter.builder("analytics.project.id.conflicts")
        .description("Batches whose payload project_id differs from the one its job_id implies")
        .register(registry);
  }

  @Override
  public void activeBatches(int delta) {
    active.addAndGet(delta);
  }

  @Override
  public void unroutableRetried(String outcome) {
    unroutableRetries(outcome).increment();
  }

  private Counter unroutableRetries(String outcome) {
    return Counter.builder("analytics.unroutable.retries")
        .description(
            "Publishes of results the broker had returned as unroutable (automatic retries and"
                + " operator resends), by the broker's answer")
        .tag("outcome", outcome)
        .register(registry);
  }

  @Override
  public void unroutableResendRequested(String outcome, int count) {
    unroutableResends(outcome).increment(count);
  }

  private Counter unroutableResends(String outcome) {
    return Counter.builder("analytics.unroutable.resends")
        .description(
            "Unroutable results an operator asked to resend: queued, or skipped (no longer"
                + " unroutable)")
        .tag("outcome", outcome)
        .register(registry);
  }

  @Override
  public void resultPublished(String outcome) {
    Counter.builder("analytics.results.published")
        .description("Collector results by broker answer (confirmed, unroutable, nacked, failed)")
        .tag("outcome", outcome)
        .register(registry)
        .increment();
    if (!outcome.equals("confirmed")) {
      Counter.builder("analytics.publish.errors")
          .description("Collector results not confirmed on the first try")
          .tag("outcome", outcome)
          .register(registry)
          .increment();
    }
  }

  @Override
  public void gauge(String name, String help, Map<String, String> labels, DoubleSupplier value) {
    // Micrometer holds a gauge's object weakly by default: a lambda nobody else references is
    // collected at the first GC and the gauge then reads NaN. strongReference keeps it.
    Gauge.builder(name, value, DoubleSupplier::getAsDouble)
        .description(help)
        .tags(labels.entrySet().stream().map(e -> Tag.of(e.getKey(), e.getValue())).toList())
        .strongReference(true)
        .register(registry);
  }
}
