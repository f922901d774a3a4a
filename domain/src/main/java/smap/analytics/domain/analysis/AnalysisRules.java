package smap.analytics.domain.analysis;

import java.nio.file.Path;

/** The three rule files of the analysis, loaded and checked once at start-up. */
public record AnalysisRules(
    IntentClassifier intents, KeywordExtractor aspects, LexiconSentimentModel lexicon) {

  /** The built-in rule files. */
  public static AnalysisRules loadDefaults() {
    return load(null, null, null);
  }

  /**
   * Each path, or the built-in file when null; a malformed file throws {@link RuleFileException}.
   */
  public static AnalysisRules load(
      Path intentPatterns, Path aspectDictionary, Path sentimentLexicon) {
    return new AnalysisRules(
        IntentClassifier.load(intentPatterns),
        KeywordExtractor.load(aspectDictionary),
        LexiconSentimentModel.load(sentimentLexicon));
  }
}
