package smap.analytics.domain.flag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class FlagSnapshotTest {
  private static final FeatureFlag FLAG = FeatureFlag.STAGE_SENTIMENT;

  /** Global on, TikTok off, project "p-off" off and project "p-on" on. */
  private static FlagSnapshot layered() {
    return new FlagSnapshot(
        Map.of(FLAG, true),
        Map.of(
            FlagScope.platform("TIKTOK"), Map.of(FLAG, false),
            FlagScope.project("p-off"), Map.of(FLAG, false),
            FlagScope.project("p-on"), Map.of(FLAG, true)),
        7);
  }

  @ParameterizedTest
  @EnumSource(FeatureFlag.class)
  void withNothingSetEveryFlagHasItsDefault(FeatureFlag flag) {
    FlagSnapshot defaults = FlagSnapshot.defaults();

    assertThat(defaults.enabled(flag)).isEqualTo(flag.defaultValue());
    assertThat(defaults.enabled(flag, "TIKTOK", "p")).isEqualTo(flag.defaultValue());
    assertThat(defaults.version()).isZero();
  }

  @Test
  void aGlobalValueOverridesTheDefault() {
    FlagSnapshot snapshot =
        new FlagSnapshot(Map.of(FeatureFlag.CONSUMPTION_PAUSED, true), Map.of(), 1);

    assertThat(snapshot.enabled(FeatureFlag.CONSUMPTION_PAUSED)).isTrue();
    assertThat(snapshot.enabled(FeatureFlag.BATCH_FORMAT)).isTrue();
  }

  @ParameterizedTest(name = "platform={0} project={1} -> {2}")
  @CsvSource(
      value = {
        // project beats platform beats global
        "TIKTOK, p-on, true",
        "YOUTUBE, p-off, false",
        "TIKTOK, NULL, false",
        "tiktok, NULL, false",
        "TIKTOK, other, false",
        "YOUTUBE, other, true",
        "NULL, NULL, true",
        "'', '', true",
        "NULL, p-off, false",
        "'  ', '  ', true"
      },
      nullValues = "NULL")
  void theNarrowestScopeWins(String platform, String project, boolean expected) {
    assertThat(layered().enabled(FLAG, platform, project)).isEqualTo(expected);
  }

  @Test
  void anOverrideOfAnotherFlagDoesNotApply() {
    assertThat(layered().enabled(FeatureFlag.STAGE_IMPACT, "TIKTOK", "p-off")).isTrue();
  }

  @Test
  void theSnapshotDoesNotChangeWhenItsSourceMapsDo() {
    // a batch runs under one snapshot, which the ledger keeps
    Map<FeatureFlag, Boolean> global = new EnumMap<>(FeatureFlag.class);
    global.put(FLAG, true);
    Map<FeatureFlag, Boolean> tiktok = new EnumMap<>(FeatureFlag.class);
    tiktok.put(FLAG, true);
    Map<FlagScope, Map<FeatureFlag, Boolean>> overrides = new HashMap<>();
    overrides.put(FlagScope.platform("TIKTOK"), tiktok);
    FlagSnapshot snapshot = new FlagSnapshot(global, overrides, 1);

    global.put(FLAG, false);
    tiktok.put(FLAG, false);
    overrides.put(FlagScope.project("p"), Map.of(FLAG, false));

    assertThat(snapshot.enabled(FLAG)).isTrue();
    assertThat(snapshot.enabled(FLAG, "TIKTOK", null)).isTrue();
    assertThat(snapshot.enabled(FLAG, null, "p")).isTrue();
    assertThatThrownBy(
            () -> snapshot.overrides().get(FlagScope.platform("TIKTOK")).put(FLAG, false))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void theLedgerFormListsEveryFlagByKeyInOrder() {
    Map<String, Boolean> keys = layered().asKeys();

    assertThat(keys).hasSize(FeatureFlag.values().length).containsEntry("stage-sentiment", true);
    assertThat(java.util.List.copyOf(keys.keySet())).isSorted();
  }

  @Test
  void aFlagMustBeNamed() {
    assertThatThrownBy(() -> layered().enabled(null, "TIKTOK", "p"))
        .isInstanceOf(NullPointerException.class);
  }
}
