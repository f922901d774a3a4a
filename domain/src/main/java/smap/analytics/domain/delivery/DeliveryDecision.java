package smap.analytics.domain.delivery;

import java.time.Duration;
import java.util.Objects;

/** Value: what to do with a delivery after an attempt, as the {@link DeliveryPolicy} decides. */
public sealed interface DeliveryDecision {

  /** Go on processing (the earlier unfinished attempts are still within the poison budget). */
  record Proceed() implements DeliveryDecision {}

  /** Record nothing final; requeue and try again after about {@code delay}. */
  record RetryAfter(Duration delay, String reason) implements DeliveryDecision {
    public RetryAfter {
      Objects.requireNonNull(delay, "delay");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** Record the message as REJECTED with the reason, and ack it. */
  record Reject(String reason) implements DeliveryDecision {
    public Reject {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** Record the batch as FAILED (replayable) with an error result, and ack it. */
  record Fail(String reason) implements DeliveryDecision {
    public Fail {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** Record the message as PARKED with the reason, put it in the dead-letter queue, ack it. */
  record Park(String reason) implements DeliveryDecision {
    public Park {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
