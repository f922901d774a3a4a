package smap.analytics.application.port.out.console;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Outgoing port: the operator audit log. */
public interface AuditLogPort {

  void record(AuditEntry entry);

  /** Entries newest first, filtered by actor and action (null: any). */
  List<AuditEntry> list(String actor, String action, int limit);

  /**
   * One operator action.
   *
   * @param outcome "ok", "denied", "failed" or "duplicate"
   */
  record AuditEntry(
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
}
