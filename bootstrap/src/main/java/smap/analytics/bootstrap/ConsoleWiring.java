package smap.analytics.bootstrap;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import smap.analytics.adapter.amqp.JacksonMessageDecoderAdapter;
import smap.analytics.adapter.postgres.JooqResultOutboxAdapter;
import smap.analytics.adapter.postgres.console.JooqAuditLogAdapter;
import smap.analytics.adapter.postgres.console.JooqConsoleQueryAdapter;
import smap.analytics.adapter.postgres.console.JooqReplayJobAdapter;
import smap.analytics.adapter.web.console.ConsoleOptions;
import smap.analytics.adapter.web.console.ConsoleUseCases;
import smap.analytics.adapter.web.console.ConsoleUser;
import smap.analytics.application.port.in.CheckReadinessUseCase;
import smap.analytics.application.port.in.ProcessDeliveryUseCase;
import smap.analytics.application.port.in.console.ReplayBatchesUseCase;
import smap.analytics.application.port.out.BatchLedgerPort;
import smap.analytics.application.port.out.FeatureFlagPort;
import smap.analytics.application.port.out.PipelineMetricsPort;
import smap.analytics.application.port.out.console.BrokerStatusPort;
import smap.analytics.application.service.FeatureFlagCache;
import smap.analytics.application.service.console.AuditTrailService;
import smap.analytics.application.service.console.BrowseBatchesService;
import smap.analytics.application.service.console.InspectCrawlErrorsService;
import smap.analytics.application.service.console.ManageFlagsService;
import smap.analytics.application.service.console.ReplayBatchService;
import smap.analytics.application.service.console.ReplayBatchesService;
import smap.analytics.application.service.console.ResendUnroutableResultsService;
import smap.analytics.application.service.console.ShowOverviewService;
import smap.analytics.bootstrap.config.ServiceSettings;

/**
 * Composition root: the operator console's adapters and use cases, on the console's own pool and
 * query threads, with the replay-job loop scheduled.
 */
final class ConsoleWiring {

  private ConsoleWiring() {}

  /** What the console's use cases are built on. */
  record Parts(
      DSLContext consoleDsl,
      BatchLedgerPort ledger,
      ProcessDeliveryUseCase delivery,
      CheckReadinessUseCase readiness,
      BrokerStatusPort brokerStatus,
      FeatureFlagCache flagCache,
      FeatureFlagPort flags,
      Map<String, ConsoleUser> users,
      PipelineMetricsPort metrics,
      Clock clock) {}

  static ConsoleUseCases build(
      ServiceSettings settings, Parts parts, Background background, List<AutoCloseable> resources) {
    ServiceSettings.Console console = settings.console();
    ThreadPoolExecutor consoleQueries =
        new ThreadPoolExecutor(
            console.poolSize(),
            console.poolSize(),
            60,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(console.poolSize() * 2),
            r -> {
              Thread t = new Thread(r, "console-query");
              t.setDaemon(true);
              return t;
            });
    resources.add(consoleQueries::shutdownNow);
    JooqConsoleQueryAdapter queries =
        new JooqConsoleQueryAdapter(parts.consoleDsl(), consoleQueries);
    JooqAuditLogAdapter audit = new JooqAuditLogAdapter(parts.consoleDsl());
    ReplayBatchService replay =
        new ReplayBatchService(
            parts.ledger(),
            parts.delivery(),
            new JacksonMessageDecoderAdapter(),
            audit,
            parts.clock());
    ReplayBatchesUseCase replays =
        new ReplayBatchesService(
            new JooqReplayJobAdapter(parts.consoleDsl()), replay, audit, parts.clock());
    background.every("replay-jobs", Duration.ofMillis(100), Duration.ofMillis(50), replays::runDue);
    return new ConsoleUseCases(
        new ShowOverviewService(
            queries, parts.readiness(), parts.brokerStatus(), parts.flagCache(), parts.clock()),
        new BrowseBatchesService(queries),
        new InspectCrawlErrorsService(queries),
        replay,
        replays,
        new ManageFlagsService(parts.flags(), audit, parts.clock()),
        new AuditTrailService(audit),
        new ResendUnroutableResultsService(
            new JooqResultOutboxAdapter(parts.consoleDsl()), audit, parts.metrics(), parts.clock()),
        parts.users(),
        settings.secureCookies(),
        new ConsoleOptions(
            console.sessionIdle(),
            console.sessionMax(),
            console.maxSessions(),
            console.maxFailuresPerUser(),
            console.maxFailuresPerAddress(),
            console.lockout(),
            console.maxConcurrentRequests()));
  }
}
