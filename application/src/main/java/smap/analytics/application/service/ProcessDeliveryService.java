package smap.analytics.application.service;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import smap.analytics.application.port.in.DeliveryOutcome;
import smap.analytics.application.port.in.DeliveryOutcome.Acknowledge;
import smap.analytics.application.port.in.DeliveryOutcome.DeadLetter;
import smap.analytics.application.port.in.DeliveryOutcome.RetryLater;
import smap.analytics.application.port.in.ProcessDeliveryCommand;
import smap.analytics.application.port.in.ProcessDeliveryCommand.DecodedBody;
import smap.analytics.application.port.in.ProcessDeliveryUseCase;
import smap.analytics.application.port.out.BatchCommit;
import smap.analytics.application.port.out.BatchCounts;
import smap.analytics.application.port.out.BatchEntry;
import smap.analytics.application.port.out.BatchFailure;
import smap.analytics.application.port.out.BatchLedgerPort;
import smap.analytics.application.port.out.BatchLedgerPort.AttemptStart;
import smap.analytics.application.port.out.BatchLedgerPort.CommitOutcome;
import smap.analytics.application.port.out.BatchObjectPort;
import smap.analytics.application.port.out.BatchStart;
import smap.analytics.application.port.out.FetchedBatch;
import smap.analytics.application.port.out.PipelineMetricsPort;
import smap.analytics.domain.analysis.PostAnalyser;
import smap.analytics.domain.batch.AnalyzeResult;
import smap.analytics.domain.batch.BatchStatus;
import smap.analytics.domain.batch.EventId;
import smap.analytics.domain.batch.ObjectLocation;
import smap.analytics.domain.batch.Platform;
import smap.analytics.domain.error.CrawlError;
import smap.analytics.domain.failure.DependencyUnavailableException;
import smap.analytics.domain.failure.MalformedBatchException;
import smap.analytics.domain.failure.ObjectNotFoundException;
import smap.analytics.domain.flag.FeatureFlag;
import smap.analytics.domain.flag.FlagSnapshot;
import smap.analytics.domain.message.BatchPlatform;
import smap.analytics.domain.message.Classification;
import smap.analytics.domain.message.Classification.Accepted;
import smap.analytics.domain.message.Classification.Rejected;
import smap.analytics.domain.message.EventContext;
import smap.analytics.domain.message.InboundMessage;
import smap.analytics.domain.message.InboundMessage.DataCollectedEvent;
import smap.analytics.domain.message.InboundMessage.LegacyInline;
import smap.analytics.domain.message.InboundMessage.LegacyReference;
import smap.analytics.domain.message.MessageClassifier;
import smap.analytics.domain.message.MessageFormat;
import smap.analytics.domain.project.ProjectIdRules;
import smap.analytics.domain.project.ProjectResolution;

/**
 * Service: takes one delivery from the broker (or an operator's replay) through classification,
 * fetch, per-item analysis and one commit, and tells the consumer whether to ack, retry or
 * dead-letter it (CONTRACT 7). Every terminal outcome lands in the ledger with its reason.
 */
public final class ProcessDeliveryService implements ProcessDeliveryUseCase {

  private static final Logger LOG = LoggerFactory.getLogger(ProcessDeliveryService.class);
  private static final int MAX_DETAIL_CHARS = 8_000;

  private final BatchObjectPort objects;
  private final BatchLedgerPort ledger;
  private final PipelineMetricsPort metrics;
  private final FeatureFlagCache flags;
  private final BatchItemProcessor items;
  private final PipelineSettings settings;
  private final Clock clock;
  private final Sleeper sleeper;

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
    this.objects = Objects.requireNonNull(objects, "objects");
    this.ledger = Objects.requireNonNull(ledger, "ledger");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.flags = Objects.requireNonNull(flags, "flags");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.items =
        new BatchItemProcessor(Objects.requireNonNull(analyser, "analyser"), settings, clock);
  }

  /** Waits between in-place retries. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(long millis) throws InterruptedException;
  }

  @Override
  public DeliveryOutcome process(ProcessDeliveryCommand command) {
    Instant started = clock.instant();
    FlagSnapshot snapshot = flags.current();
    Classification classification = classify(command, snapshot);
    EventContext context = classification.context();
    MDC.put("event_id", context.eventId().value());
    putIfPresent("job_id", context.jobId());
    metrics.activeBatches(1);
    try {
      return handle(command, classification, snapshot, started);
    } finally {
      metrics.activeBatches(-1);
      MDC.remove("event_id");
      MDC.remove("job_id");
      MDC.remove("project_id");
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
    metrics.eventReceived(
        command.queue(), format == null ? "unknown" : format.name().toLowerCase());
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

    AttemptStart attempt;
    try {
      if (!replay) {
        Optional<BatchEntry> known = ledger.find(eventId);
        if (known.isPresent() && known.get().status().terminal()) {
          metrics.duplicateSkipped();
          LOG.info(
              "duplicate delivery of {} (already {}); nothing to do",
              eventId,
              known.get().status());
          return new Acknowledge(
              known.get().status(), "duplicate: already " + known.get().status());
        }
      }
      attempt =
          ledger.begin(
              new BatchStart(
                  context,
                  command.queue(),
                  format,
                  objectPath(classification),
                  command.body(),
                  started));
    } catch (DependencyUnavailableException e) {
      return retryLater(e, 1);
    }

    String platformText = platformOf(context, List.of());
    Optional<BatchEntry> previous = attempt.previous();
    if (!replay
        && previous.isPresent()
        && previous.get().status() == BatchStatus.PROCESSING
        && attempt.attempt() > settings.retry().poisonAttempts()) {
      String reason =
          "attempt "
              + attempt.attempt()
              + ": the earlier "
              + (attempt.attempt() - 1)
              + " attempts ended without an outcome (the process died or crashed on this message)";
      return park(eventId, reason, null, project, platformText, snapshot);
    }

    try {
      return switch (classification) {
        case Rejected rejected -> reject(command, rejected, project, snapshot);
        case Accepted accepted ->
            process(command, accepted, project, snapshot, attempt.attempt(), started);
      };
    } catch (DependencyUnavailableException e) {
      return transientFailure(command, context, project, snapshot, attempt.attempt(), e);
    } catch (RuntimeException e) {
      LOG.error("unexpected failure processing {}", eventId, e);
      if (attempt.attempt() >= settings.retry().poisonAttempts()) {
        return park(
            eventId,
            "crashed " + attempt.attempt() + " times: " + e,
            stackTrace(e),
            project,
            platformText,
            snapshot);
      }
      try {
        ledger.retrying(
            eventId,
            "unexpected: " + e,
            clock.instant().plus(settings.retry().backoff(attempt.attempt())));
      } catch (RuntimeException ignored) {
        LOG.warn("could not record the retry of {}: {}", eventId, ignored.toString());
      }
      return new RetryLater(settings.retry().backoff(attempt.attempt()), null, "unexpected: " + e);
    }
  }

  private Classification classify(ProcessDeliveryCommand command, FlagSnapshot snapshot) {
    return switch (command.decoded()) {
      case DecodedBody.Undecodable undecodable ->
          new Rejected(
              EventContext.of(EventId.derive(command.body())), "body: " + undecodable.reason());
      case DecodedBody.Json json ->
          MessageClassifier.classify(json.tree(), command.body(), enabledFormats(snapshot));
    };
  }

  private static Set<MessageFormat> enabledFormats(FlagSnapshot snapshot) {
    Set<MessageFormat> enabled = EnumSet.noneOf(MessageFormat.class);
    if (snapshot.enabled(FeatureFlag.BATCH_FORMAT)) {
      enabled.add(MessageFormat.BATCH_EVENT);
    }
    if (snapshot.enabled(FeatureFlag.LEGACY_FORMAT)) {
      enabled.add(MessageFormat.LEGACY_REFERENCE);
      enabled.add(MessageFormat.LEGACY_INLINE);
    }
    return enabled;
  }

  private DeliveryOutcome reject(
      ProcessDeliveryCommand command,
      Rejected rejected,
      ProjectResolution project,
      FlagSnapshot snapshot) {
    EventContext context = rejected.context();
    String platform = platformOf(context, List.of());
    CommitOutcome outcome =
        recordFailure(
            command,
            context,
            project,
            snapshot,
            platform,
            BatchStatus.REJECTED,
            rejected.reason(),
            null,
            List.of());
    LOG.warn("rejected {}: {}", context.eventId(), rejected.reason());
    return terminal(outcome, BatchStatus.REJECTED, platform, "rejected: " + rejected.reason());
  }

  private DeliveryOutcome process(
      ProcessDeliveryCommand command,
      Accepted accepted,
      ProjectResolution project,
      FlagSnapshot snapshot,
      int attempt,
      Instant started) {
    InboundMessage message = accepted.message();
    EventContext context = message.context();
    List<String> warnings = new ArrayList<>(accepted.warnings());
    List<Object> entries;
    Duration fetchTime = Duration.ZERO;
    Optional<ObjectLocation> location =
        switch (message) {
          case DataCollectedEvent event -> Optional.of(event.location());
          case LegacyReference reference -> Optional.of(reference.location());
          case LegacyInline inline -> Optional.empty();
        };
    if (location.isPresent()) {
      FetchedBatch fetched;
      try {
        fetched = fetch(location.get());
      } catch (ObjectNotFoundException e) {
        return failed(command, context, project, snapshot, e.getMessage(), null, warnings);
      } catch (MalformedBatchException e) {
        return failed(command, context, project, snapshot, e.getMessage(), stackTrace(e), warnings);
      }
      metrics.batchFetched(fetched.fetchTime(), fetched.parseTime(), fetched.compressed());
      entries = fetched.items();
      fetchTime = fetched.fetchTime().plus(fetched.parseTime());
    } else {
      entries = List.of(((LegacyInline) message).item());
    }

    String platform = platformOf(context, entries);
    java.util.Set<String> stored =
        command.replay() != null && command.replay().onlyFailedItems()
            ? ledger.storedPostIds(context.eventId())
            : java.util.Set.of();
    ProcessedBatch batch = items.process(entries, context, project, platform, snapshot, stored);
    warnings.addAll(batch.warnings());
    BatchCounts counts = batch.counts();
    if (counts.sizeMismatch()) {
      metrics.batchSizeMismatch(platform);
      String warning =
          "Unexpected batch size: expected="
              + counts.expected()
              + ", actual="
              + counts.items()
              + ", platform="
              + platform.toLowerCase()
              + ", job_id="
              + context.jobId();
      warnings.add(warning);
      LOG.warn(warning);
    }
    BatchStatus status = counts.analysisErrors() > 0 ? BatchStatus.PARTIAL : BatchStatus.SUCCEEDED;
    AnalyzeResult result =
        publishable(context, project, command.replay())
            ? new AnalyzeResult(
                project.projectId(),
                context.jobId(),
                counts.items(),
                counts.succeeded(),
                counts.errors())
            : null;
    Instant finished = clock.instant();
    CommitOutcome outcome =
        ledger.commit(
            new BatchCommit(
                context.eventId(),
                status,
                project.projectId(),
                platform,
                batch.posts(),
                batch.comments(),
                batch.errors(),
                counts,
                result,
                snapshot.asKeys(),
                warnings,
                fetchTime,
                Duration.between(started, finished),
                finished,
                command.replay() != null));
    if (outcome == CommitOutcome.ALREADY_COMMITTED) {
      metrics.duplicateSkipped();
      return new Acknowledge(status, "duplicate: another delivery committed it first");
    }
    metrics.eventProcessed(
        platform, status.name().toLowerCase(), Duration.between(started, finished));
    metrics.itemsProcessed(platform, "success", counts.succeeded());
    metrics.itemsProcessed(platform, "crawler_error", counts.crawlerErrors());
    metrics.itemsProcessed(platform, "analysis_error", counts.analysisErrors());
    for (CrawlError error : batch.allErrors()) {
      metrics.errorRecorded(
          error.code().known() == null ? "OTHER" : error.code().value(),
          error.category().label(),
          platform,
          error.source().name().toLowerCase());
    }
    if (counts.items() > 0) {
      metrics.batchRates(
          platform,
          100.0 * counts.succeeded() / counts.items(),
          100.0 * counts.errors() / counts.items());
    }
    if (command.replay() != null) {
      metrics.replayed(status.name().toLowerCase());
    }
    String summary =
        status
            + ": "
            + counts.succeeded()
            + " analysed, "
            + counts.crawlerErrors()
            + " crawler errors, "
            + counts.analysisErrors()
            + " analysis errors of "
            + counts.items()
            + (result == null
                ? " (no result published: "
                    + noResultReason(context, project, command.replay())
                    + ")"
                : "");
    LOG.info("batch {} {}", context.eventId(), summary);
    return new Acknowledge(status, summary);
  }

  private FetchedBatch fetch(ObjectLocation location) {
    int retries = settings.retry().notFoundRetries();
    for (int retry = 0; ; retry++) {
      try {
        return objects.fetch(location);
      } catch (ObjectNotFoundException e) {
        if (retry >= retries) {
          throw e;
        }
        LOG.info("{} not found yet, retry {} of {}", location, retry + 1, retries);
        try {
          sleeper.sleep(settings.retry().notFoundDelay().toMillis());
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  private DeliveryOutcome failed(
      ProcessDeliveryCommand command,
      EventContext context,
      ProjectResolution project,
      FlagSnapshot snapshot,
      String reason,
      String detail,
      List<String> warnings) {
    String platform = platformOf(context, List.of());
    CommitOutcome outcome =
        recordFailure(
            command,
            context,
            project,
            snapshot,
            platform,
            BatchStatus.FAILED,
            reason,
            detail,
            warnings);
    LOG.warn("batch {} failed: {}", context.eventId(), reason);
    return terminal(outcome, BatchStatus.FAILED, platform, "failed: " + reason);
  }

  private DeliveryOutcome transientFailure(
      ProcessDeliveryCommand command,
      EventContext context,
      ProjectResolution project,
      FlagSnapshot snapshot,
      int attempt,
      DependencyUnavailableException e) {
    String platform = platformOf(context, List.of());
    if (attempt >= settings.retry().maxAttempts()) {
      String reason =
          "gave up after "
              + attempt
              + " attempts, "
              + e.dependency()
              + " unavailable: "
              + e.getMessage();
      try {
        CommitOutcome outcome =
            recordFailure(
                command,
                context,
                project,
                snapshot,
                platform,
                BatchStatus.FAILED,
                reason,
                stackTrace(e),
                List.of());
        LOG.error("batch {} {}", context.eventId(), reason);
        return terminal(outcome, BatchStatus.FAILED, platform, reason);
      } catch (DependencyUnavailableException stillDown) {
        return retryLater(stillDown, attempt);
      }
    }
    metrics.eventFailed(platform, "retrying");
    Duration pause = settings.retry().backoff(attempt);
    try {
      ledger.retrying(
          context.eventId(), e.dependency() + ": " + e.getMessage(), clock.instant().plus(pause));
    } catch (RuntimeException notRecorded) {
      LOG.warn("could not record the retry of {}: {}", context.eventId(), notRecorded.toString());
    }
    LOG.warn(
        "batch {} attempt {}: {} unavailable ({}); retrying in {} ms",
        context.eventId(),
        attempt,
        e.dependency(),
        e.getMessage(),
        pause.toMillis());
    return new RetryLater(pause, e.dependency(), e.getMessage());
  }

  private DeliveryOutcome retryLater(DependencyUnavailableException e, int attempt) {
    Duration pause = settings.retry().backoff(attempt);
    LOG.warn(
        "{} unavailable ({}); pausing {} ms", e.dependency(), e.getMessage(), pause.toMillis());
    return new RetryLater(pause, e.dependency(), e.getMessage());
  }

  private DeliveryOutcome park(
      EventId eventId,
      String reason,
      String detail,
      ProjectResolution project,
      String platform,
      FlagSnapshot snapshot) {
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
              snapshot.asKeys(),
              List.of(),
              clock.instant(),
              false));
    } catch (DependencyUnavailableException e) {
      return retryLater(e, 1);
    }
    metrics.eventFailed(platform, "parked");
    LOG.error("parked {}: {}", eventId, reason);
    return new DeadLetter(reason);
  }

  private DeliveryOutcome terminal(
      CommitOutcome outcome, BatchStatus status, String platform, String summary) {
    if (outcome == CommitOutcome.ALREADY_COMMITTED) {
      metrics.duplicateSkipped();
      return new Acknowledge(status, "duplicate: already recorded");
    }
    metrics.eventFailed(platform, status.name().toLowerCase());
    return new Acknowledge(status, summary);
  }

  /** Records a terminal failure with the error result, when one may be published. */
  private CommitOutcome recordFailure(
      ProcessDeliveryCommand command,
      EventContext context,
      ProjectResolution project,
      FlagSnapshot snapshot,
      String platform,
      BatchStatus status,
      String reason,
      String detail,
      List<String> warnings) {
    AnalyzeResult result =
        errorResult(
            context,
            project,
            snapshot,
            platform,
            command.replay(),
            expectedSize(context, platform));
    return ledger.fail(
        new BatchFailure(
            context.eventId(),
            status,
            reason,
            detail,
            project.projectId(),
            platform,
            result,
            snapshot.asKeys(),
            warnings,
            clock.instant(),
            command.replay() != null));
  }

  /** The error result of a batch that stored nothing, when one may be published. */
  private AnalyzeResult errorResult(
      EventContext context,
      ProjectResolution project,
      FlagSnapshot snapshot,
      String platform,
      ProcessDeliveryCommand.Replay replay,
      int size) {
    return publishable(context, project, replay)
        ? AnalyzeResult.allFailed(project.projectId(), context.jobId(), size)
        : null;
  }

  private static boolean publishable(
      EventContext context, ProjectResolution project, ProcessDeliveryCommand.Replay replay) {
    return project.publishable()
        && context.jobId() != null
        && !context.jobId().isBlank()
        && (replay == null || replay.republish());
  }

  private static String noResultReason(
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

  private int expectedSize(EventContext context, String platform) {
    if (context.contentCount() != null && context.contentCount() > 0) {
      return context.contentCount();
    }
    return settings.batchSizes().expectedFor(Platform.from(platform));
  }

  /** The batch's platform by the domain rule (CONTRACT 2), upper-case. */
  static String platformOf(EventContext context, List<Object> entries) {
    return BatchPlatform.of(context, entries).name();
  }

  private static String objectPath(Classification classification) {
    if (classification instanceof Accepted accepted) {
      return switch (accepted.message()) {
        case DataCollectedEvent event -> event.location().bucket() + "/" + event.location().key();
        case LegacyReference reference ->
            reference.location().bucket() + "/" + reference.location().key();
        case LegacyInline inline -> null;
      };
    }
    return null;
  }

  private static void putIfPresent(String key, String value) {
    if (value != null) {
      MDC.put(key, value);
    }
  }

  static String stackTrace(Throwable e) {
    StringWriter out = new StringWriter();
    e.printStackTrace(new PrintWriter(out));
    String text = out.toString();
    return text.length() <= MAX_DETAIL_CHARS ? text : text.substring(0, MAX_DETAIL_CHARS) + "\n…";
  }
}
