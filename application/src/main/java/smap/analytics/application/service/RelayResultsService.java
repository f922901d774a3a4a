package smap.analytics.application.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import smap.analytics.application.port.in.BatchLogContext;
import smap.analytics.application.port.in.RelayResultsUseCase;
import smap.analytics.application.port.out.OutboxMessage;
import smap.analytics.application.port.out.PipelineMetricsPort;
import smap.analytics.application.port.out.ResultOutboxPort;
import smap.analytics.application.port.out.ResultPublisherPort;
import smap.analytics.application.port.out.ResultPublisherPort.PublishOutcome;
import smap.analytics.domain.delivery.Backoff;
import smap.analytics.domain.failure.DependencyUnavailableException;
import smap.analytics.domain.flag.FeatureFlag;

/**
 * Service: the outbox relay. Publishes committed results to the Collector, oldest first, and
 * records each broker answer, so a result is never lost and never sent twice for one delivery
 * (CONTRACT 6). While the {@code result-publishing} flag is off, results wait in the outbox.
 */
public final class RelayResultsService implements RelayResultsUseCase {

  private static final Logger LOG = LoggerFactory.getLogger(RelayResultsService.class);

  private final ResultOutboxPort outbox;
  private final ResultPublisherPort publisher;
  private final PipelineMetricsPort metrics;
  private final FeatureFlagCache flags;
  private final Clock clock;
  private final Backoff backoff;

  /** With a fixed backoff: 1 s doubling to five minutes, no jitter. */
  public RelayResultsService(
      ResultOutboxPort outbox,
      ResultPublisherPort publisher,
      PipelineMetricsPort metrics,
      FeatureFlagCache flags,
      Clock clock) {
    this(
        outbox,
        publisher,
        metrics,
        flags,
        clock,
        new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), 0));
  }

  /** As above, with the backoff of retries (the consumer's: RETRY_*_BACKOFF_MS). */
  public RelayResultsService(
      ResultOutboxPort outbox,
      ResultPublisherPort publisher,
      PipelineMetricsPort metrics,
      FeatureFlagCache flags,
      Clock clock,
      Backoff backoff) {
    this.outbox = Objects.requireNonNull(outbox, "outbox");
    this.publisher = Objects.requireNonNull(publisher, "publisher");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.flags = Objects.requireNonNull(flags, "flags");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.backoff = Objects.requireNonNull(backoff, "backoff");
  }

  @Override
  public int relayPending(int limit) {
    if (!flags.current().enabled(FeatureFlag.RESULT_PUBLISHING)) {
      return 0;
    }
    List<OutboxMessage> due = outbox.claimDue(limit, clock.instant());
    int handled = 0;
    for (OutboxMessage message : due) {
      try (BatchLogContext log =
          BatchLogContext.open(
              message.eventId().value(), message.result().jobId(), message.result().projectId())) {
        PublishOutcome outcome;
        try {
          outcome = publisher.publish(message);
        } catch (DependencyUnavailableException e) {
          Instant retryAt = clock.instant().plus(backoff(message.attempts() + 1));
          outbox.markFailed(message.id(), e.getMessage(), retryAt);
          metrics.resultPublished("failed");
          LOG.warn(
              "result {} not published ({}); retry at {}",
              message.messageId(),
              e.getMessage(),
              retryAt);
          handled++;
          break;
        }
        switch (outcome) {
          case CONFIRMED -> {
            outbox.markPublished(message.id(), clock.instant());
            metrics.resultPublished("confirmed");
            LOG.info("result {} published: {}", message.messageId(), message.result());
          }
          case UNROUTABLE -> {
            outbox.markUnroutable(message.id(), clock.instant());
            metrics.resultPublished("unroutable");
            LOG.error(
                "result {} is UNROUTABLE: no queue is bound to the result exchange for its routing"
                    + " key; the Collector will not see it. It stays in the outbox as unroutable.",
                message.messageId());
          }
          case NACKED -> {
            Instant retryAt = clock.instant().plus(backoff(message.attempts() + 1));
            outbox.markFailed(message.id(), "broker nacked the publish", retryAt);
            metrics.resultPublished("nacked");
            LOG.warn("result {} nacked by the broker; retry at {}", message.messageId(), retryAt);
          }
        }
        handled++;
      }
    }
    return handled;
  }

  /** The pause before retry {@code attempt}, with jitter. */
  private Duration backoff(int attempt) {
    return backoff.delay(attempt, ThreadLocalRandom.current().nextDouble());
  }
}
