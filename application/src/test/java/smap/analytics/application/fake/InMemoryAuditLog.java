package smap.analytics.application.fake;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import smap.analytics.application.port.out.console.AuditLogPort;
import smap.analytics.domain.audit.AuditEntry;

/** Fake: the audit log in memory, newest first by time (the later recorded first on a tie). */
public final class InMemoryAuditLog implements AuditLogPort {
  private final List<AuditEntry> entries = new ArrayList<>();

  @Override
  public synchronized void record(AuditEntry entry) {
    entries.add(0, entry);
  }

  @Override
  public synchronized List<AuditEntry> list(String actor, String action, int limit) {
    return entries.stream()
        .filter(e -> actor == null || e.actor().equals(actor))
        .filter(e -> action == null || e.action().equals(action))
        .sorted(Comparator.comparing(AuditEntry::at).reversed())
        .limit(limit)
        .toList();
  }
}
