package smap.analytics.domain.analysis;

/**
 * Settings of the impact stage (facts 11.5), with the original's defaults. Operators tune them
 * through the environment; reading and naming those variables is the composition root's job.
 */
public record AnalysisSettings(
    double weightView,
    double weightLike,
    double weightComment,
    double weightSave,
    double weightShare,
    double verifiedBonus,
    double platformTiktok,
    double platformFacebook,
    double platformYoutube,
    double platformInstagram,
    double amplifierNegative,
    double amplifierPositive,
    double maxRawScore,
    double viralThreshold,
    long kolFollowerThreshold) {

  public AnalysisSettings {
    double[] values = {
      weightView,
      weightLike,
      weightComment,
      weightSave,
      weightShare,
      verifiedBonus,
      platformTiktok,
      platformFacebook,
      platformYoutube,
      platformInstagram,
      amplifierNegative,
      amplifierPositive,
      maxRawScore,
      viralThreshold
    };
    for (double value : values) {
      if (value < 0 || Double.isNaN(value) || Double.isInfinite(value)) {
        throw new IllegalArgumentException("every weight must be a finite number >= 0: " + value);
      }
    }
    if (maxRawScore <= 0) {
      throw new IllegalArgumentException("maxRawScore must be > 0, got " + maxRawScore);
    }
    if (kolFollowerThreshold < 0) {
      throw new IllegalArgumentException(
          "kolFollowerThreshold must be >= 0, got " + kolFollowerThreshold);
    }
  }

  /** The original's values. */
  public static AnalysisSettings defaults() {
    return new AnalysisSettings(
        0.01, 1.0, 2.0, 3.0, 5.0, 1.2, 1.0, 1.2, 1.5, 1.1, 1.5, 1.1, 100_000, 70, 50_000);
  }
}
