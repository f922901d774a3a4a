package smap.analytics.domain.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Domain service: runs the five stages of facts 11 on one post. Built once (the original rebuilt
 * its stages per item); thread-safe; never throws for any input: it returns a {@link PostAnalysis}
 * or an {@link AnalysisFailure}.
 */
public final class PostAnalyser {

  /** The {@code model_version} the original stored. */
  public static final String MODEL_VERSION = "1.0.0";

  private final IntentClassifier intents;
  private final KeywordExtractor keywords;
  private final SentimentAnalyser sentiment;
  private final ImpactCalculator impact;

  public PostAnalyser(AnalysisRules rules, AnalysisSettings settings, SentimentModel model) {
    this.intents = rules.intents();
    this.keywords = rules.aspects();
    this.sentiment = new SentimentAnalyser(model);
    this.impact = new ImpactCalculator(settings);
  }

  /** The built-in rules, the original's settings and the lexicon model. */
  public static PostAnalyser withDefaults() {
    AnalysisRules rules = AnalysisRules.loadDefaults();
    return new PostAnalyser(rules, AnalysisSettings.defaults(), rules.lexicon());
  }

  public AnalysisOutcome analyse(AnalysisInput input, AnalysisStages stages) {
    try {
      return run(input, stages);
    } catch (RuntimeException | StackOverflowError e) {
      return new AnalysisFailure("analysis failed: " + e);
    }
  }

  private AnalysisOutcome run(AnalysisInput input, AnalysisStages stages) {
    TextPreprocessor.Result text =
        TextPreprocessor.preprocess(input.caption(), input.transcription(), input.comments());
    IntentClassifier.Result intent = intents.classify(text.cleanText());
    String skipReason =
        text.tooShort()
            ? "too short"
            : text.hasSpamKeyword()
                ? "spam keyword"
                : intent.skip() ? intent.intent().name().toLowerCase() : null;
    if (skipReason != null) {
      return new PostAnalysis(
          "NEUTRAL",
          0.0,
          0.0,
          intent.intent().name(),
          intent.confidence(),
          0.0,
          "LOW",
          false,
          false,
          Map.of(),
          List.of(),
          Map.of(),
          Map.of(),
          true,
          skipReason,
          MODEL_VERSION);
    }
    // Cut once: keywords and sentiment read the same tokens.
    TextTokens tokens = TextTokens.of(text.cleanText());
    List<Keyword> found = stages.keywords() ? keywords.extract(tokens) : List.of();
    SentimentAnalyser.Sentiment overall =
        stages.sentiment() ? sentiment.overall(tokens) : SentimentAnalyser.Sentiment.EMPTY;
    Map<String, Object> aspects =
        stages.aspectSentiment() && !found.isEmpty()
            ? sentiment.aspects(text.cleanText(), found)
            : Map.of();
    ImpactCalculator.Impact impactResult =
        stages.impact() ? impact.calculate(input, overall.label()) : noImpact();
    List<Map<String, Object>> keywordMaps = new ArrayList<>(found.size());
    for (Keyword keyword : found) {
      keywordMaps.add(keyword.toMap());
    }
    return new PostAnalysis(
        overall.label(),
        overall.score(),
        overall.confidence(),
        intent.intent().name(),
        intent.confidence(),
        impactResult.score(),
        impactResult.riskLevel(),
        impactResult.viral(),
        impactResult.kol(),
        aspects,
        keywordMaps,
        overall.probabilities(),
        impactResult.breakdown(),
        false,
        null,
        MODEL_VERSION);
  }

  private static ImpactCalculator.Impact noImpact() {
    Map<String, Object> breakdown = new LinkedHashMap<>();
    breakdown.put("engagement_score", 0.0);
    breakdown.put("reach_score", 0.0);
    breakdown.put("platform_multiplier", 1.0);
    breakdown.put("sentiment_amplifier", 1.0);
    breakdown.put("raw_impact", 0.0);
    return new ImpactCalculator.Impact(0.0, "LOW", false, false, breakdown);
  }
}
