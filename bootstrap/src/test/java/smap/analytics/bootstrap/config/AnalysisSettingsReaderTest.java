package smap.analytics.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import smap.analytics.domain.analysis.AnalysisSettings;

class AnalysisSettingsReaderTest {

  @Test
  void noVariableGivesTheDomainsDefaults() {
    assertThat(AnalysisSettingsReader.read(Map.of())).isEqualTo(AnalysisSettings.defaults());
  }

  @Test
  void aGivenValueReplacesTheDefaultAndBlankKeepsIt() {
    AnalysisSettings settings =
        AnalysisSettingsReader.read(
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
  void aMalformedValueFailsNamingTheVariable(String name, String value) {
    assertThatThrownBy(() -> AnalysisSettingsReader.read(Map.of(name, value)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(name + ":");
  }

  @Test
  void theKolThresholdIsAWholeNumberOfFollowers() {
    assertThat(
            AnalysisSettingsReader.read(Map.of("IMPACT_KOL_FOLLOWER_THRESHOLD", "120000"))
                .kolFollowerThreshold())
        .isEqualTo(120_000L);
    assertThatThrownBy(
            () -> AnalysisSettingsReader.read(Map.of("IMPACT_KOL_FOLLOWER_THRESHOLD", " 50000.5 ")))
        .hasMessage(
            "IMPACT_KOL_FOLLOWER_THRESHOLD: expected a whole number of followers, got '50000.5'");
  }

  @Test
  void everyVariableIsNamedWithItsDefault() {
    Map<String, String> names = AnalysisSettingsReader.variables();

    assertThat(names).hasSize(15);
    assertThat(names.get("IMPACT_KOL_FOLLOWER_THRESHOLD")).endsWith("[50000]");
    assertThat(names.get("IMPACT_WEIGHT_VIEW")).endsWith("[0.01]");
    names.forEach((name, description) -> assertThat(description).matches(".+ \\[[0-9.]+\\]"));
  }
}
