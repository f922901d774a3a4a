package smap.analytics.domain.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnalysisSettingsTest {

  @Test
  void theDefaultsAreTheOriginals() {
    AnalysisSettings settings = AnalysisSettings.defaults();

    assertThat(settings.weightView()).isEqualTo(0.01);
    assertThat(settings.weightLike()).isEqualTo(1.0);
    assertThat(settings.weightComment()).isEqualTo(2.0);
    assertThat(settings.weightSave()).isEqualTo(3.0);
    assertThat(settings.weightShare()).isEqualTo(5.0);
    assertThat(settings.verifiedBonus()).isEqualTo(1.2);
    assertThat(settings.platformTiktok()).isEqualTo(1.0);
    assertThat(settings.platformFacebook()).isEqualTo(1.2);
    assertThat(settings.platformYoutube()).isEqualTo(1.5);
    assertThat(settings.platformInstagram()).isEqualTo(1.1);
    assertThat(settings.amplifierNegative()).isEqualTo(1.5);
    assertThat(settings.amplifierPositive()).isEqualTo(1.1);
    assertThat(settings.maxRawScore()).isEqualTo(100_000);
    assertThat(settings.viralThreshold()).isEqualTo(70);
    assertThat(settings.kolFollowerThreshold()).isEqualTo(50_000);
  }

  @Test
  void aGivenValueReplacesTheDefaultAndBlankKeepsIt() {
    AnalysisSettings settings =
        AnalysisSettings.fromSettings(
            Map.of("IMPACT_WEIGHT_SHARE", " 7.5 ", "IMPACT_VIRAL_THRESHOLD", "  "));

    assertThat(settings.weightShare()).isEqualTo(7.5);
    assertThat(settings.viralThreshold()).isEqualTo(70);
  }

  @ParameterizedTest
  @CsvSource({
    "IMPACT_WEIGHT_LIKE, abc",
    "PLATFORM_WEIGHT_YOUTUBE, -1",
    "SENTIMENT_AMPLIFIER_NEGATIVE, NaN",
    "IMPACT_VERIFIED_BONUS, Infinity",
    "IMPACT_MAX_RAW_SCORE, 0",
    "IMPACT_KOL_FOLLOWER_THRESHOLD, 50000.5",
    "IMPACT_KOL_FOLLOWER_THRESHOLD, 1e30",
  })
  void aMalformedValueFailsNamingTheSetting(String name, String value) {
    assertThatThrownBy(() -> AnalysisSettings.fromSettings(Map.of(name, value)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(name + ":");
  }

  @Test
  void theKolThresholdIsAWholeNumberOfFollowers() {
    assertThat(
            AnalysisSettings.fromSettings(Map.of("IMPACT_KOL_FOLLOWER_THRESHOLD", "120000"))
                .kolFollowerThreshold())
        .isEqualTo(120_000L);
    assertThatThrownBy(
            () ->
                AnalysisSettings.fromSettings(Map.of("IMPACT_KOL_FOLLOWER_THRESHOLD", " 50000.5 ")))
        .hasMessage(
            "IMPACT_KOL_FOLLOWER_THRESHOLD: expected a whole number of followers, got '50000.5'");
  }

  @Test
  void everySettingIsNamedWithItsDefault() {
    Map<String, String> names = AnalysisSettings.settingNames();

    assertThat(names).hasSize(15);
    assertThat(names.get("IMPACT_KOL_FOLLOWER_THRESHOLD")).endsWith("[50000]");
    assertThat(names.get("IMPACT_WEIGHT_VIEW")).endsWith("[0.01]");
    names.forEach((name, description) -> assertThat(description).matches(".+ \\[[0-9.]+\\]"));
  }
}
