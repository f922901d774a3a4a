package smap.analytics.application.port.in;

import java.util.List;

/** Use case: is this instance ready to work? Checks every dependency. */
public interface CheckReadinessUseCase {

  Readiness check();

  /** The result of one check: ready when every dependency is up. */
  record Readiness(boolean ready, List<Dependency> dependencies, List<String> warnings) {
    public Readiness {
      dependencies = List.copyOf(dependencies);
      warnings = List.copyOf(warnings);
    }
  }

  /** One dependency's state. */
  record Dependency(String name, boolean up, String detail) {}
}
