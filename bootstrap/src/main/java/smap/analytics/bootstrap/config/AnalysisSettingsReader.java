package smap.analytics.bootstrap.config;

import java.util.LinkedHashMap;
import java.util.Map;
import smap.analytics.domain.analysis.AnalysisSettings;

/**
 * Configuration: reads the impact stage's settings (facts 11.5) from their environment variables
 * into the domain's {@link AnalysisSettings}; a blank or missing variable keeps the default.
 */
public final class AnalysisSettingsReader {

  /** Each variable with its default (as --help shows it) and description, in --help order. */
  private static final Map<String, String[]> VARIABLES = new LinkedHashMap<>();

  static {
    variable("IMPACT_WEIGHT_VIEW", "0.01", "Engagement weight of a view.");
    variable("IMPACT_WEIGHT_LIKE", "1.0", "Engagement weight of a like.");
    variable("IMPACT_WEIGHT_COMMENT", "2.0", "Engagement weight of a comment.");
    variable("IMPACT_WEIGHT_SAVE", "3.0", "Engagement weight of a save.");
    variable("IMPACT_WEIGHT_SHARE", "5.0", "Engagement weight of a share.");
    variable("IMPACT_VERIFIED_BONUS", "1.2", "Reach multiplier of a verified author.");
    variable("PLATFORM_WEIGHT_TIKTOK", "1.0", "Impact multiplier of TikTok posts.");
    variable("PLATFORM_WEIGHT_FACEBOOK", "1.2", "Impact multiplier of Facebook posts.");
    variable("PLATFORM_WEIGHT_YOUTUBE", "1.5", "Impact multiplier of YouTube posts.");
    variable("PLATFORM_WEIGHT_INSTAGRAM", "1.1", "Impact multiplier of Instagram posts.");
    variable("SENTIMENT_AMPLIFIER_NEGATIVE", "1.5", "Impact multiplier of negative posts.");
    variable("SENTIMENT_AMPLIFIER_POSITIVE", "1.1", "Impact multiplier of positive posts.");
    variable("IMPACT_MAX_RAW_SCORE", "100000", "Raw impact that maps to a score of 100.");
    variable("IMPACT_VIRAL_THRESHOLD", "70", "Impact score from which a post is viral.");
    variable("IMPACT_KOL_FOLLOWER_THRESHOLD", "50000", "Followers from which an author is a KOL.");
  }

  private static void variable(String name, String defaultValue, String description) {
    VARIABLES.put(name, new String[] {defaultValue, description});
  }

  private AnalysisSettingsReader() {}

  /**
   * Reads the settings; a malformed value fails with a message that starts with the variable's
   * name.
   */
  public static AnalysisSettings read(Map<String, String> env) {
    Reader r = new Reader(env);
    return new AnalysisSettings(
        r.number("IMPACT_WEIGHT_VIEW"),
        r.number("IMPACT_WEIGHT_LIKE"),
        r.number("IMPACT_WEIGHT_COMMENT"),
        r.number("IMPACT_WEIGHT_SAVE"),
        r.number("IMPACT_WEIGHT_SHARE"),
        r.number("IMPACT_VERIFIED_BONUS"),
        r.number("PLATFORM_WEIGHT_TIKTOK"),
        r.number("PLATFORM_WEIGHT_FACEBOOK"),
        r.number("PLATFORM_WEIGHT_YOUTUBE"),
        r.number("PLATFORM_WEIGHT_INSTAGRAM"),
        r.number("SENTIMENT_AMPLIFIER_NEGATIVE"),
        r.number("SENTIMENT_AMPLIFIER_POSITIVE"),
        r.positive("IMPACT_MAX_RAW_SCORE"),
        r.number("IMPACT_VIRAL_THRESHOLD"),
        r.wholeNumber("IMPACT_KOL_FOLLOWER_THRESHOLD"));
  }

  /** Every variable with its one-line description and default, for --help and the README. */
  public static Map<String, String> variables() {
    Map<String, String> names = new LinkedHashMap<>();
    VARIABLES.forEach((name, v) -> names.put(name, v[1] + " [" + v[0] + "]"));
    return names;
  }

  private record Reader(Map<String, String> env) {

    String text(String name) {
      String raw = env.get(name);
      return raw == null || raw.isBlank() ? VARIABLES.get(name)[0] : raw.strip();
    }

    double number(String name) {
      String text = text(name);
      double value;
      try {
        value = Double.parseDouble(text);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(name + ": expected a number, got '" + text + "'");
      }
      if (value < 0 || Double.isNaN(value) || Double.isInfinite(value)) {
        throw new IllegalArgumentException(
            name + ": must be a finite number >= 0, got '" + text + "'");
      }
      return value;
    }

    double positive(String name) {
      double value = number(name);
      if (value <= 0) {
        throw new IllegalArgumentException(name + ": must be > 0");
      }
      return value;
    }

    /** A count: a fraction or a number past what a long holds is a typo, not a threshold. */
    long wholeNumber(String name) {
      double value = number(name);
      if (value != Math.rint(value) || value >= 0x1p62) {
        throw new IllegalArgumentException(
            name + ": expected a whole number of followers, got '" + text(name) + "'");
      }
      return (long) value;
    }
  }
}
