package smap.analytics.adapter.postgres;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import javax.sql.DataSource;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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

  /**
   * Forces the race the contract's subscribe test can only hope for: the listener's connection
   * comes 300 ms late, so a change made as soon as {@code subscribe} returns is committed before
   * LISTEN unless {@code subscribe} waits for it (the version poll cannot catch it either: the
   * listener reads its first version after the change).
   */
  @Test
  void aChangeRightAfterSubscribeIsHeardWhenTheListenerConnectsLate() throws Exception {
    FeatureFlagPort flags =
        new JooqFeatureFlagAdapter(
            DSL.using(db.dataSource, SQLDialect.POSTGRES), late(db.dataSource, 300));
    assertAChangeRightAfterSubscribingIsHeard(flags, false);
  }

  /** {@code target}, but each connection is handed out {@code millis} late. */
  private static DataSource late(DataSource target, long millis) {
    return (DataSource)
        Proxy.newProxyInstance(
            DataSource.class.getClassLoader(),
            new Class<?>[] {DataSource.class},
            (proxy, method, args) -> {
              if (method.getName().equals("getConnection")) {
                Thread.sleep(millis);
              }
              try {
                return method.invoke(target, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }
}
