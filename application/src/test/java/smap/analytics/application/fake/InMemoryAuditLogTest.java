package smap.analytics.application.fake;

import smap.analytics.application.port.out.console.AuditLogPort;
import smap.analytics.application.port.out.console.AuditLogPortContractTest;

class InMemoryAuditLogTest extends AuditLogPortContractTest {
  @Override
  protected AuditLogPort auditLog() {
    return new InMemoryAuditLog();
  }
}
