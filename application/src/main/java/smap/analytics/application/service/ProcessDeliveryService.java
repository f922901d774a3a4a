package smap.analytics.application.service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import smap.analytics.application.port.in.BatchLogContext;
import smap.analytics.application.port.in.DeliveryOutcome;
import smap.analytics.application.port.in.DeliveryOutcome.Acknowledge;
import smap.analytics.application.port.in.ProcessDeliveryCommand;
import smap.analytics.application.port.in.ProcessDeliveryUseCase;
import smap.analytics.application.port.out.BatchLedgerPort;
import smap.analytics.application.port.out.BatchLedgerPort.AttemptStart;
import smap.analytics.application.port.out.BatchObjectPort;
import smap.analytics.application.port.out.BatchStart;
import smap.analytics.application.port.out.PipelineMetricsPort;
import smap.analytics.domain.analysis.PostAnalyser;
import smap.analytics.domain.batch.BatchStatus;
import smap.analytics.domain.delivery.DeliveryDecision;
import smap.analytics.domain.delivery.DeliveryPolicy;
import smap.analytics.domain.delivery.FailureKind;
import smap.analytics.domain.flag.FlagSnapshot;
import smap.analytics.domain.message.Classification;
import smap.analytics.domain.message.Classification.Accepted;
import smap.analytics.domain.message.Classification.Rejected;
import smap.analytics.domain.message.EventContext;
import smap.analytics.domain.message.MessageFormat;
import smap.analytics.domain.project.ProjectIdRules;
import smap.analytics.domain.project.ProjectResolution;

/**
 * Service: takes one delivery from the broker (or an operator's replay) through classification, the
 * ledger's attempt record and the batch run ({@link BatchRun}), and tells the consumer whether to
 * ack, retry or dead-letter it. What a failure means is the domain's {@link DeliveryPolicy}
 * (CONTRACT 7), given the kind the adapters classified ({@link FailureKinds}); {@link
 * DeliveryRecorder} carries the decision out.
 */
public final class ProcessDeliveryService implements ProcessDeliveryUseCase {

  private static final Logger LOG = LoggerFactory.getLogger(ProcessDeliveryService.class);

  private final BatchLedgerPort ledger;
  private final PipelineMetricsPort metrics;
  private final FeatureFlagCache flags;
  private final DeliveryPolicy policy;
  private final Clock clock;
  private final String crawlResultsBucket;
  private final BatchRun batches;
  private final DeliveryRecorder recorder;

  public ProcessDeliveryService(
      BatchObjectPort objects,
      BatchLedgerPort ledger,
      PipelineMetricsPort metrics,
      FeatureFlagCache flags,
      PostAnalyser analyser,
      PipelineSettings settings,
      Clock clock) {
    this(objects, ledger, metrics, flags, analyser, settings, clock, Thread::sleep);
  }

  /** As above, with the way to wait between not-found retries (tests pass a fake). */
  public ProcessDeliveryService(
      BatchObjectPort objects,
      BatchLedgerPort ledger,
      PipelineMetricsPort metrics,
      FeatureFlagCache flags,
      PostAnalyser analyser,
      PipelineSettings settings,
      Clock clock,
      Sleeper sleeper) {
    this.ledger = Objects.requireNonNull(ledger, "ledger");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.flags = Objects.requireNonNull(flags, "flags");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.policy = Objects.requireNonNull(settings, "settings").retry().policy();
    this.crawlResultsBucket = settings.crawlResultsBucket();
    BatchItemProcessor items =
        new BatchItemProcessor(Objects.requireNonNull(analyser, "analyser"), settings, clock);
    this.batches =
        new BatchRun(
            Objects.requireNonNull(objects, "objects"),
            ledger,
            metrics,
            items,
            settings,
            clock,
            Objects.requireNonNull(sleeper, "sleeper"));
    this.recorder = new DeliveryRecorder(ledger, metrics, settings, clock);
  }

  /** Waits between in-place retries. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(long millis) throws InterruptedException;
  }

  @Override
  public DeliveryOutcome process(ProcessDeliveryCommand command) {
    Instant started = clock.instant();
    // Instance overrides folded in: they beat every other scope (FlagSnapshot.forInstance).
    FlagSnapshot snapshot = flags.forThisInstance();
    Classification classification = Deliveries.classify(command, crawlResultsBucket);
    EventContext context = classification.context();
    metrics.activeBatches(1);
    try (BatchLogContext log =
        BatchLogContext.open(context.eventId().value(), context.jobId(), null)) {
      return handle(command, classification, snapshot, started);
    } finally {
      metrics.activeBatches(-1);
    }
  }

  private DeliveryOutcome handle(
      ProcessDeliveryCommand command,
      Classification classification,
      FlagSnapshot snapshot,
      Instant started) {
    EventContext context = classification.context();
    MessageFormat format =
        classification instanceof Accepted accepted ? accepted.message().format() : null;
    if (format != null && !Deliveries.enabledFormats(snapshot).contains(format)) {
      return Deliveries.leftInQueue(format);
    }
    metrics.eventReceived(
        command.queue(), format == null ? "unknown" : format.name().toLowerCase());
    DeliveryUnderway delivery =
        new DeliveryUnderway(command, context, resolveProject(context), snapshot);
    // Deliveries as the ledger counts them; a crash is counted on the message itself, so that a
    // bug in the ledger's own write cannot keep a message looping unseen.
    int attempt = 1;
    try {
      BatchStart batchStart =
          new BatchStart(
              context,
              command.queue(),
              format,
              Deliveries.objectPath(classification),
              command.body(),
              started);
      // One round trip: the attempt is counted unless the event already has its outcome (a
      // redelivery of a finished one), which is then skipped; a replay always runs.
      AttemptStart start =
          command.replay() != null
              ? ledger.begin(batchStart)
              : ledger.beginUnlessFinished(batchStart);
      if (start.finished()) {
        BatchStatus known = start.previous().orElseThrow().status();
        metrics.duplicateSkipped();
        LOG.info(
            "duplicate delivery of {} (already {}; duplicate {} of this event)",
            context.eventId(),
            known,
            ledger.countDuplicate(context.eventId()));
        return new Acknowledge(known, "duplicate: already " + known);
      }
      attempt = start.attempt();
      Optional<DeliveryDecision> stop = stopBefore(command, start);
      if (stop.isPresent()) {
        int counted = command.crashes() >= policy.poisonAttempts() ? command.crashes() : attempt;
        return recorder.apply(stop.get(), null, delivery, List.of(), counted);
      }
      return switch (classification) {
        case Rejected rejected ->
            recorder.apply(
                policy.decide(attempt, new FailureKind.UnusableMessage(rejected.reason())),
                null,
                delivery,
                List.of(),
                attempt);
        case Accepted accepted ->
            batches.run(command, accepted, delivery.project(), snapshot, started);
      };
    } catch (RuntimeException e) {
      FailureKind kind = FailureKinds.of(e);
      int counted = kind instanceof FailureKind.Bug ? command.crashes() + 1 : attempt;
      if (kind instanceof FailureKind.Bug) {
        LOG.error("unexpected failure processing {} (crash {})", context.eventId(), counted, e);
      }
      List<String> warnings =
          classification instanceof Accepted accepted ? accepted.warnings() : List.of();
      return recorder.apply(policy.decide(counted, kind), e, delivery, warnings, counted);
    }
  }

  /**
   * What ends this delivery before its batch runs, if anything: a message that crashed {@code
   * POISON_ATTEMPTS} times where the use case could not catch it (an Error, a bug before the
   * attempt), or earlier attempts that ended without an outcome (the process died) when the policy
   * says not to go on.
   */
  private Optional<DeliveryDecision> stopBefore(
      ProcessDeliveryCommand command, AttemptStart start) {
    if (command.replay() != null) {
      return Optional.empty();
    }
    if (command.crashes() >= policy.poisonAttempts()) {
      FailureKind crash = new FailureKind.Bug("the handler threw (see the consumer's log)", null);
      return Optional.of(policy.decide(command.crashes(), crash));
    }
    boolean unfinished =
        start.previous().map(entry -> entry.status() == BatchStatus.PROCESSING).orElse(false);
    if (unfinished) {
      DeliveryDecision decision = policy.decide(start.attempt(), new FailureKind.Unfinished());
      if (!(decision instanceof DeliveryDecision.Proceed)) {
        return Optional.of(decision);
      }
    }
    return Optional.empty();
  }

  private ProjectResolution resolveProject(EventContext context) {
    ProjectResolution project = ProjectIdRules.resolve(context.projectId(), context.jobId());
    putIfPresent("project_id", project.projectId());
    if (project.conflict()) {
      metrics.projectIdConflict();
      LOG.warn(
          "payload.project_id {} differs from the one job_id {} implies ({}); keeping the payload's",
          project.fromPayload(),
          context.jobId(),
          project.fromJobId());
    }
    return project;
  }

  private static void putIfPresent(String key, String value) {
    if (value != null) {
      MDC.put(key, value);
    }
  }
}
