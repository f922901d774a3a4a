package smap.analytics.application.service.console;

import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import smap.analytics.application.port.in.BatchLogContext;
import smap.analytics.application.port.in.DeliveryOutcome;
import smap.analytics.application.port.in.ProcessDeliveryCommand;
import smap.analytics.application.port.in.ProcessDeliveryUseCase;
import smap.analytics.application.port.in.console.ReplayBatchUseCase;
import smap.analytics.application.port.out.BatchLedgerPort;
import smap.analytics.application.port.out.MessageDecoderPort;
import smap.analytics.application.port.out.console.AuditLogPort;
import smap.analytics.domain.audit.AuditEntry;
import smap.analytics.domain.batch.BatchStatus;
import smap.analytics.domain.ledger.BatchEntry;

/**
 * Service: replays one batch from the message stored in its ledger row, through the same use case
 * as a delivery (so it is idempotent on event and item ids), and audits it.
 */
public final class ReplayBatchService implements ReplayBatchUseCase {

  private static final int REMEMBERED_KEYS = 10_000;

  private final BatchLedgerPort ledger;
  private final ProcessDeliveryUseCase delivery;
  private final MessageDecoderPort decoder;
  private final AuditLogPort audit;
  private final Clock clock;
  private final Set<String> usedKeys =
      Collections.newSetFromMap(
          new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
              return size() > REMEMBERED_KEYS;
            }
          });

  public ReplayBatchService(
      BatchLedgerPort ledger,
      ProcessDeliveryUseCase delivery,
      MessageDecoderPort decoder,
      AuditLogPort audit,
      Clock clock) {
    this.ledger = ledger;
    this.delivery = delivery;
    this.decoder = decoder;
    this.audit = audit;
    this.clock = clock;
  }

  @Override
  public ReplayOutcome replay(ReplayCommand command) {
    if (command.idempotencyKey() != null && !command.idempotencyKey().isBlank()) {
      synchronized (usedKeys) {
        if (!usedKeys.add(command.idempotencyKey())) {
          return audited(
              command, new ReplayOutcome.AlreadySubmitted("this replay was already submitted"));
        }
      }
    }
    Optional<BatchEntry> found = ledger.find(command.eventId());
    if (found.isEmpty()) {
      return audited(command, new ReplayOutcome.NotFound("no batch " + command.eventId()));
    }
    BatchEntry entry = found.get();
    if (!entry.status().replayable()) {
      return audited(
          command,
          new ReplayOutcome.NotReplayable(
              entry.status(), "batch is " + entry.status() + "; wait for it to finish"));
    }
    if (entry.rawBodyTruncated() && entry.rawBody().length == 0) {
      return audited(
          command,
          new ReplayOutcome.NotReplayable(
              entry.status(),
              "the stored message was removed by retention (RETENTION_RAW_BODY_DAYS); ask the"
                  + " crawler to resend it"));
    }
    if (entry.rawBodyTruncated()) {
      return audited(
          command,
          new ReplayOutcome.NotReplayable(
              entry.status(),
              "the stored message was truncated (over 64 KiB); ask the crawler to resend it"));
    }
    try (BatchLogContext log =
        BatchLogContext.open(
            entry.context().eventId().value(), entry.context().jobId(), entry.projectId())) {
      DeliveryOutcome outcome =
          delivery.process(
              ProcessDeliveryCommand.replay(
                  entry.queue(),
                  entry.rawBody(),
                  decoder.decode(entry.rawBody()),
                  new ProcessDeliveryCommand.Replay(
                      command.operator(), command.republish(), command.onlyFailedItems())));
      ReplayOutcome result =
          switch (outcome) {
            case DeliveryOutcome.Acknowledge ack ->
                new ReplayOutcome.Replayed(ack.status(), ack.summary());
            case DeliveryOutcome.RetryLater retry ->
                new ReplayOutcome.Failed(
                    BatchStatus.RETRYING, "dependency unavailable: " + retry.reason());
            case DeliveryOutcome.PutBack putBack ->
                new ReplayOutcome.NotReplayable(
                    entry.status(), "not replayed: " + putBack.reason());
            case DeliveryOutcome.DeadLetter dead ->
                new ReplayOutcome.Failed(BatchStatus.PARKED, dead.reason());
          };
      return audited(command, result);
    }
  }

  private ReplayOutcome audited(ReplayCommand command, ReplayOutcome outcome) {
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("republish", command.republish());
    detail.put("only_failed_items", command.onlyFailedItems());
    if (outcome.batchStatus() != null) {
      detail.put("batch_status", outcome.batchStatus().name());
    }
    detail.put("message", outcome.message());
    audit.record(
        new AuditEntry(
            clock.instant(),
            command.operator(),
            "replay",
            command.eventId().value(),
            null,
            command.reason(),
            outcome.code(),
            detail));
    return outcome;
  }
}
