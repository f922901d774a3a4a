package smap.analytics.application.service;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import smap.analytics.application.port.in.CheckReadinessUseCase;
import smap.analytics.application.port.out.DependencyProbePort;

/** Service: probes every dependency for /readyz and adds the topology warnings. */
public final class CheckReadinessService implements CheckReadinessUseCase {

  private final List<DependencyProbePort> probes;
  private final Supplier<List<String>> warnings;

  public CheckReadinessService(List<DependencyProbePort> probes, Supplier<List<String>> warnings) {
    this.probes = List.copyOf(probes);
    this.warnings = warnings;
  }

  @Override
  public Readiness check() {
    List<Dependency> dependencies = new ArrayList<>();
    boolean ready = true;
    for (DependencyProbePort probe : probes) {
      DependencyProbePort.Probe result = probe.probe();
      dependencies.add(new Dependency(probe.name(), result.up(), result.detail()));
      ready &= result.up();
    }
    return new Readiness(ready, dependencies, warnings.get());
  }
}
