package smap.analytics.domain.delivery;

import java.util.Objects;
import smap.analytics.domain.delivery.DeliveryDecision.Fail;
import smap.analytics.domain.delivery.DeliveryDecision.Park;
import smap.analytics.domain.delivery.DeliveryDecision.Proceed;
import smap.analytics.domain.delivery.DeliveryDecision.Reject;
import smap.analytics.domain.delivery.DeliveryDecision.RetryAfter;
import smap.analytics.domain.delivery.FailureKind.Bug;
import smap.analytics.domain.delivery.FailureKind.Unavailable;
import smap.analytics.domain.delivery.FailureKind.Unfinished;
import smap.analytics.domain.delivery.FailureKind.UnusableMessage;
import smap.analytics.domain.delivery.FailureKind.UnusableObject;

/**
 * Domain rule: the failure policy of CONTRACT 7 as one pure decision. Given the attempt number
 * (1-based: this is the n-th delivery of the message) and the kind of failure, it says whether to
 * retry after a pause, reject, fail or park. A transient failure retries until {@code maxAttempts}
 * deliveries; a bug until {@code poisonAttempts}; a permanent failure never.
 *
 * @param maxAttempts deliveries of one event before a transient failure makes the batch FAILED
 * @param poisonAttempts deliveries that crashed or ended without an outcome before the message is
 *     parked
 * @param backoff the pause before each retry
 */
public record DeliveryPolicy(int maxAttempts, int poisonAttempts, Backoff backoff) {

  public DeliveryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be >= 1, got " + maxAttempts);
    }
    if (poisonAttempts < 2) {
      throw new IllegalArgumentException("poisonAttempts must be >= 2, got " + poisonAttempts);
    }
    Objects.requireNonNull(backoff, "backoff");
  }

  /** What to do after attempt {@code attempt} ended with {@code kind}. */
  public DeliveryDecision decide(int attempt, FailureKind kind) {
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt must be >= 1, got " + attempt);
    }
    Objects.requireNonNull(kind, "kind");
    return switch (kind) {
      case Unavailable down when attempt >= maxAttempts ->
          new Fail(
              "gave up after "
                  + attempt
                  + " attempts, "
                  + down.dependency()
                  + " unavailable: "
                  + down.reason());
      case Unavailable down ->
          new RetryAfter(backoff.ceiling(attempt), down.dependency() + ": " + down.reason());
      case UnusableMessage unusable -> new Reject(unusable.reason());
      case UnusableObject unusable -> new Fail(unusable.reason());
      case Bug bug when attempt >= poisonAttempts ->
          new Park("crashed " + attempt + " times: " + bug.reason());
      case Bug bug -> new RetryAfter(backoff.ceiling(attempt), "unexpected: " + bug.reason());
      case Unfinished unfinished when attempt > poisonAttempts ->
          new Park(
              "attempt "
                  + attempt
                  + ": the earlier "
                  + (attempt - 1)
                  + " attempts ended without an outcome (the process died or crashed on this"
                  + " message)");
      case Unfinished unfinished -> new Proceed();
    };
  }
}
