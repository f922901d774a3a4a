package smap.analytics.domain.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
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
import smap.analytics.domain.failure.DependencyUnavailableException.Dependency;

/** The failure policy as a table: every kind of failure at every attempt that matters. */
class DeliveryPolicyTest {

  /** 4 deliveries for transient failures, parked at the 3rd crash, 1 s doubling to 3 s. */
  private static final DeliveryPolicy POLICY =
      new DeliveryPolicy(4, 3, new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(3), 0.2));

  private static final Unavailable DB_DOWN = new Unavailable(Dependency.DATABASE, "refused");
  private static final Unavailable S3_DOWN = new Unavailable(Dependency.OBJECT_STORE, "timeout");
  private static final UnusableMessage NOT_JSON = new UnusableMessage("body: not JSON");
  private static final UnusableObject MISSING = new UnusableObject("object not found: b/k");
  private static final Bug NPE = new Bug("java.lang.NullPointerException", "stack");
  private static final Unfinished DIED = new Unfinished();

  static Stream<Arguments> table() {
    return Stream.of(
        // kind, attempt, expected decision
        Arguments.of(DB_DOWN, 1, new RetryAfter(Duration.ofSeconds(1), "DATABASE: refused")),
        Arguments.of(DB_DOWN, 2, new RetryAfter(Duration.ofSeconds(2), "DATABASE: refused")),
        Arguments.of(DB_DOWN, 3, new RetryAfter(Duration.ofSeconds(3), "DATABASE: refused")),
        Arguments.of(
            DB_DOWN, 4, new Fail("gave up after 4 attempts, DATABASE unavailable: refused")),
        Arguments.of(
            DB_DOWN, 9, new Fail("gave up after 9 attempts, DATABASE unavailable: refused")),
        Arguments.of(S3_DOWN, 1, new RetryAfter(Duration.ofSeconds(1), "OBJECT_STORE: timeout")),
        Arguments.of(
            S3_DOWN, 4, new Fail("gave up after 4 attempts, OBJECT_STORE unavailable: timeout")),
        Arguments.of(NOT_JSON, 1, new Reject("body: not JSON")),
        Arguments.of(NOT_JSON, 7, new Reject("body: not JSON")),
        Arguments.of(MISSING, 1, new Fail("object not found: b/k")),
        Arguments.of(MISSING, 5, new Fail("object not found: b/k")),
        Arguments.of(
            NPE,
            1,
            new RetryAfter(Duration.ofSeconds(1), "unexpected: java.lang.NullPointerException")),
        Arguments.of(
            NPE,
            2,
            new RetryAfter(Duration.ofSeconds(2), "unexpected: java.lang.NullPointerException")),
        Arguments.of(NPE, 3, new Park("crashed 3 times: java.lang.NullPointerException")),
        Arguments.of(NPE, 10, new Park("crashed 10 times: java.lang.NullPointerException")),
        Arguments.of(DIED, 1, new Proceed()),
        Arguments.of(DIED, 3, new Proceed()),
        Arguments.of(
            DIED,
            4,
            new Park(
                "attempt 4: the earlier 3 attempts ended without an outcome (the process died or"
                    + " crashed on this message)")));
  }

  @ParameterizedTest(name = "{0} at attempt {1} -> {2}")
  @MethodSource("table")
  void everyRowOfTheTable(FailureKind kind, int attempt, DeliveryDecision expected) {
    assertThat(POLICY.decide(attempt, kind)).isEqualTo(expected);
  }

  @Test
  void aTransientFailureNeverParksAndABugNeverFailsTheBatch() {
    for (int attempt = 1; attempt <= 20; attempt++) {
      assertThat(POLICY.decide(attempt, DB_DOWN)).isNotInstanceOf(Park.class);
      assertThat(POLICY.decide(attempt, NPE)).isNotInstanceOf(Fail.class);
    }
  }

  @Test
  void refusesNonsense() {
    assertThatThrownBy(() -> POLICY.decide(0, DB_DOWN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("attempt");
    Backoff backoff = Backoff.exponential(Duration.ofSeconds(1), Duration.ofSeconds(2));
    assertThatThrownBy(() -> new DeliveryPolicy(0, 3, backoff)).hasMessageContaining("maxAttempts");
    assertThatThrownBy(() -> new DeliveryPolicy(3, 1, backoff))
        .hasMessageContaining("poisonAttempts");
  }
}
