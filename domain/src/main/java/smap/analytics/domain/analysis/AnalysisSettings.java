package smap.analytics.domain.analysis;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Settings of the impact stage (facts 11.5), with the original's defaults; each has an environment
 * variable so operators can tune it without a rebuild.
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

  private static final String[][] SETTINGS = {
    {"IMPACT_WEIGHT_VIEW", "0.01", "Engagement weight of a view."},
    {"IMPACT_WEIGHT_LIKE", "1.0", "Engagement weight of a like."},
    {"IMPACT_WEIGHT_COMMENT", "2.0", "Engagement weight of a comment."},
    {"IMPACT_WEIGHT_SAVE", "3.0", "Engagement weight of a save."},
    {"IMPACT_WEIGHT_SHARE", "5.0", "Engagement weight of a share."},
    {"IMPACT_VERIFIED_BONUS", "1.2", "Reach multiplier of a verified author."},
    {"PLATFORM_WEIGHT_TIKTOK", "1.0", "Impact multiplier of TikTok posts."},
    {"PLATFORM_WEIGHT_FACEBOOK", "1.2", "Impact multiplier of Facebook posts."},
    {"PLATFORM_WEIGHT_YOUTUBE", "1.5", "Impact multiplier of YouTube posts."},
    {"PLATFORM_WEIGHT_INSTAGRAM", "1.1", "Impact multiplier of Instagram posts."},
    {"SENTIMENT_AMPLIFIER_NEGATIVE", "1.5", "Impact multiplier of negative posts."},
    {"SENTIMENT_AMPLIFIER_POSITIVE", "1.1", "Impact multiplier of positive posts."},
    {"IMPACT_MAX_RAW_SCORE", "100000", "Raw impact that maps to a score of 100."},
    {"IMPACT_VIRAL_THRESHOLD", "70", "Impact score from which a post is viral."},
    {"IMPACT_KOL_FOLLOWER_THRESHOLD", "50000", "Followers from which an author is a KOL."}
  };

  /** The original's values. */
  public static AnalysisSettings defaults() {
    return fromSettings(Map.of());
  }

  /** Reads the settings; a malformed value fails with a message naming the variable. */
  public static AnalysisSettings fromSettings(Map<String, String> env) {
    double[] values = new double[SETTINGS.length];
    for (int i = 0; i < SETTINGS.length; i++) {
      String name = SETTINGS[i][0];
      String raw = env.get(name);
      String text = raw == null || raw.isBlank() ? SETTINGS[i][1] : raw.strip();
      try {
        values[i] = Double.parseDouble(text);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(name + ": expected a number, got '" + text + "'");
      }
      if (values[i] < 0 || Double.isNaN(values[i]) || Double.isInfinite(values[i])) {
        throw new IllegalArgumentException(
            name + ": must be a finite number >= 0, got '" + text + "'");
      }
    }
    if (values[12] <= 0) {
      throw new IllegalArgumentException("IMPACT_MAX_RAW_SCORE: must be > 0");
    }
    // A follower count: a fraction or a number past what a long holds is a typo, not a threshold.
    if (values[14] != Math.rint(values[14]) || values[14] >= 0x1p62) {
      throw new IllegalArgumentException(
          "IMPACT_KOL_FOLLOWER_THRESHOLD: expected a whole number of followers, got '"
              + env.get("IMPACT_KOL_FOLLOWER_THRESHOLD").strip()
              + "'");
    }
    return new AnalysisSettings(
        values[0],
        values[1],
        values[2],
        values[3],
        values[4],
        values[5],
        values[6],
        values[7],
        values[8],
        values[9],
        values[10],
        values[11],
        values[12],
        values[13],
        (long) values[14]);
  }

  /** Every setting name with its one-line description and default, for --help and the README. */
  public static Map<String, String> settingNames() {
    Map<String, String> names = new LinkedHashMap<>();
    for (String[] setting : SETTINGS) {
      names.put(setting[0], setting[2] + " [" + setting[1] + "]");
    }
    return names;
  }
}
