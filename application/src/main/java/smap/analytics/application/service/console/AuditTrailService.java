package smap.analytics.application.service.console;

import java.util.List;
import smap.analytics.application.port.in.console.AuditTrailUseCase;
import smap.analytics.application.port.out.console.AuditLogPort;
import smap.analytics.domain.audit.AuditEntry;

/** Service: the operator audit log. */
public final class AuditTrailService implements AuditTrailUseCase {

  /** Entries one call returns at most (the CSV export's cap). */
  public static final int MAX_ENTRIES = 10_000;

  private final AuditLogPort audit;

  public AuditTrailService(AuditLogPort audit) {
    this.audit = audit;
  }

  @Override
  public List<AuditEntry> list(String actor, String action, int limit) {
    return audit.list(actor, action, Math.max(1, Math.min(MAX_ENTRIES, limit)));
  }

  @Override
  public void record(AuditEntry entry) {
    audit.record(entry);
  }
}
