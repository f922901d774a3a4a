package smap.analytics.application.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import smap.analytics.application.port.in.BatchDeadline;
import smap.analytics.application.port.in.DeliveryOutcome.Acknowledge;
import smap.analytics.application.port.in.ProcessDeliveryCommand;
import smap.analytics.application.port.out.BatchCommit;
import smap.analytics.application.port.out.BatchLedgerPort;
import smap.analytics.application.port.out.BatchLedgerPort.CommitOutcome;
import smap.analytics.application.port.out.BatchObjectPort;
import smap.analytics.application.port.out.FetchedBatch;
import smap.analytics.application.port.out.PipelineMetricsPort;
import smap.analytics.domain.batch.AnalyzeResult;
import smap.analytics.domain.batch.BatchStatus;
import smap.analytics.domain.batch.ObjectLocation;
import smap.analytics.domain.batch.Platform;
import smap.analytics.domain.error.CrawlError;
import smap.analytics.domain.failure.ObjectNotFoundException;
import smap.analytics.domain.failure.StorageRefusedException;
import smap.analytics.domain.flag.FlagSnapshot;
import smap.analytics.domain.ledger.BatchCounts;
import smap.analytics.domain.message.BatchPlatform;
import smap.analytics.domain.message.Classification.Accepted;
import smap.analytics.domain.message.EventContext;
import smap.analytics.domain.message.InboundMessage;
import smap.analytics.domain.message.InboundMessage.DataCollectedEvent;
import smap.analytics.domain.message.InboundMessage.LegacyInline;
import smap.analytics.domain.message.InboundMessage.LegacyReference;
import smap.analytics.domain.project.ProjectResolution;

/**
 * The happy path of one accepted message: fetch the batch (waiting briefly for an object still
 * being uploaded), read and analyse every item, commit everything in one transaction, count it.
 * Failures are thrown as the adapters classified them; the service decides what they mean.
 */
final class BatchRun {

  private static final Logger LOG = LoggerFactory.getLogger(BatchRun.class);

  private final BatchObjectPort objects;
  private final BatchLedgerPort ledger;
  private final PipelineMetricsPort metrics;
  private final BatchItemProcessor items;
  private final PipelineSettings settings;
  private final Clock clock;
  private final ProcessDeliveryService.Sleeper sleeper;

  BatchRun(
      BatchObjectPort objects,
      BatchLedgerPort ledger,
      PipelineMetricsPort metrics,
      BatchItemProcessor items,
      PipelineSettings settings,
      Clock clock,
      ProcessDeliveryService.Sleeper sleeper) {
    this.objects = objects;
    this.ledger = ledger;
    this.metrics = metrics;
    this.items = items;
    this.settings = settings;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  Acknowledge run(
      ProcessDeliveryCommand command,
      Accepted accepted,
      ProjectResolution project,
      FlagSnapshot snapshot,
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
      FetchedBatch fetched = fetch(location.get());
      metrics.batchFetched(fetched.fetchTime(), fetched.parseTime(), fetched.compressed());
      entries = fetched.items();
      fetchTime = fetched.fetchTime().plus(fetched.parseTime());
    } else {
      entries = List.of(((LegacyInline) message).item());
    }

    Platform platform = BatchPlatform.of(context, entries);
    Set<String> stored =
        command.replay() != null && command.replay().onlyFailedItems()
            ? ledger.storedPostIds(context.eventId())
            : Set.of();
    // Scope precedence and percentage rollouts decided for this event; the ledger keeps the result.
    FlagSnapshot decided =
        snapshot.decide(platform.name(), project.projectId(), context.eventId().value());
    if (!snapshot.rollouts().isEmpty()) {
      LOG.info(
          "flags for {} (rollout bucket {}): {}",
          context.eventId(),
          FlagSnapshot.bucket(context.eventId().value()),
          decided.asKeys());
    }
    ProcessedBatch batch = items.process(entries, context, project, platform, decided, stored);
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
              + platform.lowerName()
              + ", job_id="
              + context.jobId();
      warnings.add(warning);
      LOG.warn(warning);
    }
    BatchStatus status = counts.analysisErrors() > 0 ? BatchStatus.PARTIAL : BatchStatus.SUCCEEDED;
    AnalyzeResult result =
        DeliveryRecorder.publishable(context, project, command.replay())
            ? new AnalyzeResult(
                project.projectId(),
                context.jobId(),
                counts.items(),
                counts.succeeded(),
                counts.errors())
            : null;
    if (BatchDeadline.passed()) {
      // The consumer gave up on this batch (BATCH_TIMEOUT_SECONDS) and retries it: commit nothing.
      throw new IllegalStateException("abandoned before its commit: it ran past its deadline");
    }
    Instant finished = clock.instant();
    CommitOutcome outcome =
        commit(
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
                decided.asKeys(),
                warnings,
                fetchTime,
                Duration.between(started, finished),
                finished,
                command.replay() != null));
    if (outcome == CommitOutcome.ALREADY_COMMITTED) {
      metrics.duplicateSkipped();
      return new Acknowledge(status, "duplicate: another delivery committed it first");
    }
    count(command, platform, status, counts, batch, Duration.between(started, finished));
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
                    + DeliveryRecorder.noResultReason(context, project, command.replay())
                    + ")"
                : "");
    LOG.info("batch {} {}", context.eventId(), summary);
    return new Acknowledge(status, summary);
  }

  /**
   * Commits the batch. The rows the database refuses one by one are isolated by the ledger; when it
   * still refuses the batch's own summary (its warnings, flags or counts), the batch's items are
   * committed once more with a summary that keeps only the refusal, so the outcome and the good
   * items are stored and the batch does not crash over its bookkeeping.
   */
  private CommitOutcome commit(BatchCommit commit) {
    try {
      return ledger.commit(commit);
    } catch (StorageRefusedException refused) {
      LOG.error(
          "the ledger refused the summary of batch {} ({}); committing it with the refusal only",
          commit.eventId(),
          refused.getMessage());
      return ledger.commit(commit.withSummaryRefused(refused.getMessage()));
    }
  }

  private void count(
      ProcessDeliveryCommand command,
      Platform platform,
      BatchStatus status,
      BatchCounts counts,
      ProcessedBatch batch,
      Duration took) {
    metrics.eventProcessed(platform, status.name().toLowerCase(), took);
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
    if (command.replay() != null) {
      metrics.replayed(status.name().toLowerCase());
    }
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
}
