package smap.analytics.domain.analysis;

import java.util.LinkedHashMap;
import java.util.Map;
import smap.analytics.domain.batch.Platform;

/** Stage 5 (facts 11.5): impact score, risk level, viral and KOL, with the exact formulas. */
public final class ImpactCalculator {

  private final AnalysisSettings settings;

  public ImpactCalculator(AnalysisSettings settings) {
    this.settings = settings;
  }

  /** The stage's output. */
  public record Impact(
      double score, String riskLevel, boolean viral, boolean kol, Map<String, Object> breakdown) {}

  public Impact calculate(AnalysisInput input, String sentimentLabel) {
    long views = Math.max(0, input.views());
    long likes = Math.max(0, input.likes());
    long comments = Math.max(0, input.commentsCount());
    long shares = Math.max(0, input.shares());
    long saves = Math.max(0, input.saves());
    long followers = Math.max(0, input.followers());
    double engagement =
        views * settings.weightView()
            + likes * settings.weightLike()
            + comments * settings.weightComment()
            + saves * settings.weightSave()
            + shares * settings.weightShare();
    double reach = Math.log10(followers + 1.0);
    if (reach <= 0) {
      reach = 0;
    } else if (input.verified()) {
      reach *= settings.verifiedBonus();
    }
    double platform =
        switch (input.platform() == null ? Platform.UNKNOWN : input.platform()) {
          case TIKTOK -> settings.platformTiktok();
          case FACEBOOK -> settings.platformFacebook();
          case YOUTUBE -> settings.platformYoutube();
          case INSTAGRAM -> settings.platformInstagram();
          case UNKNOWN -> 1.0;
        };
    double amplifier =
        switch (sentimentLabel) {
          case "NEGATIVE" -> settings.amplifierNegative();
          case "POSITIVE" -> settings.amplifierPositive();
          default -> 1.0;
        };
    double raw = engagement * reach * platform * amplifier;
    double score =
        raw <= 0 ? 0.0 : Math.min(100.0, raw / Math.max(settings.maxRawScore(), 1) * 100);
    boolean kol = followers >= settings.kolFollowerThreshold();
    boolean viral = score >= settings.viralThreshold();
    boolean negative = sentimentLabel.equals("NEGATIVE");
    String risk;
    if (score >= 70 && negative && kol) {
      risk = "CRITICAL";
    } else if (score >= 70 && negative) {
      risk = "HIGH";
    } else if ((score >= 40 && score < 70 && negative) || (score >= 60 && !negative)) {
      risk = "MEDIUM";
    } else {
      risk = "LOW";
    }
    Map<String, Object> breakdown = new LinkedHashMap<>();
    breakdown.put("engagement_score", engagement);
    breakdown.put("reach_score", reach);
    breakdown.put("platform_multiplier", platform);
    breakdown.put("sentiment_amplifier", amplifier);
    breakdown.put("raw_impact", raw);
    return new Impact(score, risk, viral, kol, breakdown);
  }
}
