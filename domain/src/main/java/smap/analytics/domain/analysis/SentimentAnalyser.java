package smap.analytics.domain.analysis;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Stage 4 (facts 11.4): overall sentiment of the clean text and sentiment per aspect, from a {@link
 * SentimentModel}. The label/score/rating mapping, the context windows and the weighted aggregation
 * are the original's, exactly.
 */
public final class SentimentAnalyser {

  static final int CONTEXT_WINDOW_SIZE = 30;
  private static final String[] DELIMITERS = {
    ".", ",", ";", "!", "?", "nhưng", "tuy nhiên", "mặc dù", "bù lại"
  };

  private final SentimentModel model;

  public SentimentAnalyser(SentimentModel model) {
    this.model = model;
  }

  /** One prediction mapped like the original: label, score in {-1, 0, 1}, rating 1/3/5. */
  public record Sentiment(
      String label,
      double score,
      int rating,
      double confidence,
      Map<String, Object> probabilities) {

    static final Sentiment EMPTY = new Sentiment("NEUTRAL", 0.0, 3, 0.0, Map.of());
  }

  /** Overall sentiment of the whole clean text. */
  public Sentiment overall(String cleanText) {
    if (cleanText == null || cleanText.isBlank()) {
      return Sentiment.EMPTY;
    }
    return map(model.predict(cleanText), true);
  }

  /** Overall sentiment of a clean text already cut into tokens. */
  public Sentiment overall(TextTokens tokens) {
    if (tokens.text().isBlank()) {
      return Sentiment.EMPTY;
    }
    return map(model.predict(tokens), true);
  }

  private static Sentiment map(SentimentModel.Prediction p, boolean withProbabilities) {
    int index = 2;
    double best = p.neutral();
    if (p.negative() > best) {
      index = 0;
      best = p.negative();
    }
    if (p.positive() > best) {
      index = 1;
      best = p.positive();
    }
    int rating = index == 0 ? 1 : index == 1 ? 5 : 3;
    double score = score(rating);
    Map<String, Object> probabilities = new LinkedHashMap<>();
    if (withProbabilities) {
      probabilities.put("NEGATIVE", p.negative());
      probabilities.put("POSITIVE", p.positive());
      probabilities.put("NEUTRAL", p.neutral());
    }
    return new Sentiment(label(score), score, rating, best, probabilities);
  }

  private static double score(int rating) {
    return switch (rating) {
      case 1 -> -1.0;
      case 2 -> -0.5;
      case 4 -> 0.5;
      case 5 -> 1.0;
      default -> 0.0;
    };
  }

  static String label(double score) {
    return score > 0.25 ? "POSITIVE" : score < -0.25 ? "NEGATIVE" : "NEUTRAL";
  }

  /**
   * Sentiment per aspect: {@code {ASPECT: {label, score, rating, confidence, mentions, keywords}}}
   * in the order aspects first appear among the keywords.
   */
  public Map<String, Object> aspects(String cleanText, List<Keyword> keywords) {
    // Lower-cased once for all keywords (clean texts already are, which the check finds fast).
    String lower = isLowerCase(cleanText) ? cleanText : cleanText.toLowerCase(Locale.ROOT);
    Map<String, List<String>> byAspect = new LinkedHashMap<>();
    for (Keyword keyword : keywords) {
      byAspect.computeIfAbsent(keyword.aspect(), a -> new ArrayList<>()).add(keyword.keyword());
    }
    Map<String, Object> result = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> aspect : byAspect.entrySet()) {
      List<Sentiment> sentiments = new ArrayList<>();
      for (String keyword : aspect.getValue()) {
        sentiments.add(map(model.predict(window(cleanText, lower, keyword)), false));
      }
      result.put(aspect.getKey(), aggregate(sentiments, aspect.getValue()));
    }
    return result;
  }

  static Map<String, Object> aggregate(List<Sentiment> sentiments, List<String> keywords) {
    Map<String, Object> entry = new LinkedHashMap<>();
    if (sentiments.isEmpty()) {
      entry.put("label", "NEUTRAL");
      entry.put("score", 0.0);
      entry.put("rating", 3);
      entry.put("confidence", 0.0);
    } else if (sentiments.size() == 1) {
      Sentiment only = sentiments.get(0);
      entry.put("label", only.label());
      entry.put("score", only.score());
      entry.put("rating", only.rating());
      entry.put("confidence", only.confidence());
    } else {
      double weighted = 0;
      double confidence = 0;
      double ratings = 0;
      for (Sentiment s : sentiments) {
        weighted += s.score() * s.confidence();
        confidence += s.confidence();
        ratings += s.rating();
      }
      double score = confidence == 0 ? 0.0 : round3(weighted / confidence);
      entry.put("label", label(score));
      entry.put("score", score);
      entry.put("rating", (int) Math.rint(ratings / sentiments.size()));
      entry.put("confidence", round3(confidence / sentiments.size()));
    }
    entry.put("mentions", keywords.size());
    entry.put("keywords", List.copyOf(keywords));
    return entry;
  }

  static double round3(double value) {
    return new BigDecimal(Double.toString(value)).setScale(3, RoundingMode.HALF_EVEN).doubleValue();
  }

  /** The context window around a keyword's first occurrence (facts 11.4, with its quirks). */
  static String window(String text, String keyword) {
    return window(text, isLowerCase(text) ? text : text.toLowerCase(Locale.ROOT), keyword);
  }

  /** As above, with the lower-cased text computed once by the caller for all keywords. */
  private static String window(String text, String lower, String keyword) {
    int position = lower.indexOf(keyword.toLowerCase(Locale.ROOT));
    if (position < 0) {
      return text;
    }
    int start = Math.max(0, position - CONTEXT_WINDOW_SIZE);
    int end = Math.min(text.length(), position + keyword.length() + CONTEXT_WINDOW_SIZE);
    String left = lower.substring(start, position);
    int best = start;
    for (String delimiter : DELIMITERS) {
      int found = left.lastIndexOf(delimiter);
      if (found >= 0 && start + found > best) {
        best = start + found + delimiter.length();
      }
    }
    int right = end;
    int afterKeyword = position + keyword.length();
    String rightText = lower.substring(afterKeyword, end);
    for (String delimiter : DELIMITERS) {
      int found = rightText.indexOf(delimiter);
      if (found >= 0 && afterKeyword + found < right) {
        right = afterKeyword + found;
      }
    }
    int from = best;
    while (from > 0 && !isSpace(text.charAt(from))) {
      from--;
    }
    int to = right;
    while (to < text.length() && !isSpace(text.charAt(to))) {
      to++;
    }
    String window = strip(text.substring(from, to));
    if (window.isEmpty() || window.length() < keyword.length()) {
      return text;
    }
    return window;
  }

  private static boolean isLowerCase(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (CharTable.isChar(text.charAt(i), CharTable.UPPER)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n';
  }

  private static String strip(String text) {
    String chars = " \n\t.,;!?";
    int from = 0;
    int to = text.length();
    while (from < to && chars.indexOf(text.charAt(from)) >= 0) {
      from++;
    }
    while (to > from && chars.indexOf(text.charAt(to - 1)) >= 0) {
      to--;
    }
    return text.substring(from, to);
  }
}
