package smap.analytics.adapter.postgres;

import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import smap.analytics.adapter.postgres.console.JooqAuditLogAdapter;
import smap.analytics.application.port.out.console.AuditLogPort;
import smap.analytics.application.port.out.console.AuditLogPortContractTest;

class JooqAuditLogAdapterIT extends AuditLogPortContractTest {

  private TestDatabase db;

  @BeforeEach
  void migrate() {
    db = new TestDatabase();
    FlywayMigrator.migrate(db.dataSource);
  }

  @AfterEach
  void drop() {
    db.close();
  }

  @Override
  protected AuditLogPort auditLog() {
    return new JooqAuditLogAdapter(DSL.using(db.dataSource, SQLDialect.POSTGRES));
  }
}
