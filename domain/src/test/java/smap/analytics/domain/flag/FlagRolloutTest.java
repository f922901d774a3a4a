package smap.analytics.domain.flag;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Instance scopes, scope precedence and percentage rollouts decided per event. */
class FlagRolloutTest {

  private static final FeatureFlag STAGE = FeatureFlag.STAGE_KEYWORDS;

  /** Global off, TikTok on, project p-off off, instance canary on, instance old off. */
  private static FlagSnapshot everyScope() {
    return new FlagSnapshot(
        Map.of(STAGE, false),
        Map.of(
            FlagScope.platform("TIKTOK"), Map.of(STAGE, true),
            FlagScope.project("p-off"), Map.of(STAGE, false),
            FlagScope.project("p-on"), Map.of(STAGE, true),
            FlagScope.instance("canary"), Map.of(STAGE, true),
            FlagScope.instance("old"), Map.of(STAGE, false)),
        3);
  }

  @ParameterizedTest(name = "instance={0} platform={1} project={2} -> {3}")
  @CsvSource(
      value = {
        // instance beats project beats platform beats global
        "canary, YOUTUBE, p-off, true",
        "old, TIKTOK, p-on, false",
        "other, TIKTOK, p-off, false",
        "other, YOUTUBE, p-on, true",
        "other, TIKTOK, NULL, true",
        "other, YOUTUBE, NULL, false",
        "NULL, TIKTOK, NULL, true",
        "NULL, NULL, NULL, false"
      },
      nullValues = "NULL")
  void theNarrowestScopeThatSetsAFlagDecides(
      String instance, String platform, String project, boolean expected) {
    FlagSnapshot decided = everyScope().decide(instance, platform, project, "evt-1");

    assertThat(decided.enabled(STAGE)).isEqualTo(expected);
    assertThat(decided.asKeys()).containsEntry(STAGE.key(), expected);
    assertThat(decided.overrides()).isEmpty();
    assertThat(decided.version()).isEqualTo(3);
  }

  @Test
  void anInstanceViewFoldsOnlyThatInstancesOverridesIntoTheGlobalValues() {
    FlagSnapshot snapshot =
        new FlagSnapshot(
            Map.of(),
            Map.of(
                FlagScope.instance("canary"), Map.of(FeatureFlag.CONSUMPTION_PAUSED, true),
                FlagScope.platform("TIKTOK"), Map.of(STAGE, false)),
            5);

    assertThat(snapshot.forInstance("canary").enabled(FeatureFlag.CONSUMPTION_PAUSED)).isTrue();
    assertThat(snapshot.forInstance("other").enabled(FeatureFlag.CONSUMPTION_PAUSED)).isFalse();
    assertThat(snapshot.forInstance("canary").enabled(STAGE, "TIKTOK", null)).isFalse();
    assertThat(snapshot.forInstance("canary").overrides())
        .containsOnlyKeys(FlagScope.platform("TIKTOK"));
  }

  @Test
  void theBucketOfAnEventIsStableAndInRange() {
    assertThat(FlagSnapshot.bucket("evt-1")).isEqualTo(FlagSnapshot.bucket("evt-1"));
    // a fixed value: every instance, every version of the service must agree
    assertThat(FlagSnapshot.bucket("e2e-tiktok-0001")).isEqualTo(expectedBucket("e2e-tiktok-0001"));
    IntStream.range(0, 2_000)
        .forEach(i -> assertThat(FlagSnapshot.bucket("event-" + i)).isBetween(0, 99));
  }

  private static int expectedBucket(String id) {
    try {
      byte[] d =
          java.security.MessageDigest.getInstance("SHA-256")
              .digest(id.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return new java.math.BigInteger(1, java.util.Arrays.copyOf(d, 8))
          .mod(java.math.BigInteger.valueOf(100))
          .intValue();
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aRolloutIsMonotonicAnEventInTheTenPercentSetStaysInAtFiftyAndAll() {
    Set<String> atTen = inSet(10);
    Set<String> atFifty = inSet(50);
    Set<String> atAll = inSet(100);

    assertThat(atFifty).containsAll(atTen);
    assertThat(atAll).containsAll(atFifty).hasSize(10_000);
    // the share is close to the percentage (10 000 event ids)
    assertThat(atTen.size()).isBetween(900, 1_100);
    assertThat(atFifty.size()).isBetween(4_700, 5_300);
    assertThat(inSet(0)).isEmpty();
  }

  @Test
  void theSameEventGetsTheSameDecisionEveryTimeAndForEveryRolledOutStage() {
    FlagSnapshot snapshot = rolledOut(30);
    for (int i = 0; i < 500; i++) {
      String id = "evt-" + i;
      FlagSnapshot first = snapshot.decide("a", "TIKTOK", "p", id);
      FlagSnapshot again = rolledOut(30).decide("b", "YOUTUBE", "q", id);
      assertThat(again.enabled(STAGE)).isEqualTo(first.enabled(STAGE));
      assertThat(first.enabled(FeatureFlag.STAGE_IMPACT)).isEqualTo(first.enabled(STAGE));
      assertThat(first.enabled(STAGE)).isEqualTo(FlagSnapshot.bucket(id) < 30);
    }
  }

  @Test
  void aScopedValueForAllBatchesBeatsAGlobalRollout() {
    FlagSnapshot snapshot =
        new FlagSnapshot(
            Map.of(STAGE, true),
            Map.of(FlagScope.project("p-on"), Map.of(STAGE, true)),
            Map.of(FlagScope.GLOBAL, Map.of(STAGE, 0)),
            9);

    assertThat(snapshot.decide(null, "TIKTOK", "p-on", "evt-1").enabled(STAGE)).isTrue();
    assertThat(snapshot.decide(null, "TIKTOK", "other", "evt-1").enabled(STAGE)).isFalse();
    assertThat(snapshot.percent(STAGE, FlagScope.GLOBAL)).isZero();
    assertThat(snapshot.percent(STAGE, FlagScope.project("p-on"))).isEqualTo(100);
  }

  private static FlagSnapshot rolledOut(int percent) {
    return new FlagSnapshot(
        Map.of(STAGE, true, FeatureFlag.STAGE_IMPACT, true),
        Map.of(),
        Map.of(FlagScope.GLOBAL, Map.of(STAGE, percent, FeatureFlag.STAGE_IMPACT, percent)),
        1);
  }

  private static Set<String> inSet(int percent) {
    FlagSnapshot snapshot = rolledOut(percent);
    Set<String> in = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      String id = "0b" + Integer.toHexString(i * 7919) + "-" + i;
      if (snapshot.decide(null, "TIKTOK", null, id).enabled(STAGE)) {
        in.add(id);
      }
    }
    return in;
  }
}
