package smap.analytics.application.service.console;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import smap.analytics.application.port.in.CheckReadinessUseCase;
import smap.analytics.application.port.in.console.ShowOverviewUseCase;
import smap.analytics.application.port.out.console.BrokerStatusPort;
import smap.analytics.application.port.out.console.ConsoleQueryPort;
import smap.analytics.application.service.FeatureFlagCache;
import smap.analytics.domain.console.BatchFilter;
import smap.analytics.domain.console.Count;
import smap.analytics.domain.console.QueueStatus;
import smap.analytics.domain.console.Throughput;
import smap.analytics.domain.flag.FeatureFlag;
import smap.analytics.domain.outbox.OutboxStatus;

/** Service: the overview of the last five minutes. */
public final class ShowOverviewService implements ShowOverviewUseCase {

  private static final int WINDOW_SECONDS = 300;

  private final ConsoleQueryPort queries;
  private final CheckReadinessUseCase readiness;
  private final BrokerStatusPort broker;
  private final FeatureFlagCache flags;
  private final Clock clock;

  public ShowOverviewService(
      ConsoleQueryPort queries,
      CheckReadinessUseCase readiness,
      BrokerStatusPort broker,
      FeatureFlagCache flags,
      Clock clock) {
    this.queries = queries;
    this.readiness = readiness;
    this.broker = broker;
    this.flags = flags;
    this.clock = clock;
  }

  @Override
  public Overview overview() {
    Instant now = clock.instant();
    List<Throughput> throughput = queries.throughput(now.minusSeconds(WINDOW_SECONDS), now);
    long batches = throughput.stream().mapToLong(Throughput::batches).sum();
    long items = throughput.stream().mapToLong(Throughput::items).sum();
    List<Count> outbox = queries.outbox();
    long unroutable =
        outbox.stream()
            .filter(c -> OutboxStatus.parse(c.label()).orElse(null) == OutboxStatus.UNROUTABLE)
            .mapToLong(Count::count)
            .sum();
    List<QueueStatus> queues = broker.queues();
    long parked =
        queues.stream()
            .filter(q -> q.role().equals(QueueStatus.DEAD_LETTER) && q.readable())
            .mapToLong(QueueStatus::ready)
            .sum();
    CheckReadinessUseCase.Readiness ready = readiness.check();
    return new Overview(
        WINDOW_SECONDS,
        (double) batches / WINDOW_SECONDS,
        (double) items / WINDOW_SECONDS,
        throughput,
        outbox,
        unroutable,
        queues,
        parked,
        ready.dependencies(),
        ready.warnings(),
        flags.current().enabled(FeatureFlag.CONSUMPTION_PAUSED),
        queries.batches(BatchFilter.ANY, null, 10));
  }
}
