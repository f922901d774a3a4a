package smap.analytics.domain.analysis;

/**
 * Port of the analysis: a three-class sentiment model. The built-in one is {@link
 * LexiconSentimentModel}; an ONNX model (PhoBERT) can implement this later.
 */
public interface SentimentModel {

  /** Class probabilities of a clean text; they sum to 1. Never throws for any text. */
  Prediction predict(String cleanText);

  /**
   * The same prediction for a text the analysis has already cut into tokens; a model that reads
   * tokens can take them instead of cutting the text again.
   */
  default Prediction predict(TextTokens tokens) {
    return predict(tokens.text());
  }

  /** A short name and version, stored as {@code model_version}. */
  String version();

  /** Probabilities of the three classes. */
  record Prediction(double negative, double positive, double neutral) {}
}
