package smap.analytics.application.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * (CONTRACT 6): an answer the database cannot take yet is kept and recorded first when it is back,
 * and a row held by another relay is taken over only once its lease has visibly stopped. A result
 * the broker returns as unroutable (no queue bound to the result exchange) stays visible as such
 * and is tried again with a growing pause, since a binding may appear later. While the {@code
 * result-publishing} flag is off, results wait in the outbox.
 */
public final class RelayResultsService implements RelayResultsUseCase {

  private static final Logger LOG = LoggerFactory.getLogger(RelayResultsService.class);

  /** Results relayed per page of {@link #relayDue()}; a full page means more may be waiting. */
  public static final int PAGE = 50;

  /** Retries of unroutable results by default: 30 s doubling to one hour. */
  public static final Backoff UNROUTABLE_RETRY =
      Backoff.exponential(Duration.ofSeconds(30), Duration.ofHours(1));

  private final ResultOutboxPort outbox;
  private final ResultPublisherPort publisher;
  private final PipelineMetricsPort metrics;
  private final FeatureFlagCache flags;
  private final Clock clock;
  private final Backoff backoff;
  private final Backoff unroutableRetry;
  private final Map<Long, Mark> pending = new LinkedHashMap<>();
  private final LeaseWatch leases;
  private final Duration renewAfter;
  private int outageStreak;
  private long quietUntil = System.nanoTime();

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
        new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), 0),
        Duration.ofSeconds(30));
  }

  /**
   * As above, with the backoff of retries (the consumer's: RETRY_*_BACKOFF_MS) and the outbox's
   * lease (OUTBOX_LEASE_SECONDS): how long a row's lease must stand still before it is taken over.
   */
  public RelayResultsService(
      ResultOutboxPort outbox,
      ResultPublisherPort publisher,
      PipelineMetricsPort metrics,
      FeatureFlagCache flags,
      Clock clock,
      Backoff backoff,
      Duration lease) {
    this(outbox, publisher, metrics, flags, clock, backoff, lease, UNROUTABLE_RETRY);
  }

  /**
   * As above, with the pauses between tries of a result the broker returned as unroutable
   * (UNROUTABLE_RETRY_*_SECONDS): retry {@code n} after the {@code n}-th return.
   */
  public RelayResultsService(
      ResultOutboxPort outbox,
      ResultPublisherPort publisher,
      PipelineMetricsPort metrics,
      FeatureFlagCache flags,
      Clock clock,
      Backoff backoff,
      Duration lease,
      Backoff unroutableRetry) {
    this.outbox = Objects.requireNonNull(outbox, "outbox");
    this.publisher = Objects.requireNonNull(publisher, "publisher");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.flags = Objects.requireNonNull(flags, "flags");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.backoff = Objects.requireNonNull(backoff, "backoff");
    this.leases = new LeaseWatch(outbox, clock, Objects.requireNonNull(lease, "lease"));
    this.renewAfter = lease.dividedBy(3);
    this.unroutableRetry = Objects.requireNonNull(unroutableRetry, "unroutableRetry");
  }

  @Override
  public synchronized int relayPending(int limit) {
    if (System.nanoTime() < quietUntil) {
      return 0;
    }
    try {
      if (!flushMarks()) {
        return outage(null);
      }
      if (!flags.forThisInstance().enabled(FeatureFlag.RESULT_PUBLISHING)) {
        return 0;
      }
      Instant claimedAt = clock.instant();
      List<OutboxMessage> due = new ArrayList<>(outbox.claimDue(limit, claimedAt));
      if (due.size() < limit) {
        due.addAll(leases.takeOvers(limit - due.size()));
      }
      if (outageStreak > 0) {
        LOG.info("outbox relay: the database is back after {} failed tries", outageStreak);
        outageStreak = 0;
      }
      return publish(due, claimedAt);
    } catch (DependencyUnavailableException e) {
      return outage(e);
    }
  }

  @Override
  public int relayDue() {
    int handled = 0;
    int page;
    do {
      page = relayPending(PAGE);
      handled += page;
    } while (page == PAGE && !Thread.currentThread().isInterrupted());
    return handled;
  }

  /** The database is away: pause with the growing backoff, logged when the outage starts. */
  private int outage(DependencyUnavailableException e) {
    // A takeover needs a whole lease watched with the database up.
    leases.forget();
    outageStreak++;
    Duration pause = backoff.delay(outageStreak, ThreadLocalRandom.current().nextDouble());
    quietUntil = System.nanoTime() + pause.toNanos();
    if (outageStreak == 1) {
      LOG.warn(
          "outbox relay: database unavailable ({}); {} retrying with a growing pause",
          e == null ? "marks not recorded" : e.getMessage(),
          pending.isEmpty() ? "" : pending.size() + " broker answers kept;");
    }
    return 0;
  }

  /**
   * Publishes a page in order. The claim (or takeover) leased every row of it; when publishing the
   * page has taken a third of the lease, the rows still to go are renewed in one statement, so none
   * of them can be taken over while this relay still holds it.
   */
  private int publish(List<OutboxMessage> due, Instant leasedAt) {
    int handled = 0;
    Instant held = leasedAt;
    for (int i = 0; i < due.size(); i++) {
      OutboxMessage message = due.get(i);
      Instant before = clock.instant();
      if (Duration.between(held, before).compareTo(renewAfter) >= 0) {
        renewQuietly(due.subList(i, due.size()).stream().map(OutboxMessage::id).toList());
        held = before;
      }
      try (BatchLogContext log =
          BatchLogContext.open(
              message.eventId().value(), message.result().jobId(), message.result().projectId())) {
        PublishOutcome outcome;
        try {
          outcome = publisher.publish(message);
        } catch (DependencyUnavailableException e) {
          Instant retryAt = clock.instant().plus(backoff(message.attempts() + 1));
          mark(message, new Mark.Failed(e.getMessage(), retryAt));
          count(message, "failed");
          LOG.warn(
              "result {} not published ({}); retry at {}",
              message.messageId(),
              e.getMessage(),
              retryAt);
          for (OutboxMessage untried : due.subList(i + 1, due.size())) {
            outbox.release(untried.id(), clock.instant());
          }
          return handled + 1;
        }
        switch (outcome) {
          case CONFIRMED -> {
            long confirmed = System.nanoTime();
            boolean marked = mark(message, new Mark.Published(clock.instant()));
            count(message, "confirmed");
            // The time from the confirm to the committed mark is the remaining duplicate window.
            LOG.info(
                "result {} published, {}: {}",
                message.messageId(),
                marked
                    ? "marked "
                        + (System.nanoTime() - confirmed) / 1_000_000
                        + " ms after the confirm"
                    : "mark kept until the database is back",
                message.result());
          }
          case UNROUTABLE -> {
            Instant now = clock.instant();
            int returns = message.unroutableReturns() + 1;
            Instant retryAt =
                now.plus(unroutableRetry.delay(returns, ThreadLocalRandom.current().nextDouble()));
            mark(message, new Mark.Unroutable(now, retryAt));
            count(message, "unroutable");
            LOG.error(
                "result {} is UNROUTABLE: no queue is bound to the result exchange for its routing"
                    + " key; the Collector did not get it. It stays in the outbox as unroutable"
                    + " (returned {} time(s)) and is tried again at {}, or when an operator"
                    + " resends it.",
                message.messageId(),
                returns,
                retryAt);
          }
          case NACKED -> {
            Instant retryAt = clock.instant().plus(backoff(message.attempts() + 1));
            mark(message, new Mark.Failed("broker nacked the publish", retryAt));
            count(message, "nacked");
            LOG.warn("result {} nacked by the broker; retry at {}", message.messageId(), retryAt);
          }
        }
        handled++;
      }
    }
    return handled;
  }

  /** Counts the broker's answer, also among retries of a result it had returned as unroutable. */
  private void count(OutboxMessage message, String outcome) {
    metrics.resultPublished(outcome);
    if (message.unroutableReturns() > 0) {
      metrics.unroutableRetried(outcome);
      if (outcome.equals("confirmed")) {
        LOG.info(
            "result {}, returned as unroutable {} time(s) before, is delivered now",
            message.messageId(),
            message.unroutableReturns());
      }
    }
  }

  /**
   * Records the broker's answer. When the database refuses, the mark is kept and retried before
   * anything else, and the row's lease is renewed meanwhile, so a confirmed result is never
   * published again because its mark failed.
   */
  private boolean mark(OutboxMessage message, Mark mark) {
    try {
      apply(message.id(), mark);
      return true;
    } catch (RuntimeException e) {
      if (pending.isEmpty()) {
        LOG.warn(
            "result {}: the broker answered ({}) but the outbox could not record it ({}); keeping"
                + " the mark and retrying it until the database is back",
            message.messageId(),
            mark,
            e.toString());
      }
      pending.put(message.id(), mark);
      return false;
    }
  }

  private void apply(long id, Mark mark) {
    switch (mark) {
      case Mark.Published published -> outbox.markPublished(id, published.at());
      case Mark.Unroutable unroutable ->
          outbox.markUnroutable(id, unroutable.at(), unroutable.retryAt());
      case Mark.Failed failed -> outbox.markFailed(id, failed.error(), failed.retryAt());
    }
  }

  /** Applies the marks kept through an outage; true when none is left. */
  private boolean flushMarks() {
    if (pending.isEmpty()) {
      return true;
    }
    try {
      outbox.renew(pending.keySet(), clock.instant());
      for (var it = pending.entrySet().iterator(); it.hasNext(); ) {
        var entry = it.next();
        apply(entry.getKey(), entry.getValue());
        it.remove();
      }
      LOG.info("outbox marks kept through the outage are recorded; relaying again");
      return true;
    } catch (RuntimeException e) {
      LOG.debug("outbox marks still pending ({}): {}", pending.size(), e.toString());
      leases.forget();
      return false;
    }
  }

  private void renewQuietly(List<Long> ids) {
    try {
      outbox.renew(ids, clock.instant());
    } catch (RuntimeException e) {
      LOG.debug("lease renewal failed: {}", e.toString());
    }
  }

  /** Marks kept through a database outage, by row id. */
  public synchronized int pendingMarks() {
    return pending.size();
  }

  /**
   * Tries to record the kept marks until none is left or {@code timeout} passes (at shutdown).
   *
   * @return the marks still not recorded
   */
  public int flush(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      synchronized (this) {
        if (flushMarks()) {
          return 0;
        }
      }
      if (System.nanoTime() > deadline) {
        return pendingMarks();
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return pendingMarks();
      }
    }
  }

  /** The broker's answer, to be recorded. */
  private sealed interface Mark {
    record Published(Instant at) implements Mark {}

    record Unroutable(Instant at, Instant retryAt) implements Mark {}

    record Failed(String error, Instant retryAt) implements Mark {}
  }

  /** The pause before retry {@code attempt}, with jitter. */
  private Duration backoff(int attempt) {
    return backoff.delay(attempt, ThreadLocalRandom.current().nextDouble());
  }
}
