package smap.analytics.application.port.in.console;

import java.util.List;
import smap.analytics.domain.audit.AuditEntry;

/** Use case: read and append the operator audit log (logins are recorded through it too). */
public interface AuditTrailUseCase {

  List<AuditEntry> list(String actor, String action, int limit);

  void record(AuditEntry entry);
}
