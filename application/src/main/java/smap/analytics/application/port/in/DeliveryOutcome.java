package smap.analytics.application.port.in;

import java.time.Duration;
import java.util.Objects;
import smap.analytics.domain.batch.BatchStatus;
import smap.analytics.domain.failure.DependencyUnavailableException.Dependency;

/** What the consumer must do with a delivery once the use case is done with it. */
public sealed interface DeliveryOutcome {

  /** Ack: the batch's effects, or its terminal failure, are durable. */
  record Acknowledge(BatchStatus status, String summary) implements DeliveryOutcome {
    public Acknowledge {
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(summary, "summary");
    }
  }

  /**
   * Do not ack: put the message back and pause consumption for about {@code pause}, because a
   * dependency is down, or because processing crashed. (A missing object is retried inside the
   * fetch, then fails the batch: it is no reason to hold the queue.)
   *
   * @param dependency what failed, or null when it was not a dependency
   * @param crashed true when processing crashed (a bug): the consumer then counts the crash on the
   *     message itself, so the count survives an outage of the ledger and a move to another
   *     instance, and the message is parked after {@code POISON_ATTEMPTS} crashes
   */
  record RetryLater(Duration pause, Dependency dependency, String reason, boolean crashed)
      implements DeliveryOutcome {
    public RetryLater {
      Objects.requireNonNull(pause, "pause");
      Objects.requireNonNull(reason, "reason");
    }

    /** A retry that is not a crash. */
    public RetryLater(Duration pause, Dependency dependency, String reason) {
      this(pause, dependency, reason, false);
    }
  }

  /**
   * Not to be taken now, and nothing failed: its format's flag is off. Put the message back
   * uncounted and pause about {@code pause}; no dependency is down, so this is no outage (no
   * growing backoff, no outage log line), and the message keeps its place for when the flag is on.
   */
  record PutBack(Duration pause, String reason) implements DeliveryOutcome {
    public PutBack {
      Objects.requireNonNull(pause, "pause");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** Poison: crashed processing repeatedly; send to the dead-letter queue and ack. */
  record DeadLetter(String reason) implements DeliveryOutcome {
    public DeadLetter {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
