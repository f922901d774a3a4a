package smap.analytics.domain.delivery;

import java.util.Objects;
import smap.analytics.domain.failure.DependencyUnavailableException.Dependency;

/**
 * Value: what kind of failure ended an attempt, as the adapters classify it once. The {@link
 * DeliveryPolicy} decides from the kind alone, never from an exception's class or text.
 */
public sealed interface FailureKind {

  /** Transient: a dependency is down or timed out; the same work may succeed later. */
  record Unavailable(Dependency dependency, String reason) implements FailureKind {
    public Unavailable {
      Objects.requireNonNull(dependency, "dependency");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** Permanent: the message itself cannot be used (not JSON, no usable format, bad path). */
  record UnusableMessage(String reason) implements FailureKind {
    public UnusableMessage {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * Permanent for this batch: its object cannot be used (missing after the in-place retries,
   * malformed, refused by the store). Replayable once the object is fixed.
   */
  record UnusableObject(String reason) implements FailureKind {
    public UnusableObject {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** A bug: something threw that no adapter expected. Retried, then parked with its stack. */
  record Bug(String reason, String stackTrace) implements FailureKind {
    public Bug {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * The earlier attempts of this message ended without an outcome: the process died or was killed
   * while it held the message.
   */
  record Unfinished() implements FailureKind {}
}
