package smap.analytics.domain.failure;

import java.util.Objects;

/** Transient failure: object store, database or broker unreachable, or timed out. */
public final class DependencyUnavailableException extends AnalyticsException {

  /** The infrastructure this service depends on. */
  public enum Dependency {
    OBJECT_STORE,
    DATABASE,
    BROKER
  }

  private final Dependency dependency;

  public DependencyUnavailableException(Dependency dependency, String problem, Throwable cause) {
    super(Objects.requireNonNull(dependency, "dependency") + " unavailable: " + problem, cause);
    this.dependency = dependency;
  }

  public Dependency dependency() {
    return dependency;
  }

  @Override
  public boolean transientFailure() {
    return true;
  }
}
