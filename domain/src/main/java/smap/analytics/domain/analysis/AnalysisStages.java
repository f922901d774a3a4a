package smap.analytics.domain.analysis;

/**
 * Which optional stages run (feature flags). A disabled stage yields the values the original used
 * when that stage failed: no keywords; NEUTRAL 0 with empty probabilities; no aspects; impact 0,
 * LOW, an all-zero breakdown.
 */
public record AnalysisStages(
    boolean keywords, boolean sentiment, boolean aspectSentiment, boolean impact) {

  public static AnalysisStages all() {
    return new AnalysisStages(true, true, true, true);
  }
}
