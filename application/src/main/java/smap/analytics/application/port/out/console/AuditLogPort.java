package smap.analytics.application.port.out.console;

import java.util.List;
import smap.analytics.domain.audit.AuditEntry;

/** Outgoing port: the operator audit log. */
public interface AuditLogPort {

  void record(AuditEntry entry);

  /** Entries newest first, filtered by actor and action (null: any). */
  List<AuditEntry> list(String actor, String action, int limit);
}
