package smap.analytics.application.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import smap.analytics.application.port.in.BatchLogContext;
import smap.analytics.application.port.in.DeliveryOutcome;
import smap.analytics.application.port.in.DeliveryOutcome.Acknowledge;
import smap.analytics.application.port.in.DeliveryOutcome.RetryLater;
import smap.analytics.application.port.in.ProcessDeliveryCommand;
import smap.analytics.application.port.in.ProcessDeliveryUseCase;
import smap.analytics.application.port.out.BatchLedgerPort;
import smap.analytics.application.port.out.BatchLedgerPort.AttemptStart;
import smap.analytics.application.port.out.BatchObjectPort;
import smap.analytics.application.port.out.BatchStart;
import smap.analytics.application.port.out.PipelineMetricsPort;
import smap.analytics.domain.analysis.PostAnalyser;
import smap.analytics.domain.batch.BatchStatus;
import smap.analytics.domain.batch.EventId;
import smap.analytics.domain.delivery.DeliveryDecision;
import smap.analytics.domain.delivery.DeliveryPolicy;
import smap.analytics.domain.delivery.FailureKind;
import smap.analytics.domain.failure.DependencyUnavailableException;
import smap.analytics.domain.failure.MalformedBatchException;
import smap.analytics.domain.failure.ObjectNotFoundException;
import smap.analytics.domain.flag.FeatureFlag;
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
 * ledger's attempt record and the batch run, and tells the consumer whether to ack, retry or
 * dead-letter it. What a failure means is the domain's {@link DeliveryPolicy} (CONTRACT 7); the
 * adapters have already classified each failure as unavailable, unusable or a bug.
 */
public final class ProcessDeliveryService implements ProcessDeliveryUseCase {

  private static final Logger LOG = LoggerFactory.getLogger(ProcessDeliveryService.class);

  /**
   * How long the consumer holds off after putting back a message whose format flag is off. The
   * consumer of that format's queue is cancelled by the flag anyway; this only covers a delivery
   * taken just before, or a message of the other format on a queue that is still consumed.
   */
  static final Duration FORMAT_OFF_PAUSE = Duration.ofSeconds(5);

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
    EventId eventId = context.eventId();
    boolean replay = command.replay() != null;
    MessageFormat format =
        classification instanceof Accepted accepted ? accepted.message().format() : null;
    if (format != null && !Deliveries.enabledFormats(snapshot).contains(format)) {
      return leftInQueue(format);
    }
    metrics.eventReceived(
        command.queue(), format == null ? "unknown" : format.name().toLowerCase());
    ProjectResolution project = resolveProject(context);
    // Deliveries as the ledger counts them; a crash is counted on the message itself, so that a
    // bug in the ledger's own write cannot keep a message looping unseen.
    int attempt = 1;
    int crashAttempt = command.crashes() + 1;
    try {
      BatchStart batchStart =
          new BatchStart(
              context,
              command.queue(),
              format,
              Deliveries.objectPath(classification),
              command.body(),
              started);
      AttemptStart start =
          replay ? ledger.begin(batchStart) : ledger.beginUnlessFinished(batchStart);
      if (start.finished()) {
        BatchStatus known = start.previous().orElseThrow().status();
        metrics.duplicateSkipped();
        LOG.info("duplicate delivery of {} (already {})", eventId, known);
        return new Acknowledge(known, "duplicate: already " + known);
      }
      attempt = start.attempt();
      if (!replay && command.crashes() >= policy.poisonAttempts()) {
        // It crashed where the use case could not catch it (an Error, a bug before this point).
        FailureKind crash = new FailureKind.Bug("the handler threw (see the consumer's log)", null);
        return apply(
            policy.decide(command.crashes(), crash),
            null,
            command,
            context,
            project,
            snapshot,
            List.of(),
            command.crashes());
      }
      boolean unfinished =
          start.previous().map(entry -> entry.status() == BatchStatus.PROCESSING).orElse(false);
      if (!replay && unfinished) {
        DeliveryDecision decision = policy.decide(start.attempt(), new FailureKind.Unfinished());
        if (!(decision instanceof DeliveryDecision.Proceed)) {
          return apply(decision, null, command, context, project, snapshot, List.of(), attempt);
        }
      }
      return switch (classification) {
        case Rejected rejected ->
            apply(
                policy.decide(attempt, new FailureKind.UnusableMessage(rejected.reason())),
                null,
                command,
                context,
                project,
                snapshot,
                List.of(),
                attempt);
        case Accepted accepted -> batches.run(command, accepted, project, snapshot, started);
      };
    } catch (RuntimeException e) {
      FailureKind kind = kindOf(e);
      int counted = kind instanceof FailureKind.Bug ? crashAttempt : attempt;
      if (kind instanceof FailureKind.Bug) {
        LOG.error("unexpected failure processing {} (crash {})", eventId, counted, e);
      }
      List<String> warnings =
          classification instanceof Accepted accepted ? accepted.warnings() : List.of();
      return apply(
          policy.decide(counted, kind), e, command, context, project, snapshot, warnings, counted);
    }
  }

  /**
   * A format flag turned off is the rollback lever: the message is not recorded, not rejected and
   * no result is published; it goes back to its queue until the flag is on again (a revert used to
   * ack every event as REJECTED and publish an all-failed result).
   */
  private static DeliveryOutcome leftInQueue(MessageFormat format) {
    String flag =
        format == MessageFormat.BATCH_EVENT
            ? FeatureFlag.BATCH_FORMAT.key()
            : FeatureFlag.LEGACY_FORMAT.key();
    String reason = "the " + flag + " flag is off: the message stays in its queue";
    LOG.info("{} format: {}", format.name().toLowerCase(), reason);
    return new RetryLater(FORMAT_OFF_PAUSE, null, reason);
  }

  /** The one place where exceptions become failure kinds: the adapters' port-level exceptions. */
  static FailureKind kindOf(RuntimeException e) {
    return switch (e) {
      case DependencyUnavailableException down ->
          new FailureKind.Unavailable(
              down.dependency(),
              down.getMessage().replaceFirst("^" + down.dependency() + " unavailable: ", ""));
      case ObjectNotFoundException missing -> new FailureKind.UnusableObject(missing.getMessage());
      case MalformedBatchException malformed ->
          new FailureKind.UnusableObject(malformed.getMessage());
      default -> new FailureKind.Bug(e.toString(), DeliveryRecorder.stackTrace(e));
    };
  }

  /** Carries out the policy's decision; an outage while recording it means retry later. */
  private DeliveryOutcome apply(
      DeliveryDecision decision,
      RuntimeException cause,
      ProcessDeliveryCommand command,
      EventContext context,
      ProjectResolution project,
      FlagSnapshot snapshot,
      List<String> warnings,
      int attempt) {
    String detail =
        cause == null || cause instanceof ObjectNotFoundException
            ? null
            : DeliveryRecorder.stackTrace(cause);
    try {
      return switch (decision) {
        case DeliveryDecision.Proceed proceed ->
            throw new IllegalStateException("nothing to apply for " + decision);
        case DeliveryDecision.Reject reject ->
            recorder.terminal(
                command,
                context,
                project,
                snapshot,
                BatchStatus.REJECTED,
                reject.reason(),
                null,
                List.of());
        case DeliveryDecision.Fail fail ->
            recorder.terminal(
                command,
                context,
                project,
                snapshot,
                BatchStatus.FAILED,
                fail.reason(),
                detail,
                warnings);
        case DeliveryDecision.Park park ->
            recorder.park(
                context.eventId(),
                park.reason(),
                detail,
                project,
                DeliveryRecorder.platformOf(context),
                snapshot);
        case DeliveryDecision.RetryAfter retry ->
            retry(
                retry, context, cause instanceof DependencyUnavailableException down ? down : null);
      };
    } catch (DependencyUnavailableException stillDown) {
      DeliveryDecision.RetryAfter retry =
          new DeliveryDecision.RetryAfter(
              policy.backoff().ceiling(attempt),
              "recording the outcome: " + stillDown.getMessage());
      return retry(retry, context, stillDown);
    }
  }

  private DeliveryOutcome retry(
      DeliveryDecision.RetryAfter retry,
      EventContext context,
      DependencyUnavailableException down) {
    metrics.eventFailed(DeliveryRecorder.platformOf(context), "retrying");
    try {
      ledger.retrying(context.eventId(), retry.reason(), clock.instant().plus(retry.delay()));
    } catch (RuntimeException notRecorded) {
      LOG.debug("could not record the retry of {}: {}", context.eventId(), notRecorded.toString());
    }
    LOG.debug("batch {}: {}; retry in about {}", context.eventId(), retry.reason(), retry.delay());
    return new RetryLater(
        retry.delay(), down == null ? null : down.dependency(), retry.reason(), down == null);
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
