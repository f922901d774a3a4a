package smap.analytics.bootstrap;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.impl.MicrometerMetricsCollector;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.minio.MinioClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import smap.analytics.adapter.amqp.JacksonMessageDecoderAdapter;
import smap.analytics.adapter.amqp.RabbitBrokerStatusAdapter;
import smap.analytics.adapter.amqp.RabbitConnections;
import smap.analytics.adapter.amqp.RabbitDeliveryConsumerAdapter;
import smap.analytics.adapter.amqp.RabbitDependencyProbeAdapter;
import smap.analytics.adapter.amqp.RabbitResultPublisherAdapter;
import smap.analytics.adapter.amqp.RabbitSettings;
import smap.analytics.adapter.amqp.RabbitTopology;
import smap.analytics.adapter.minio.MinioBatchObjectAdapter;
import smap.analytics.adapter.minio.MinioClients;
import smap.analytics.adapter.minio.MinioDependencyProbeAdapter;
import smap.analytics.adapter.postgres.FlywayMigrator;
import smap.analytics.adapter.postgres.JdbcDependencyProbeAdapter;
import smap.analytics.adapter.postgres.JooqBatchLedgerAdapter;
import smap.analytics.adapter.postgres.JooqFeatureFlagAdapter;
import smap.analytics.adapter.postgres.JooqOperationalStatsAdapter;
import smap.analytics.adapter.postgres.JooqResultOutboxAdapter;
import smap.analytics.adapter.postgres.JooqRetentionAdapter;
import smap.analytics.adapter.postgres.PostgresDataSources;
import smap.analytics.adapter.postgres.console.JooqAuditLogAdapter;
import smap.analytics.adapter.postgres.console.JooqConsoleQueryAdapter;
import smap.analytics.adapter.postgres.console.JooqReplayJobAdapter;
import smap.analytics.adapter.web.OpsHandlers;
import smap.analytics.adapter.web.WebServer;
import smap.analytics.adapter.web.console.ConsoleOptions;
import smap.analytics.adapter.web.console.ConsoleUseCases;
import smap.analytics.adapter.web.console.ConsoleUser;
import smap.analytics.adapter.web.metrics.MicrometerPipelineMetricsAdapter;
import smap.analytics.adapter.web.metrics.MicrometerRetentionMetricsAdapter;
import smap.analytics.application.port.in.console.ReplayBatchesUseCase;
import smap.analytics.application.port.out.BatchLedgerPort;
import smap.analytics.application.port.out.BatchObjectPort;
import smap.analytics.application.port.out.FeatureFlagPort;
import smap.analytics.application.service.CheckReadinessService;
import smap.analytics.application.service.FeatureFlagCache;
import smap.analytics.application.service.ProcessDeliveryService;
import smap.analytics.application.service.PruneRetentionService;
import smap.analytics.application.service.RelayResultsService;
import smap.analytics.application.service.SampleOperationsService;
import smap.analytics.application.service.console.AuditTrailService;
import smap.analytics.application.service.console.BrowseBatchesService;
import smap.analytics.application.service.console.InspectCrawlErrorsService;
import smap.analytics.application.service.console.ManageFlagsService;
import smap.analytics.application.service.console.ReplayBatchService;
import smap.analytics.application.service.console.ReplayBatchesService;
import smap.analytics.application.service.console.ShowOverviewService;
import smap.analytics.bootstrap.config.ConfigurationException;
import smap.analytics.bootstrap.config.ServiceSettings;
import smap.analytics.domain.analysis.AnalysisRules;
import smap.analytics.domain.analysis.AnalysisSettings;
import smap.analytics.domain.analysis.PostAnalyser;
import smap.analytics.domain.analysis.RuleFileException;
import smap.analytics.domain.flag.FeatureFlag;
import smap.analytics.domain.flag.FlagSnapshot;

/**
 * Composition root: builds the clients, then the adapters, then the services, then the consumer,
 * the outbox relay and the web server, and closes them in reverse order. No DI container, no static
 * singletons (STYLE 6).
 */
public final class ServiceRuntime implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ServiceRuntime.class);
  private static final long MAX_BATCH_BYTES = 256L * 1024 * 1024;
  private static final int RELAY_BATCH = 50;

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
    ServiceSettings.Database db = settings.database();
    PostgresDataSources.createDatabaseIfMissing(db.url(), db.user(), db.password());
    try (HikariDataSource dataSource =
        PostgresDataSources.create(db.url(), db.user(), db.password(), 2)) {
      return FlywayMigrator.migrate(dataSource);
    }
  }

  /** Lists the pending migrations without applying any (the database must exist). */
  public static String migrateDryRun(ServiceSettings settings) {
    ServiceSettings.Database db = settings.database();
    try (HikariDataSource dataSource =
        PostgresDataSources.create(db.url(), db.user(), db.password(), 2)) {
      return FlywayMigrator.dryRun(dataSource);
    }
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
    Map<String, ConsoleUser> users = mode == Mode.HEADLESS ? Map.of() : consoleUsers(settings);
    PostAnalyser analyser = analyser(settings);
    MicrometerPipelineMetricsAdapter metrics = new MicrometerPipelineMetricsAdapter();
    resources.add(metrics.bindJvmAndProcess());

    ServiceSettings.Database db = settings.database();
    if (settings.migrateOnStart()) {
      PostgresDataSources.createDatabaseIfMissing(db.url(), db.user(), db.password());
    }
    ServiceSettings.Deadlines deadlines = settings.deadlines();
    dataSource =
        PostgresDataSources.create(
            db.url(),
            db.user(),
            db.password(),
            db.poolSize(),
            deadlines.statement(),
            deadlines.databaseSocket());
    resources.add(dataSource);
    dataSource.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(metrics.registry()));
    if (settings.migrateOnStart()) {
      LOG.info(FlywayMigrator.migrate(dataSource));
    } else {
      FlywayMigrator.requireCurrent(dataSource);
    }
    DSLContext dsl = DSL.using(dataSource, SQLDialect.POSTGRES);
    // The console reads through its own small pool with a statement timeout, so no amount of
    // console traffic takes a connection the pipeline needs.
    ServiceSettings.Console consoleSettings = settings.console();
    consolePool =
        PostgresDataSources.create(
            db.url(),
            db.user(),
            db.password(),
            consoleSettings.poolSize(),
            consoleSettings.statementTimeout(),
            Duration.ZERO);
    resources.add(consolePool);
    DSLContext consoleDsl = DSL.using(consolePool, SQLDialect.POSTGRES);
    // /readyz and the operations sampler behind the /metrics gauges get one connection of their
    // own: a busy console must not make the instance look unready, nor take the pipeline's.
    opsPool =
        PostgresDataSources.create(
            db.url(), db.user(), db.password(), 1, Duration.ofSeconds(5), Duration.ZERO);
    resources.add(opsPool);
    DSLContext opsDsl = DSL.using(opsPool, SQLDialect.POSTGRES);
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
    MinioClient minio =
        MinioClients.create(
            store.endpoint().toString(),
            store.accessKey(),
            store.secretKey(),
            store.region(),
            deadlines.objectStoreConnect(),
            deadlines.objectStoreRead());
    MinioBatchObjectAdapter objects =
        new MinioBatchObjectAdapter(minio, MAX_BATCH_BYTES, store.itemsPerBatchMax());

    ServiceSettings.Broker b = settings.broker();
    RabbitSettings rabbit =
        new RabbitSettings(
                b.url(),
                b.eventExchange(),
                b.eventQueue(),
                b.eventRoutingKey(),
                b.legacyQueue(),
                b.deadLetterQueue(),
                b.publishExchange(),
                b.publishRoutingKey(),
                settings.maxConcurrentBatches())
            .withEventQueueType(b.eventQueueType(), b.eventQueueDeliveryLimit())
            .withPrefetch(b.prefetch());
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
    RabbitResultPublisherAdapter publisher = new RabbitResultPublisherAdapter(connection, rabbit);
    resources.add(publisher);
    RelayResultsService relay =
        new RelayResultsService(
            outbox,
            publisher,
            metrics,
            flagCache,
            clock,
            settings.pipeline().retry().backoffRule(),
            deadlines.outboxLease());
    // Closed after the relay loop stops: the broker answers kept through an outage are recorded
    // before the connections close.
    resources.add(
        () -> {
          int left = relay.flush(remainingShutdownTime(Duration.ofSeconds(1)));
          if (left > 0) {
            LOG.error(
                "{} confirmed results could not be marked published before exit; another"
                    + " instance republishes them after OUTBOX_LEASE_SECONDS",
                left);
          }
        });
    background("outbox-relay")
        .scheduleWithFixedDelay(() -> relayAll(relay), 200, 200, TimeUnit.MILLISECONDS);

    if (mode != Mode.CONSOLE_ONLY) {
      RabbitDeliveryConsumerAdapter consumer =
          new RabbitDeliveryConsumerAdapter(
              connection,
              rabbit,
              delivery,
              clock,
              settings.pipeline().retry().backoffRule(),
              deadlines.batch());
      flagCache.onChange(
          all -> {
            FlagSnapshot snapshot = all.forInstance(settings.instanceId());
            if (snapshot.enabled(FeatureFlag.CONSUMPTION_PAUSED)) {
              consumer.pause();
            } else {
              consumer.resume();
            }
            consumer.consumeEvents(snapshot.enabled(FeatureFlag.BATCH_FORMAT));
            consumer.consumeLegacy(snapshot.enabled(FeatureFlag.LEGACY_FORMAT));
          });
      consumer.start();
      resources.add(
          () -> {
            int left = consumer.close(remainingShutdownTime(Duration.ofSeconds(5)));
            LOG.info(
                "consumer stopped; {} deliveries still in flight were left to the broker", left);
          });
      metrics.gauge(
          "analytics_batches_in_flight", "Deliveries being processed", consumer::inFlight);
      Duration stallAfter = deadlines.batch().plusSeconds(60);
      metrics.gauge(
          "analytics_consumer_stalled",
          "1 while deliveries are in flight and none started or finished for BATCH_TIMEOUT_SECONDS"
              + " + 60 s",
          () -> consumer.stalled(stallAfter).isPresent() ? 1 : 0);
      blockers = () -> consumer.stalled(stallAfter).stream().toList();
    }

    if (mode != Mode.CONSOLE_ONLY) {
      startRetention(settings, dsl, metrics, clock);
    }

    CheckReadinessService readiness =
        new CheckReadinessService(
            List.of(
                new JdbcDependencyProbeAdapter(opsPool),
                new RabbitDependencyProbeAdapter(connection, b.eventQueue()),
                new MinioDependencyProbeAdapter(minio, store.bucket())),
            () -> topologyWarnings,
            () -> blockers.get());
    readiness.start(Duration.ofSeconds(1), Duration.ofMillis(700));
    resources.add(readiness);
    sampleOperations(
        new SampleOperationsService(
            readiness,
            new RabbitBrokerStatusAdapter(connection, rabbit),
            new JooqOperationalStatsAdapter(opsDsl),
            metrics));
    metrics.gauge(
        "analytics_consumption_paused",
        "1 while the consumption-paused kill switch holds this instance's consumers",
        () -> flagCache.current().enabled(FeatureFlag.CONSUMPTION_PAUSED) ? 1 : 0);
    ConsoleUseCases console = null;
    if (mode != Mode.HEADLESS) {
      ThreadPoolExecutor consoleQueries =
          new ThreadPoolExecutor(
              consoleSettings.poolSize(),
              consoleSettings.poolSize(),
              60,
              TimeUnit.SECONDS,
              new ArrayBlockingQueue<>(consoleSettings.poolSize() * 2),
              r -> {
                Thread t = new Thread(r, "console-query");
                t.setDaemon(true);
                return t;
              });
      resources.add(consoleQueries::shutdownNow);
      JooqConsoleQueryAdapter queries = new JooqConsoleQueryAdapter(consoleDsl, consoleQueries);
      JooqAuditLogAdapter audit = new JooqAuditLogAdapter(consoleDsl);
      ReplayBatchService replay =
          new ReplayBatchService(
              ledger, delivery, new JacksonMessageDecoderAdapter(), audit, clock);
      ReplayBatchesUseCase replays =
          new ReplayBatchesService(new JooqReplayJobAdapter(consoleDsl), replay, audit, clock);
      ScheduledExecutorService replayLoop = background("replay-jobs");
      replayLoop.scheduleWithFixedDelay(
          () -> {
            try {
              replays.runDue();
            } catch (RuntimeException e) {
              LOG.warn("replay jobs: {}", e.toString());
            }
          },
          100,
          50,
          TimeUnit.MILLISECONDS);
      console =
          new ConsoleUseCases(
              new ShowOverviewService(
                  queries,
                  readiness,
                  new RabbitBrokerStatusAdapter(connection, rabbit),
                  flagCache,
                  clock),
              new BrowseBatchesService(queries),
              new InspectCrawlErrorsService(queries),
              replay,
              replays,
              new ManageFlagsService(flags, audit, clock),
              new AuditTrailService(audit),
              users,
              settings.secureCookies(),
              new ConsoleOptions(
                  consoleSettings.sessionIdle(),
                  consoleSettings.sessionMax(),
                  consoleSettings.maxSessions(),
                  consoleSettings.maxFailuresPerUser(),
                  consoleSettings.maxFailuresPerAddress(),
                  consoleSettings.lockout(),
                  consoleSettings.maxConcurrentRequests()));
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

  /** Samples the operator's gauges every few seconds on a thread of its own. */
  private void sampleOperations(SampleOperationsService sampler) {
    sampler.sample();
    background("operations-sampler")
        .scheduleWithFixedDelay(sampler::sample, 5, 5, TimeUnit.SECONDS);
  }

  /** A daemon thread for a periodic task, stopped (and awaited) when the runtime closes. */
  private ScheduledExecutorService background(String threadName) {
    ScheduledExecutorService loop =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, threadName);
              t.setDaemon(true);
              return t;
            });
    resources.add(
        () -> {
          loop.shutdown();
          loop.awaitTermination(10, TimeUnit.SECONDS);
        });
    return loop;
  }

  /** The retention job: one pass per interval, the first a minute after start. */
  private void startRetention(
      ServiceSettings settings,
      DSLContext dsl,
      MicrometerPipelineMetricsAdapter metrics,
      Clock clock) {
    PruneRetentionService retention =
        new PruneRetentionService(
            new JooqRetentionAdapter(dsl),
            new MicrometerRetentionMetricsAdapter(metrics.registry()),
            settings.retention(),
            clock);
    ScheduledExecutorService loop = background("retention");
    // Interrupted first on close: a pass stops between two statements instead of running on.
    resources.add(loop::shutdownNow);
    long interval = settings.retentionInterval().toSeconds();
    loop.scheduleWithFixedDelay(
        () -> {
          try {
            retention.pruneOnce();
          } catch (RuntimeException e) {
            LOG.warn("retention: {}", e.toString());
          }
        },
        Math.min(60, interval),
        interval,
        TimeUnit.SECONDS);
  }

  private static Map<String, ConsoleUser> consoleUsers(ServiceSettings settings) {
    Map<String, ConsoleUser> users;
    try {
      users = ConsoleUser.parse(settings.consoleUsers());
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException("CONSOLE_USERS", e.getMessage());
    }
    if (users.isEmpty()) {
      throw new ConfigurationException(
          "CONSOLE_USERS",
          "the console needs users (name:role:bcrypt-hash,...); there is no default password");
    }
    return users;
  }

  private static PostAnalyser analyser(ServiceSettings settings) {
    AnalysisSettings analysis;
    try {
      analysis = AnalysisSettings.fromSettings(settings.environment());
    } catch (IllegalArgumentException e) {
      String message = e.getMessage();
      int colon = message.indexOf(':');
      throw new ConfigurationException(
          message.substring(0, colon), message.substring(colon + 1).strip());
    }
    ServiceSettings.RulePaths paths = settings.rules();
    try {
      AnalysisRules rules =
          AnalysisRules.load(
              paths.intentPatterns(), paths.aspectDictionary(), paths.sentimentLexicon());
      return new PostAnalyser(rules, analysis, rules.lexicon());
    } catch (RuleFileException e) {
      throw new ConfigurationException("rule file", e.getMessage());
    }
  }

  private static void relayAll(RelayResultsService relay) {
    try {
      while (relay.relayPending(RELAY_BATCH) == RELAY_BATCH) {
        // keep going while full pages come back
      }
    } catch (RuntimeException e) {
      LOG.warn("outbox relay: {}", e.toString());
    }
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
