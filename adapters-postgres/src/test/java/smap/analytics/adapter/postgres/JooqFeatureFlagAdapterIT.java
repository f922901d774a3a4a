package smap.analytics.adapter.postgres;

import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import smap.analytics.application.port.out.FeatureFlagPort;
import smap.analytics.application.port.out.FeatureFlagPortContractTest;

class JooqFeatureFlagAdapterIT extends FeatureFlagPortContractTest {

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
  protected FeatureFlagPort flags() {
    return new JooqFeatureFlagAdapter(DSL.using(db.dataSource, SQLDialect.POSTGRES), db.dataSource);
  }
}
