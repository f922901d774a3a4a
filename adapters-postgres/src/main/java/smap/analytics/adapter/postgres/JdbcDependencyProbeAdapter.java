package smap.analytics.adapter.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import smap.analytics.application.port.out.DependencyProbePort;

/** Adapter: checks that PostgreSQL answers a query within a second. */
public final class JdbcDependencyProbeAdapter implements DependencyProbePort {

  private final DataSource dataSource;

  public JdbcDependencyProbeAdapter(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public String name() {
    return "postgresql";
  }

  @Override
  public Probe probe() {
    try (Connection connection = dataSource.getConnection()) {
      return connection.isValid(1)
          ? new Probe(true, "select 1 answered")
          : new Probe(false, "connection did not validate within 1 s");
    } catch (SQLException | RuntimeException e) {
      return new Probe(false, e.getMessage() == null ? e.toString() : e.getMessage());
    }
  }
}
