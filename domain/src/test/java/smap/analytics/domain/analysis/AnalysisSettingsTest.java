package smap.analytics.domain.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

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
  void aWeightThatIsNegativeOrNotFiniteOrAMaxRawScoreOfZeroIsRefused() {
    AnalysisSettings d = AnalysisSettings.defaults();
    assertThatThrownBy(
            () ->
                new AnalysisSettings(
                    -1, 1, 2, 3, 5, 1.2, 1, 1.2, 1.5, 1.1, 1.5, 1.1, 100_000, 70, 50_000))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new AnalysisSettings(
                    0.01, 1, 2, 3, 5, 1.2, 1, 1.2, Double.NaN, 1.1, 1.5, 1.1, 100_000, 70, 50_000))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new AnalysisSettings(
                    0.01,
                    1,
                    2,
                    3,
                    5,
                    1.2,
                    1,
                    1.2,
                    1.5,
                    1.1,
                    1.5,
                    1.1,
                    0,
                    70,
                    d.kolFollowerThreshold()))
        .hasMessageStartingWith("maxRawScore");
  }
}
