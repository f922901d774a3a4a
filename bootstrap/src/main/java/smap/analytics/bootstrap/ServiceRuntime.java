package smap.analytics.bootstrap;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.impl.MicrometerMetricsCollector;
import com.zaxxer.hikari.HikariDataSource;
import io.minio.MinioClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.UnaryOperator;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import smap.analytics.adapter.amqp.RabbitBrokerStatusAdapter;
import smap.analytics.adapter.amqp.RabbitConnections;
import smap.analytics.adapter.amqp.RabbitDependencyProbeAdapter;
import smap.analytics.adapter.amqp.RabbitSettings;
import smap.analytics.adapter.amqp.RabbitTopology;
import smap.analytics.adapter.minio.MinioBatchObjectAdapter;
import smap.analytics.adapter.minio.MinioDependencyProbeAdapter;
import smap.analytics.adapter.postgres.JdbcDependencyProbeAdapter;
import smap.analytics.adapter.postgres.JooqBatchLedgerAdapter;
import smap.analytics.adapter.postgres.JooqFeatureFlagAdapter;
import smap.analytics.adapter.postgres.JooqOperationalStatsAdapter;
import smap.analytics.adapter.postgres.JooqResultOutboxAdapter;
import smap.analytics.adapter.postgres.JooqRetentionAdapter;
import smap.analytics.adapter.postgres.PostgresDataSources;
import smap.analytics.adapter.web.OpsHandlers;
import smap.analytics.adapter.web.WebServer;
import smap.analytics.adapter.web.console.ConsoleUseCases;
import smap.analytics.adapter.web.console.ConsoleUser;
import smap.analytics.adapter.web.metrics.MicrometerPipelineMetricsAdapter;
import smap.analytics.adapter.web.metrics.MicrometerRetentionMetricsAdapter;
import smap.analytics.application.port.out.BatchLedgerPort;
import smap.analytics.application.port.out.BatchObjectPort;
import smap.analytics.application.port.out.FeatureFlagPort;
import smap.analytics.application.service.CheckReadinessService;
import smap.analytics.application.service.FeatureFlagCache;
import smap.analytics.application.service.ProcessDeliveryService;
import smap.analytics.application.service.PruneRetentionService;
import smap.analytics.application.service.SampleOperationsService;
import smap.analytics.bootstrap.config.ServiceSettings;
import smap.analytics.domain.analysis.PostAnalyser;
import smap.analytics.domain.flag.FeatureFlag;

/**
 * Composition root: builds the clients, then the adapters, then the services, then the consumer,
 * the outbox relay and the web server, and closes them in reverse order. No DI container, no static
 * singletons (STYLE 6).
 */
public final class ServiceRuntime implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ServiceRuntime.class);
  private static final long MAX_BATCH_BYTES = 256L * 1024 * 1024;

  /** What a running process does. */
  public enum Mode {
    /** Consumer and relay; HTTP serves only /healthz, /readyz, /metrics. */
    HEADLESS,
    /** Consumer, relay and the operator console. */
    SERVE,
    /** The operator console (with replays) and the relay; no queue consumption. */
    CONSOLE_ONLY
  }

  /** The kind of AMQP 0-9-1 broker the runtime talks to. */
  public enum Broker {
    /** RabbitMQ: the topology with its queue arguments (dead-letter exchange). */
    RABBITMQ,
    /** A plain AMQP 0-9-1 broker (the demo's embedded one): queues without RabbitMQ's arguments. */
    PLAIN_AMQP
  }

  private final List<AutoCloseable> resources = new ArrayList<>();
  private HikariDataSource dataSource;
  private HikariDataSource consolePool;
  private HikariDataSource opsPool;
  private BatchLedgerPort ledger;
  private FeatureFlagPort flags;
  private FeatureFlagCache flagCache;
  private WebServer web;
  private List<String> topologyWarnings = List.of();
  private java.util.function.Supplier<List<String>> blockers = List::of;
  private Duration shutdownTimeout = Duration.ofSeconds(30);
  private volatile long shutdownDeadline;

  private ServiceRuntime() {}

  /** Applies the migrations and returns a one-line summary. */
  public static String migrate(ServiceSettings settings) {
    return Pools.migrate(settings);
  }

  /** Lists the pending migrations without applying any (the database must exist). */
  public static String migrateDryRun(ServiceSettings settings) {
    return Pools.migrateDryRun(settings);
  }

  /** Starts every part of {@code mode}; on failure, closes what was started and rethrows. */
  public static ServiceRuntime start(ServiceSettings settings, Mode mode) {
    return start(settings, mode, Broker.RABBITMQ, UnaryOperator.identity());
  }

  /**
   * As {@link #start(ServiceSettings, Mode)}, with the object store port wrapped by {@code
   * objects}: the fault tests wire in a port that fails on purpose.
   */
  public static ServiceRuntime start(
      ServiceSettings settings, Mode mode, UnaryOperator<BatchObjectPort> objects) {
    return start(settings, mode, Broker.RABBITMQ, objects);
  }

  /** Starts every part of {@code mode} against a broker of the given kind. */
  public static ServiceRuntime start(ServiceSettings settings, Mode mode, Broker broker) {
    return start(settings, mode, broker, UnaryOperator.identity());
  }

  private static ServiceRuntime start(
      ServiceSettings settings, Mode mode, Broker broker, UnaryOperator<BatchObjectPort> objects) {
    ServiceRuntime runtime = new ServiceRuntime();
    try {
      runtime.wire(settings, mode, broker, objects);
      return runtime;
    } catch (RuntimeException e) {
      runtime.close();
      throw e;
    }
  }

  private void wire(
      ServiceSettings settings,
      Mode mode,
      Broker broker,
      UnaryOperator<BatchObjectPort> objectsWrapper) {
    Clock clock = Clock.systemUTC();
    shutdownTimeout = settings.deadlines().shutdown();
    // Checked first, so a console without users stops before anything is consumed.
    Map<String, ConsoleUser> users =
        mode == Mode.HEADLESS ? Map.of() : FromSettings.consoleUsers(settings);
    PostAnalyser analyser = FromSettings.analyser(settings);
    MicrometerPipelineMetricsAdapter metrics = new MicrometerPipelineMetricsAdapter();
    resources.add(metrics.bindJvmAndProcess());

    ServiceSettings.Deadlines deadlines = settings.deadlines();
    Pools pools = Pools.open(settings, metrics.registry(), resources);
    dataSource = pools.pipeline();
    consolePool = pools.console();
    opsPool = pools.ops();
    DSLContext dsl = PostgresDataSources.pipeline(dataSource);
    DSLContext opsDsl = DSL.using(opsPool, SQLDialect.POSTGRES);
    Background background = new Background(resources);
    ledger = new JooqBatchLedgerAdapter(dsl);
    JooqResultOutboxAdapter outbox =
        new JooqResultOutboxAdapter(
            dsl,
            settings.instanceId() + "-" + java.util.UUID.randomUUID().toString().substring(0, 8),
            deadlines.outboxLease());
    flags = new JooqFeatureFlagAdapter(dsl, dataSource);
    flagCache = new FeatureFlagCache(flags, settings.instanceId(), clock);
    flagCache.start();
    resources.add(flagCache);

    ServiceSettings.ObjectStore store = settings.objectStore();
    MinioClient minio = FromSettings.minio(settings);
    MinioBatchObjectAdapter objects =
        new MinioBatchObjectAdapter(minio, MAX_BATCH_BYTES, store.itemsPerBatchMax());

    RabbitSettings rabbit = FromSettings.rabbit(settings);
    Connection connection =
        RabbitConnections.open(
            rabbit,
            "smap-analytics " + settings.instanceId(),
            settings.maxConcurrentBatches() + 2,
            new MicrometerMetricsCollector(metrics.registry(), "rabbitmq"));
    resources.add(connection::close);
    topologyWarnings = RabbitTopology.declare(connection, rabbit, broker == Broker.RABBITMQ);
    metrics.gauge(
        "analytics_rabbitmq_connection_status",
        "1 while the broker connection is open",
        () -> connection.isOpen() ? 1 : 0);
    metrics.gauge(
        "analytics_database_connection_pool_size",
        "Connections open in the pool",
        () ->
            dataSource.getHikariPoolMXBean() == null
                ? 0
                : dataSource.getHikariPoolMXBean().getTotalConnections());

    ProcessDeliveryService delivery =
        new ProcessDeliveryService(
            objectsWrapper.apply(objects),
            ledger,
            metrics,
            flagCache,
            analyser,
            settings.pipeline(),
            clock);
    Runnable relayNow =
        RelayWiring.start(
            new RelayWiring.Parts(outbox, connection, rabbit, metrics, flagCache, clock),
            settings,
            background,
            resources,
            this::remainingShutdownTime);

    if (mode != Mode.CONSOLE_ONLY) {
      blockers =
          ConsumerWiring.start(
              settings,
              connection,
              rabbit,
              delivery,
              relayNow,
              flagCache,
              metrics,
              clock,
              resources,
              this::remainingShutdownTime);
      // Retention: one pass per interval, the first a minute after start.
      PruneRetentionService retention =
          new PruneRetentionService(
              new JooqRetentionAdapter(dsl),
              new MicrometerRetentionMetricsAdapter(metrics.registry()),
              settings.retention(),
              clock);
      long interval = settings.retentionInterval().toSeconds();
      ScheduledExecutorService loop =
          background.every(
              "retention",
              Duration.ofSeconds(Math.min(60, interval)),
              Duration.ofSeconds(interval),
              retention::pruneOnce);
      // Interrupted first on close: a pass stops between two statements instead of running on.
      resources.add(loop::shutdownNow);
    }

    CheckReadinessService readiness =
        new CheckReadinessService(
            List.of(
                new JdbcDependencyProbeAdapter(opsPool),
                new RabbitDependencyProbeAdapter(connection, rabbit.eventQueue()),
                new MinioDependencyProbeAdapter(minio, store.bucket())),
            () -> topologyWarnings,
            () -> blockers.get());
    readiness.start(Duration.ofSeconds(1), Duration.ofMillis(700));
    resources.add(readiness);
    SampleOperationsService sampler =
        new SampleOperationsService(
            readiness,
            new RabbitBrokerStatusAdapter(connection, rabbit),
            new JooqOperationalStatsAdapter(opsDsl),
            metrics);
    sampler.sample();
    background.every(
        "operations-sampler", Duration.ofSeconds(5), Duration.ofSeconds(5), sampler::sample);
    metrics.gauge(
        "analytics_consumption_paused",
        "1 while the consumption-paused kill switch holds this instance's consumers",
        () -> flagCache.current().enabled(FeatureFlag.CONSUMPTION_PAUSED) ? 1 : 0);
    ConsoleUseCases console = null;
    if (mode != Mode.HEADLESS) {
      console =
          ConsoleWiring.build(
              settings,
              new ConsoleWiring.Parts(
                  DSL.using(consolePool, SQLDialect.POSTGRES),
                  ledger,
                  delivery,
                  readiness,
                  new RabbitBrokerStatusAdapter(connection, rabbit),
                  flagCache,
                  flags,
                  users,
                  metrics,
                  clock),
              background,
              resources);
    }
    web =
        WebServer.start(settings.httpPort(), new OpsHandlers(readiness, metrics::scrape), console);
    resources.add(web);
    LOG.info(
        "smap-analytics started ({}), instance {}, http port {}",
        mode,
        settings.instanceId(),
        web.port());
  }

  public int httpPort() {
    return web == null ? -1 : web.port();
  }

  /** The ledger, for the demo's report and the end-to-end tests. */
  public BatchLedgerPort ledger() {
    return ledger;
  }

  /** The flags, for the demo and the tests. */
  public FeatureFlagPort flags() {
    return flags;
  }

  public FeatureFlagCache flagCache() {
    return flagCache;
  }

  public javax.sql.DataSource dataSource() {
    return dataSource;
  }

  /** The console's own pool (console queries, audit, replay jobs). */
  public HikariDataSource consolePool() {
    return consolePool;
  }

  /** The pipeline's pool. */
  public HikariDataSource pipelinePool() {
    return dataSource;
  }

  public List<String> topologyWarnings() {
    return topologyWarnings;
  }

  /** What is left of the shutdown budget, keeping {@code reserve} for the steps after. */
  private Duration remainingShutdownTime(Duration reserve) {
    long left = shutdownDeadline - System.nanoTime() - reserve.toNanos();
    return Duration.ofNanos(Math.max(left, Duration.ofMillis(500).toNanos()));
  }

  /**
   * Graceful stop within SHUTDOWN_TIMEOUT_SECONDS: the web server, then the consumer (no new
   * deliveries; those in flight finish or go back to the broker), the relay loop, the outbox marks
   * kept through an outage, and the connections.
   */
  @Override
  public void close() {
    shutdownDeadline = System.nanoTime() + shutdownTimeout.toNanos();
    for (int i = resources.size() - 1; i >= 0; i--) {
      try {
        resources.get(i).close();
      } catch (Exception e) {
        LOG.warn("closing {} failed: {}", resources.get(i), e.toString());
      }
    }
    resources.clear();
  }
}
