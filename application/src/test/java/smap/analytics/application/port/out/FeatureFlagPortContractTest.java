package smap.analytics.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import smap.analytics.domain.flag.FeatureFlag;
import smap.analytics.domain.flag.FlagChange;
import smap.analytics.domain.flag.FlagScope;
import smap.analytics.domain.flag.FlagSnapshot;
import smap.analytics.domain.flag.InstanceState;

/** Contract of {@link FeatureFlagPort}: the in-memory fake and the PostgreSQL adapter pass it. */
public abstract class FeatureFlagPortContractTest {

  private static final Instant AT = Instant.parse("2025-12-17T10:00:00Z");

  /** A fresh flag store with no changes yet. */
  protected abstract FeatureFlagPort flags();

  @Test
  void withoutChangesEveryFlagHasItsDefault() {
    FlagSnapshot snapshot = flags().load();
    for (FeatureFlag flag : FeatureFlag.values()) {
      assertThat(snapshot.enabled(flag)).as(flag.key()).isEqualTo(flag.defaultValue());
    }
  }

  @Test
  void aChangeIsStoredWithHistoryAndANewVersion() {
    FeatureFlagPort flags = flags();
    long before = flags.load().version();

    FlagSnapshot after =
        flags.change(
            new FlagChange(
                FeatureFlag.CONSUMPTION_PAUSED,
                FlagScope.GLOBAL,
                true,
                "ana",
                "broker migration",
                AT,
                0));

    assertThat(after.enabled(FeatureFlag.CONSUMPTION_PAUSED)).isTrue();
    assertThat(after.version()).isGreaterThan(before);
    assertThat(flags.history(10))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.flag()).isEqualTo(FeatureFlag.CONSUMPTION_PAUSED);
              assertThat(c.actor()).isEqualTo("ana");
              assertThat(c.reason()).isEqualTo("broker migration");
              assertThat(c.version()).isEqualTo(after.version());
            });
  }

  @Test
  void scopedOverridesBeatTheGlobalValueAndCanBeRemoved() {
    FeatureFlagPort flags = flags();
    flags.change(
        new FlagChange(
            FeatureFlag.STAGE_SENTIMENT,
            FlagScope.platform("YOUTUBE"),
            false,
            "ana",
            "model drift on youtube",
            AT,
            0));
    FlagSnapshot snapshot = flags.load();
    assertThat(snapshot.enabled(FeatureFlag.STAGE_SENTIMENT, "YOUTUBE", null)).isFalse();
    assertThat(snapshot.enabled(FeatureFlag.STAGE_SENTIMENT, "TIKTOK", null)).isTrue();

    flags.change(
        new FlagChange(
            FeatureFlag.STAGE_SENTIMENT,
            FlagScope.platform("YOUTUBE"),
            null,
            "ana",
            "fixed",
            AT,
            0));
    assertThat(flags.load().enabled(FeatureFlag.STAGE_SENTIMENT, "YOUTUBE", null)).isTrue();
  }

  /**
   * A change made as soon as {@code subscribe} returns is heard: five tries, each with the change
   * sent at once, none may be lost to a subscription not yet listening.
   */
  @Test
  void subscribersHearAboutAChangeMadeRightAfterSubscribing() throws Exception {
    FeatureFlagPort flags = flags();
    for (int attempt = 0; attempt < 5; attempt++) {
      assertAChangeRightAfterSubscribingIsHeard(flags, attempt % 2 == 0);
    }
  }

  /** Subscribes, changes a flag at once, and asserts the change was heard within 2 s. */
  protected static void assertAChangeRightAfterSubscribingIsHeard(
      FeatureFlagPort flags, boolean legacyFormat) throws Exception {
    CountDownLatch heard = new CountDownLatch(1);
    try (AutoCloseable subscription = flags.subscribe(heard::countDown)) {
      flags.change(
          new FlagChange(
              FeatureFlag.LEGACY_FORMAT,
              FlagScope.GLOBAL,
              legacyFormat,
              "ana",
              "right after subscribing",
              AT,
              0));
      assertThat(heard.await(2, TimeUnit.SECONDS)).as("the change was heard").isTrue();
    }
  }

  @Test
  void instancesRecordWhenTheyAppliedAVersion() {
    FeatureFlagPort flags = flags();
    flags.applied("worker-1", 3, AT);
    flags.applied("worker-1", 3, AT.plusSeconds(60));
    flags.applied("worker-2", 2, AT.plusSeconds(5));

    assertThat(flags.instances())
        .extracting(InstanceState::instanceId)
        .containsExactlyInAnyOrder("worker-1", "worker-2");
    InstanceState one =
        flags.instances().stream()
            .filter(i -> i.instanceId().equals("worker-1"))
            .findFirst()
            .orElseThrow();
    assertThat(one.appliedAt()).as("unchanged version keeps its first time").isEqualTo(AT);
    assertThat(one.seenAt()).isEqualTo(AT.plusSeconds(60));
  }

  @Test
  void anInstanceScopeAndAPercentageRolloutAreStoredAndLoaded() {
    FeatureFlagPort flags = flags();
    flags.change(
        new FlagChange(
            FeatureFlag.CONSUMPTION_PAUSED,
            FlagScope.instance("canary-1"),
            true,
            "ana",
            "hold the canary",
            AT,
            0));
    flags.change(
        new FlagChange(
            FeatureFlag.STAGE_IMPACT, FlagScope.GLOBAL, true, 10, "ana", "canary 10 %", AT, 0));

    FlagSnapshot snapshot = flags.load();

    assertThat(snapshot.forInstance("canary-1").enabled(FeatureFlag.CONSUMPTION_PAUSED)).isTrue();
    assertThat(snapshot.forInstance("other").enabled(FeatureFlag.CONSUMPTION_PAUSED)).isFalse();
    assertThat(snapshot.percent(FeatureFlag.STAGE_IMPACT, FlagScope.GLOBAL)).isEqualTo(10);
    assertThat(flags.history(1).get(0).percent()).isEqualTo(10);
    assertThat(flags.history(1).get(0).describe()).isEqualTo("on for 10 %");

    flags.change(
        new FlagChange(
            FeatureFlag.STAGE_IMPACT, FlagScope.GLOBAL, true, 100, "ana", "promote", AT, 0));
    assertThat(flags.load().percent(FeatureFlag.STAGE_IMPACT, FlagScope.GLOBAL)).isEqualTo(100);
  }

  @Test
  void eachChangeCanBeFoundWithTheOneBeforeItAtTheSameScope() {
    FeatureFlagPort flags = flags();
    FlagScope youtube = FlagScope.platform("YOUTUBE");
    long first =
        flags
            .change(
                new FlagChange(
                    FeatureFlag.STAGE_SENTIMENT, youtube, true, 50, "ana", "half", AT, 0))
            .version();
    flags.change(
        new FlagChange(
            FeatureFlag.STAGE_SENTIMENT, FlagScope.GLOBAL, false, "ana", "other", AT, 0));
    long removed =
        flags
            .change(new FlagChange(FeatureFlag.STAGE_SENTIMENT, youtube, null, "bo", "drop", AT, 0))
            .version();

    FlagChange removal = flags.find(removed).orElseThrow();
    assertThat(removal.enabled()).as("a removal is told from 'off'").isNull();
    assertThat(removal.actor()).isEqualTo("bo");
    FlagChange previous = flags.before(FeatureFlag.STAGE_SENTIMENT, youtube, removed).orElseThrow();
    assertThat(previous.version()).isEqualTo(first);
    assertThat(previous.percent()).isEqualTo(50);
    assertThat(flags.before(FeatureFlag.STAGE_SENTIMENT, youtube, first)).isEmpty();
    assertThat(flags.find(removed + 100)).isEmpty();
  }
}
