package smap.analytics.application.port.in;

import java.util.List;

/** Use case: is this instance ready to work? Checks every dependency. */
public interface CheckReadinessUseCase {

  Readiness check();

  /**
   * The result of one check: ready when every dependency is up and nothing blocks the work.
   *
   * @param blockers why the instance cannot work although its dependencies answer (a stalled
   *     consumer)
   */
  record Readiness(
      boolean ready, List<Dependency> dependencies, List<String> warnings, List<String> blockers) {
    public Readiness {
      dependencies = List.copyOf(dependencies);
      warnings = List.copyOf(warnings);
      blockers = List.copyOf(blockers);
    }

    /** Without blockers. */
    public Readiness(boolean ready, List<Dependency> dependencies, List<String> warnings) {
      this(ready, dependencies, warnings, List.of());
    }

    /** Why it is not ready, one line; empty when ready. */
    public String reason() {
      List<String> reasons = new java.util.ArrayList<>();
      for (Dependency dependency : dependencies) {
        if (!dependency.up()) {
          reasons.add(dependency.name() + ": " + dependency.detail());
        }
      }
      reasons.addAll(blockers);
      return String.join("; ", reasons);
    }
  }

  /**
   * One dependency's state.
   *
   * @param known false until its first probe has answered (it counts as not up, and a gauge of it
   *     reads NaN rather than a 0 that would page at start-up)
   */
  record Dependency(String name, boolean up, String detail, boolean known) {

    /** A dependency whose probe has answered. */
    public Dependency(String name, boolean up, String detail) {
      this(name, up, detail, true);
    }

    /** A dependency no probe has answered yet: not up, state unknown. */
    public static Dependency notProbedYet(String name) {
      return new Dependency(name, false, "not probed yet", false);
    }
  }
}
