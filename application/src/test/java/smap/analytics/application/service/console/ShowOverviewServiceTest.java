package smap.analytics.application.service.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import smap.analytics.application.fake.InMemoryFeatureFlags;
import smap.analytics.application.port.in.CheckReadinessUseCase;
import smap.analytics.application.port.in.CheckReadinessUseCase.Dependency;
import smap.analytics.application.port.in.console.ShowOverviewUseCase.Overview;
import smap.analytics.application.port.out.console.ConsoleQueryPort;
import smap.analytics.application.service.FeatureFlagCache;
import smap.analytics.domain.batch.EventId;
import smap.analytics.domain.console.BatchDetail;
import smap.analytics.domain.console.BatchFilter;
import smap.analytics.domain.console.BatchRow;
import smap.analytics.domain.console.Count;
import smap.analytics.domain.console.Cursor;
import smap.analytics.domain.console.ErrorGroup;
import smap.analytics.domain.console.ErrorRow;
import smap.analytics.domain.console.QueueStatus;
import smap.analytics.domain.console.SeriesPoint;
import smap.analytics.domain.console.Throughput;

class ShowOverviewServiceTest {

  private static final Instant NOW = Instant.parse("2025-12-17T10:00:00Z");
  private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

  /** The queries the overview makes, answered with fixed rows. */
  private static final class FixedQueries implements ConsoleQueryPort {
    Instant throughputFrom;

    @Override
    public List<BatchRow> batches(BatchFilter filter, Cursor after, int limit) {
      return List.of();
    }

    @Override
    public Optional<BatchDetail> batch(EventId eventId) {
      return Optional.empty();
    }

    @Override
    public List<ErrorGroup> errorGroups(Instant from, Instant to, String source) {
      return List.of();
    }

    @Override
    public ErrorAggregates errorAggregates(
        Instant from, Instant to, long bucketSeconds, String source) {
      return null;
    }

    @Override
    public List<SeriesPoint> errorSeries(
        Instant from, Instant to, long bucketSeconds, String source) {
      return List.of();
    }

    @Override
    public List<ErrorRow> errors(String code, Instant from, Instant to, int limit) {
      return List.of();
    }

    @Override
    public List<Throughput> throughput(Instant from, Instant to) {
      throughputFrom = from;
      return List.of(
          new Throughput("TIKTOK", "SUCCEEDED", 240, 12_000, 11_400, 600),
          new Throughput("YOUTUBE", "PARTIAL", 60, 1_200, 1_100, 100));
    }

    @Override
    public List<Count> outbox() {
      return List.of(new Count("PUBLISHED", 300), new Count("UNROUTABLE", 2));
    }
  }

  @Test
  void ratesOutboxQueuesAndParkedMessagesOfTheLastFiveMinutes() {
    FixedQueries queries = new FixedQueries();
    CheckReadinessUseCase readiness =
        () ->
            new CheckReadinessUseCase.Readiness(
                true, List.of(new Dependency("rabbitmq", true, "ok")), List.of());
    List<QueueStatus> queues =
        List.of(
            new QueueStatus("events", "analytics.data.collected", 12, 4, null),
            new QueueStatus("legacy", "analytics.legacy", -1, 0, "NOT_FOUND - no queue"),
            new QueueStatus(QueueStatus.DEAD_LETTER, "analytics.dead", 3, 0, null));
    ShowOverviewService service =
        new ShowOverviewService(
            queries,
            readiness,
            () -> queues,
            new FeatureFlagCache(new InMemoryFeatureFlags(), "test", clock),
            clock);

    Overview overview = service.overview();

    assertThat(queries.throughputFrom).isEqualTo(NOW.minusSeconds(300));
    assertThat(overview.batchesPerSecond()).isEqualTo(1.0);
    assertThat(overview.itemsPerSecond()).isEqualTo(44.0);
    assertThat(overview.unroutable()).isEqualTo(2);
    assertThat(overview.queues()).isEqualTo(queues);
    assertThat(overview.parked()).as("ready messages of the dead-letter queue").isEqualTo(3);
    assertThat(overview.dependencies()).extracting(Dependency::name).containsExactly("rabbitmq");
  }

  @Test
  void anUnreadableDeadLetterQueueCountsNoParkedMessages() {
    ShowOverviewService service =
        new ShowOverviewService(
            new FixedQueries(),
            () -> new CheckReadinessUseCase.Readiness(true, List.of(), List.of()),
            () ->
                List.of(
                    new QueueStatus(
                        QueueStatus.DEAD_LETTER, "analytics.dead", -1, 0, "connection closed")),
            new FeatureFlagCache(new InMemoryFeatureFlags(), "test", clock),
            clock);

    assertThat(service.overview().parked()).isZero();
  }
}
