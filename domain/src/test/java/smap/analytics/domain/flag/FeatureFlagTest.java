package smap.analytics.domain.flag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class FeatureFlagTest {

  @ParameterizedTest
  @CsvSource({
    "CONSUMPTION_PAUSED, consumption-paused, false",
    "BATCH_FORMAT, batch-format, true",
    "LEGACY_FORMAT, legacy-format, true",
    "RESULT_PUBLISHING, result-publishing, true",
    "STORE_CRAWLER_ERRORS, store-crawler-errors, true",
    "STAGE_KEYWORDS, stage-keywords, true",
    "STAGE_SENTIMENT, stage-sentiment, true",
    "STAGE_ASPECT_SENTIMENT, stage-aspect-sentiment, true",
    "STAGE_IMPACT, stage-impact, true"
  })
  void everyFlagHasItsStableKeyAndDefault(FeatureFlag flag, String key, boolean defaultValue) {
    assertThat(flag.key()).isEqualTo(key);
    assertThat(flag.defaultValue()).isEqualTo(defaultValue);
    assertThat(FeatureFlag.fromKey(key)).isEqualTo(flag);
  }

  @Test
  void everyFlagIsListedAboveOnce() {
    assertThat(FeatureFlag.values()).hasSize(9);
    assertThat(Arrays.stream(FeatureFlag.values()).map(FeatureFlag::key)).doesNotHaveDuplicates();
  }

  @ParameterizedTest
  @EnumSource(FeatureFlag.class)
  void everyFlagIsDescribed(FeatureFlag flag) {
    assertThat(flag.description()).isNotBlank().endsWith(".");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "BATCH_FORMAT", "Batch-Format", "batch-format ", "nope"})
  void anUnknownKeyIsRefusedNamingIt(String key) {
    assertThatThrownBy(() -> FeatureFlag.fromKey(key))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + key + "'");
  }

  @Test
  void aNullKeyIsRefused() {
    assertThatThrownBy(() -> FeatureFlag.fromKey(null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
