package smap.analytics.application.service.console;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import smap.analytics.application.port.in.BatchLogContext;
import smap.analytics.application.port.in.console.ReplayBatchUseCase;
import smap.analytics.application.port.in.console.ReplayBatchUseCase.ReplayCommand;
import smap.analytics.application.port.in.console.ReplayBatchUseCase.ReplayOutcome;
import smap.analytics.application.port.in.console.ReplayBatchesUseCase;
import smap.analytics.application.port.out.console.AuditLogPort;
import smap.analytics.application.port.out.console.ReplayJobPort;
import smap.analytics.application.port.out.console.ReplayJobPort.ItemResult;
import smap.analytics.application.port.out.console.ReplayJobPort.NewJob;
import smap.analytics.domain.audit.AuditEntry;
import smap.analytics.domain.batch.EventId;
import smap.analytics.domain.replay.ReplayJob;
import smap.analytics.domain.replay.ReplayJobState;
import smap.analytics.domain.replay.ReplayJobState.Cancellable;
import smap.analytics.domain.replay.ReplayJobState.Draft;
import smap.analytics.domain.replay.ReplayJobState.Paused;
import smap.analytics.domain.replay.ReplayJobState.Running;

/**
 * Service: replay jobs over a frozen set of batches, and their runner. {@link #runDue} (scheduled a
 * few times a second by the composition root) replays at most each running job's rate per second,
 * one batch at a time, through the single-batch replay use case.
 */
public final class ReplayBatchesService implements ReplayBatchesUseCase {

  /** Largest set one job may freeze. */
  public static final int MAX_JOB_SIZE = 100_000;

  /**
   * How long an item stays with the runner that took it. Replaying one batch takes seconds; an item
   * still unfinished after this was taken by an instance that died, and is taken again.
   */
  public static final Duration ITEM_LEASE = Duration.ofMinutes(5);

  private static final Logger LOG = LoggerFactory.getLogger(ReplayBatchesService.class);

  private final ReplayJobPort jobs;
  private final ReplayBatchUseCase replay;
  private final AuditLogPort audit;
  private final Clock clock;
  private final Map<Long, Long> nextSlot = new ConcurrentHashMap<>();

  public ReplayBatchesService(
      ReplayJobPort jobs, ReplayBatchUseCase replay, AuditLogPort audit, Clock clock) {
    this.jobs = jobs;
    this.replay = replay;
    this.audit = audit;
    this.clock = clock;
  }

  @Override
  public Preview preview(PreviewCommand c) {
    int rate = Math.max(1, Math.min(50, c.ratePerSecond()));
    ReplayJob job =
        jobs.createDraft(
            new NewJob(
                c.idempotencyKey(),
                c.operator(),
                clock.instant(),
                c.reason(),
                c.filterText(),
                c.republish(),
                rate),
            c.filter(),
            MAX_JOB_SIZE);
    return new Preview(job, jobs.sample(job.id(), 10));
  }

  /**
   * Applies an operator's transition when the job's state offers it ({@code next} answers empty
   * when it does not: the job is returned unchanged), and audits it.
   */
  private Optional<ReplayJob> transition(
      long id,
      String operator,
      String action,
      Function<ReplayJobState, Optional<ReplayJobState>> next) {
    Optional<ReplayJob> job = jobs.find(id);
    Optional<ReplayJobState> to = job.flatMap(j -> next.apply(j.status()));
    if (to.isEmpty()) {
      return job;
    }
    jobs.setStatus(id, to.get(), clock.instant());
    audit.record(
        new AuditEntry(
            clock.instant(),
            operator,
            "replay-job-" + action,
            Long.toString(id),
            null,
            job.get().reason(),
            "ok",
            Map.of("filter", job.get().filter(), "total", job.get().total())));
    return jobs.find(id);
  }

  @Override
  public Optional<ReplayJob> start(long id, String operator) {
    return transition(
        id,
        operator,
        "start",
        s -> s instanceof Draft d ? Optional.of(d.start()) : Optional.empty());
  }

  @Override
  public Optional<ReplayJob> pause(long id, String operator) {
    return transition(
        id,
        operator,
        "pause",
        s -> s instanceof Running r ? Optional.of(r.pause()) : Optional.empty());
  }

  @Override
  public Optional<ReplayJob> resume(long id, String operator) {
    return transition(
        id,
        operator,
        "resume",
        s -> s instanceof Paused p ? Optional.of(p.resume()) : Optional.empty());
  }

  @Override
  public Optional<ReplayJob> cancel(long id, String operator) {
    return transition(
        id,
        operator,
        "cancel",
        s -> s instanceof Cancellable c ? Optional.of(c.cancel()) : Optional.empty());
  }

  @Override
  public List<ReplayJob> jobs() {
    return jobs.list(50);
  }

  @Override
  public Optional<ReplayJob> job(long id) {
    return jobs.find(id);
  }

  @Override
  public List<String> sample(long id, int limit) {
    return jobs.sample(id, Math.max(1, Math.min(100, limit)));
  }

  @Override
  public int runDue() {
    int ran = 0;
    for (ReplayJob job : jobs.list(50)) {
      if (!(job.status() instanceof Running running)) {
        continue;
      }
      long now = clock.millis();
      long slot = nextSlot.getOrDefault(job.id(), 0L);
      if (now < slot) {
        continue;
      }
      Optional<String> next =
          jobs.claimNext(job.id(), clock.instant(), clock.instant().minus(ITEM_LEASE));
      if (next.isEmpty()) {
        if (jobs.unfinished(job.id()) > 0) {
          // Another runner is replaying the last items, or one died holding them: wait for it
          // to finish or for the lease to run out.
          continue;
        }
        jobs.setStatus(job.id(), running.finish(), clock.instant());
        nextSlot.remove(job.id());
        LOG.info(
            "replay job {} done: {} replayed, {} failed, {} skipped",
            job.id(),
            job.done(),
            job.failed(),
            job.skipped());
        continue;
      }
      nextSlot.put(job.id(), now + 1000L / job.ratePerSecond());
      String eventId = next.get();
      // Held: the replayed batch's job and project ids, set while it runs, stay on this item's
      // line.
      try (BatchLogContext log = BatchLogContext.hold()) {
        BatchLogContext.put(BatchLogContext.EVENT_ID, eventId);
        ReplayOutcome outcome;
        try {
          outcome =
              replay.replay(
                  new ReplayCommand(
                      EventId.of(eventId),
                      job.createdBy(),
                      "replay job " + job.id() + ": " + job.reason(),
                      job.republish(),
                      false,
                      null));
        } catch (RuntimeException e) {
          outcome = new ReplayOutcome.Failed(null, e.toString());
        }
        ItemResult result =
            switch (outcome) {
              case ReplayOutcome.Replayed r -> ItemResult.DONE;
              case ReplayOutcome.AlreadySubmitted a -> ItemResult.SKIPPED;
              case ReplayOutcome.NotReplayable n -> ItemResult.SKIPPED;
              case ReplayOutcome.NotFound n -> ItemResult.SKIPPED;
              case ReplayOutcome.Failed f -> ItemResult.FAILED;
            };
        jobs.finishItem(job.id(), eventId, result, outcome.message(), clock.instant());
        LOG.info("replay job {}: {} {}: {}", job.id(), eventId, result, outcome.message());
      }
      ran++;
    }
    return ran;
  }
}
