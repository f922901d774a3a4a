package smap.analytics.domain.audit;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One operator action.
 *
 * @param outcome "ok", "denied", "failed" or "duplicate"
 */
public record AuditEntry(
    Instant at,
    String actor,
    String action,
    String target,
    String scope,
    String reason,
    String outcome,
    Map<String, Object> detail) {
  public AuditEntry {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(outcome, "outcome");
    detail = detail == null ? Map.of() : Map.copyOf(detail);
  }
}
