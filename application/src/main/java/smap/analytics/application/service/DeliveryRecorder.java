package smap.analytics.application.service;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import smap.analytics.application.port.in.DeliveryOutcome;
import smap.analytics.application.port.in.DeliveryOutcome.Acknowledge;
import smap.analytics.application.port.in.DeliveryOutcome.DeadLetter;
import smap.analytics.application.port.in.DeliveryOutcome.RetryLater;
import smap.analytics.application.port.in.ProcessDeliveryCommand;
import smap.analytics.application.port.out.BatchFailure;
import smap.analytics.application.port.out.BatchLedgerPort;
import smap.analytics.application.port.out.BatchLedgerPort.CommitOutcome;
import smap.analytics.application.port.out.PipelineMetricsPort;
import smap.analytics.domain.batch.AnalyzeResult;
import smap.analytics.domain.batch.BatchStatus;
import smap.analytics.domain.batch.EventId;
import smap.analytics.domain.batch.Platform;
import smap.analytics.domain.delivery.DeliveryDecision;
import smap.analytics.domain.failure.DependencyUnavailableException;
import smap.analytics.domain.failure.ObjectNotFoundException;
import smap.analytics.domain.flag.FlagSnapshot;
import smap.analytics.domain.message.BatchPlatform;
import smap.analytics.domain.message.EventContext;
import smap.analytics.domain.project.ProjectResolution;

/**
 * Carries out the failure policy's decisions: records the outcomes that are not a committed batch
 * (REJECTED, FAILED, PARKED, RETRYING) in the ledger, with an error result when one may be
 * published, and turns them into what the consumer does with the delivery.
 */
final class DeliveryRecorder {

  private static final Logger LOG = LoggerFactory.getLogger(DeliveryRecorder.class);
  private static final int MAX_DETAIL_CHARS = 8_000;

  private final BatchLedgerPort ledger;
  private final PipelineMetricsPort metrics;
  private final PipelineSettings settings;
  private final Clock clock;

  DeliveryRecorder(
      BatchLedgerPort ledger, PipelineMetricsPort metrics, PipelineSettings settings, Clock clock) {
    this.ledger = ledger;
    this.metrics = metrics;
    this.settings = settings;
    this.clock = clock;
  }

  /**
   * Carries out the policy's decision on a delivery: records it and says what the consumer does
   * with the message. An outage while recording it means retry later.
   *
   * @param cause what ended the attempt (its stack is kept with a failure), or null
   * @param attempt the attempt the decision was made for (the ceiling of the retry's pause when the
   *     outcome cannot be recorded)
   */
  DeliveryOutcome apply(
      DeliveryDecision decision,
      RuntimeException cause,
      DeliveryUnderway delivery,
      List<String> warnings,
      int attempt) {
    String detail =
        cause == null || cause instanceof ObjectNotFoundException ? null : stackTrace(cause);
    try {
      return switch (decision) {
        case DeliveryDecision.Proceed proceed ->
            throw new IllegalStateException("nothing to apply for " + decision);
        case DeliveryDecision.Reject reject ->
            terminal(delivery, BatchStatus.REJECTED, reject.reason(), null, List.of());
        case DeliveryDecision.Fail fail ->
            terminal(delivery, BatchStatus.FAILED, fail.reason(), detail, warnings);
        case DeliveryDecision.Park park ->
            park(delivery.context().eventId(), park.reason(), detail, delivery);
        case DeliveryDecision.RetryAfter retry ->
            retry(
                retry,
                delivery.context(),
                cause instanceof DependencyUnavailableException d ? d : null);
      };
    } catch (DependencyUnavailableException stillDown) {
      DeliveryDecision.RetryAfter retry =
          new DeliveryDecision.RetryAfter(
              settings.retry().policy().backoff().ceiling(attempt),
              "recording the outcome: " + stillDown.getMessage());
      return retry(retry, delivery.context(), stillDown);
    }
  }

  /** Records a transient failure (best effort) and tells the consumer to put the message back. */
  private DeliveryOutcome retry(
      DeliveryDecision.RetryAfter retry,
      EventContext context,
      DependencyUnavailableException down) {
    metrics.eventFailed(platformOf(context), "retrying");
    try {
      ledger.retrying(context.eventId(), retry.reason(), clock.instant().plus(retry.delay()));
    } catch (RuntimeException notRecorded) {
      LOG.debug("could not record the retry of {}: {}", context.eventId(), notRecorded.toString());
    }
    LOG.debug("batch {}: {}; retry in about {}", context.eventId(), retry.reason(), retry.delay());
    return new RetryLater(
        retry.delay(), down == null ? null : down.dependency(), retry.reason(), down == null);
  }

  /** Records REJECTED or FAILED (with an error result when publishable) and acks. */
  private DeliveryOutcome terminal(
      DeliveryUnderway delivery,
      BatchStatus status,
      String reason,
      String detail,
      List<String> warnings) {
    ProcessDeliveryCommand command = delivery.command();
    EventContext context = delivery.context();
    ProjectResolution project = delivery.project();
    FlagSnapshot snapshot = delivery.snapshot();
    Platform platform = platformOf(context);
    AnalyzeResult result =
        publishable(context, project, command.replay())
            ? AnalyzeResult.allFailed(
                project.projectId(), context.jobId(), expectedSize(context, platform))
            : null;
    CommitOutcome outcome =
        ledger.fail(
            new BatchFailure(
                context.eventId(),
                status,
                reason,
                detail,
                project.projectId(),
                platform,
                result,
                snapshot
                    .decide(platform.name(), project.projectId(), context.eventId().value())
                    .asKeys(),
                warnings,
                clock.instant(),
                command.replay() != null));
    if (outcome == CommitOutcome.ALREADY_COMMITTED) {
      metrics.duplicateSkipped();
      return new Acknowledge(status, "duplicate: already recorded");
    }
    LOG.warn("batch {} {}: {}", context.eventId(), status.name().toLowerCase(), reason);
    metrics.eventFailed(platform, status.name().toLowerCase());
    return new Acknowledge(status, status.name().toLowerCase() + ": " + reason);
  }

  /**
   * Records PARKED and sends the message to the dead-letter queue. When the ledger refuses the
   * record for a reason other than an outage (the bug that crashed the message may be in the
   * ledger), the message is still parked, with that said in its reason: it must not loop.
   */
  private DeliveryOutcome park(
      EventId eventId, String reason, String detail, DeliveryUnderway delivery) {
    ProjectResolution project = delivery.project();
    FlagSnapshot snapshot = delivery.snapshot();
    Platform platform = platformOf(delivery.context());
    String parkedReason = reason;
    try {
      ledger.fail(
          new BatchFailure(
              eventId,
              BatchStatus.PARKED,
              reason,
              detail,
              project.projectId(),
              platform,
              null,
              snapshot.decide(platform.name(), project.projectId(), eventId.value()).asKeys(),
              List.of(),
              clock.instant(),
              false));
    } catch (DependencyUnavailableException e) {
      throw e;
    } catch (RuntimeException e) {
      parkedReason = reason + " (not recorded in the ledger: " + e + ")";
      LOG.error("the ledger refused the parked state of {}", eventId, e);
    }
    metrics.eventFailed(platform, "parked");
    LOG.error("parked {}: {}", eventId, parkedReason);
    return new DeadLetter(parkedReason);
  }

  static boolean publishable(
      EventContext context, ProjectResolution project, ProcessDeliveryCommand.Replay replay) {
    return project.publishable()
        && context.jobId() != null
        && !context.jobId().isBlank()
        && (replay == null || replay.republish());
  }

  static String noResultReason(
      EventContext context, ProjectResolution project, ProcessDeliveryCommand.Replay replay) {
    if (project.dryRun()) {
      return "dry run";
    }
    if (!project.publishable()) {
      return "no project id";
    }
    if (context.jobId() == null || context.jobId().isBlank()) {
      return "no job id";
    }
    return replay != null ? "replay without republish" : "unknown";
  }

  private int expectedSize(EventContext context, Platform platform) {
    if (context.contentCount() != null && context.contentCount() > 0) {
      return context.contentCount();
    }
    return settings.batchSizes().expectedFor(platform);
  }

  /** The batch's platform by the domain rule (CONTRACT 2), before items are read. */
  static Platform platformOf(EventContext context) {
    return BatchPlatform.of(context, List.of());
  }

  static String stackTrace(Throwable e) {
    StringWriter out = new StringWriter();
    e.printStackTrace(new PrintWriter(out));
    String text = out.toString();
    return text.length() <= MAX_DETAIL_CHARS ? text : text.substring(0, MAX_DETAIL_CHARS) + "\n…";
  }
}
