package smap.analytics.application.port.out;

import java.util.Objects;

/** Outgoing port: a quick health check of one dependency (database, broker, object store). */
public interface DependencyProbePort {

  /** The dependency's name as shown on /readyz and in the console ("postgresql", "rabbitmq"...). */
  String name();

  /** Checks the dependency now, within about a second; never throws. */
  Probe probe();

  /**
   * What a probe found.
   *
   * @param up whether the dependency answers
   * @param detail what was checked or what went wrong, one line
   */
  record Probe(boolean up, String detail) {
    public Probe {
      Objects.requireNonNull(detail, "detail");
    }
  }
}
