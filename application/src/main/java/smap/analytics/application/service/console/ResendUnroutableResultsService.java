package smap.analytics.application.service.console;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import smap.analytics.application.port.in.console.ResendUnroutableResultsUseCase;
import smap.analytics.application.port.out.PipelineMetricsPort;
import smap.analytics.application.port.out.ResultOutboxPort;
import smap.analytics.application.port.out.console.AuditLogPort;
import smap.analytics.domain.audit.AuditEntry;
import smap.analytics.domain.console.UnroutableResult;

/**
 * Service: an operator's resend of unroutable results. It only makes the rows due; publishing stays
 * with the outbox relay (leases, confirms, marks), so a resend can never publish a result twice at
 * once nor one that was delivered meanwhile.
 */
public final class ResendUnroutableResultsService implements ResendUnroutableResultsUseCase {

  private final ResultOutboxPort outbox;
  private final AuditLogPort audit;
  private final PipelineMetricsPort metrics;
  private final Clock clock;

  public ResendUnroutableResultsService(
      ResultOutboxPort outbox, AuditLogPort audit, PipelineMetricsPort metrics, Clock clock) {
    this.outbox = Objects.requireNonNull(outbox, "outbox");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public List<UnroutableResult> list() {
    return outbox.unroutable(MAX);
  }

  @Override
  public ResendOutcome resend(ResendCommand command) {
    List<Long> asked = List.copyOf(new LinkedHashSet<>(command.ids()));
    List<Long> queued = outbox.resendUnroutable(asked, clock.instant());
    List<Long> skipped = new ArrayList<>(asked);
    skipped.removeAll(queued);
    metrics.unroutableResendRequested("queued", queued.size());
    metrics.unroutableResendRequested("skipped", skipped.size());
    ResendOutcome outcome = new ResendOutcome(queued, skipped);
    audit.record(
        new AuditEntry(
            clock.instant(),
            command.operator(),
            "result-resend",
            queued.size() == 1 && skipped.isEmpty()
                ? "outbox:" + queued.get(0)
                : asked.size() + " results",
            null,
            command.reason(),
            queued.isEmpty() ? "failed" : "ok",
            Map.of("queued", queued, "skipped", skipped)));
    return outcome;
  }
}
