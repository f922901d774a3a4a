package smap.analytics.domain.analysis;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Vietnamese and English lexicon model: weighted words and phrases, negators that flip the next
 * sentiment word, intensifiers and diminishers around it, contrast ("nhưng", "but") that weights
 * the later clause, and questions that carry little sentiment. Rules come from a lexicon file
 * ({@code word<TAB>term<TAB>weight}, {@code negator<TAB>term}, {@code
 * intensifier<TAB>term<TAB>factor}, {@code contrast<TAB>term}).
 */
public final class LexiconSentimentModel implements SentimentModel {

  private static final int MAX_PHRASE = 4;
  private static final int NEGATION_REACH = 3;
  private static final double NEGATION_FACTOR = -0.7;
  private static final double NEUTRAL_PRIOR = 0.9;

  private final Map<String, Double> words;
  // Longest phrase (in tokens) starting with each first token: most tokens start no phrase at all.
  private final Map<String, Integer> longestByFirstToken = new HashMap<>();
  private final Set<String> negators;
  private final Map<String, Double> intensifiers;
  private final Set<String> contrasts;

  private LexiconSentimentModel(
      Map<String, Double> words,
      Set<String> negators,
      Map<String, Double> intensifiers,
      Set<String> contrasts) {
    this.words = words;
    this.negators = negators;
    this.intensifiers = intensifiers;
    this.contrasts = contrasts;
    for (Set<String> terms : List.of(words.keySet(), negators, intensifiers.keySet(), contrasts)) {
      for (String term : terms) {
        String[] parts = term.split(" ");
        longestByFirstToken.merge(parts[0], parts.length, Math::max);
      }
    }
  }

  /** Loads the lexicon from {@code path}, or the built-in one when null. */
  public static LexiconSentimentModel load(Path path) {
    Map<String, Double> words = new HashMap<>();
    Set<String> negators = new HashSet<>();
    Map<String, Double> intensifiers = new HashMap<>();
    Set<String> contrasts = new HashSet<>();
    for (RuleLines.Line line : RuleLines.read(path, "sentiment_lexicon.tsv")) {
      List<String> f = line.fields();
      String kind = f.get(0);
      switch (kind) {
        case "word" -> {
          expect(line, 3, "word<TAB>term<TAB>weight");
          double weight = number(line, f.get(2));
          if (weight == 0 || Math.abs(weight) > 5) {
            throw line.error("weight must be non-zero and within -5..5, got " + f.get(2));
          }
          words.put(key(line, f.get(1)), weight);
        }
        case "negator" -> {
          expect(line, 2, "negator<TAB>term");
          negators.add(key(line, f.get(1)));
        }
        case "intensifier" -> {
          expect(line, 3, "intensifier<TAB>term<TAB>factor");
          double factor = number(line, f.get(2));
          if (factor <= 0 || factor > 5) {
            throw line.error("factor must be within 0..5 (below 1 diminishes), got " + f.get(2));
          }
          intensifiers.put(key(line, f.get(1)), factor);
        }
        case "contrast" -> {
          expect(line, 2, "contrast<TAB>term");
          contrasts.add(key(line, f.get(1)));
        }
        default ->
            throw line.error(
                "unknown kind '" + kind + "', expected word, negator, intensifier or contrast");
      }
    }
    return new LexiconSentimentModel(
        Map.copyOf(words), Set.copyOf(negators), Map.copyOf(intensifiers), Set.copyOf(contrasts));
  }

  private static void expect(RuleLines.Line line, int fields, String shape) {
    if (line.fields().size() != fields || line.fields().get(1).isEmpty()) {
      throw line.error("expected " + shape + ", got " + line.fields().size() + " fields");
    }
  }

  private static double number(RuleLines.Line line, String text) {
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw line.error("expected a number, got '" + text + "'");
    }
  }

  private static String key(RuleLines.Line line, String term) {
    String normalised = String.join(" ", tokens(TextPreprocessor.normalise(term)));
    if (normalised.isEmpty()) {
      throw line.error("term '" + term + "' has no letters");
    }
    return normalised;
  }

  /**
   * Runs of letters, digits and underscores, and the clause marks {@code . ! ? ; ,} (what the
   * pattern {@code [\\p{L}\\p{N}_]+|[.!?;,]} finds), by a hand-written scan: the sentiment stage
   * tokenises every text and every aspect window, and a regex scan was its largest cost.
   */
  static List<String> tokens(String text) {
    List<String> tokens = new ArrayList<>();
    int i = 0;
    int n = text.length();
    while (i < n) {
      int c = text.codePointAt(i);
      if (isTokenChar(c)) {
        int start = i;
        while (i < n && isTokenChar(text.codePointAt(i))) {
          i += Character.charCount(text.codePointAt(i));
        }
        tokens.add(text.substring(start, i));
      } else {
        if (c == '.' || c == '!' || c == '?' || c == ';' || c == ',') {
          tokens.add(String.valueOf((char) c));
        }
        i += Character.charCount(c);
      }
    }
    return tokens;
  }

  private static boolean isTokenChar(int c) {
    if (c < 128) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }
    int type = Character.getType(c);
    return Character.isLetter(c)
        || type == Character.DECIMAL_DIGIT_NUMBER
        || type == Character.LETTER_NUMBER
        || type == Character.OTHER_NUMBER;
  }

  @Override
  public String version() {
    return "lexicon-1.0";
  }

  @Override
  public Prediction predict(String cleanText) {
    if (cleanText == null || cleanText.isBlank()) {
      return new Prediction(0.0, 0.0, 1.0);
    }
    List<String> tokens =
        tokens(cleanText.length() > 20_000 ? cleanText.substring(0, 20_000) : cleanText);
    double positive = 0;
    double negative = 0;
    List<double[]> clause = new ArrayList<>();
    int clauseStart = 0;
    int lastNegator = -100;
    double pendingIntensity = 1.0;
    int intensityAt = -100;
    double clauseWeight = 1.0;
    int i = 0;
    while (i < tokens.size()) {
      String token = tokens.get(i);
      if (token.length() == 1 && ".!?;,".contains(token)) {
        double[] sums = closeClause(clause, token.equals("?"));
        positive += sums[0] * clauseWeight;
        negative += sums[1] * clauseWeight;
        clause.clear();
        clauseStart = i + 1;
        lastNegator = -100;
        i++;
        continue;
      }
      Integer longest = longestByFirstToken.get(token);
      if (longest == null) {
        i++;
        continue;
      }
      int length = 0;
      String phrase = null;
      for (int n = Math.min(Math.min(MAX_PHRASE, longest), tokens.size() - i); n >= 1; n--) {
        String candidate = String.join(" ", tokens.subList(i, i + n));
        if (words.containsKey(candidate)
            || negators.contains(candidate)
            || intensifiers.containsKey(candidate)
            || contrasts.contains(candidate)) {
          phrase = candidate;
          length = n;
          break;
        }
      }
      if (phrase == null) {
        i++;
        continue;
      }
      if (contrasts.contains(phrase)) {
        double[] sums = closeClause(clause, false);
        positive += sums[0] * clauseWeight * 0.6;
        negative += sums[1] * clauseWeight * 0.6;
        clause.clear();
        clauseWeight = 1.3;
        lastNegator = -100;
      } else if (words.containsKey(phrase)) {
        double weight = words.get(phrase);
        if (i - lastNegator <= NEGATION_REACH && lastNegator >= clauseStart) {
          weight *= NEGATION_FACTOR;
          lastNegator = -100;
        }
        if (i - intensityAt <= 2) {
          weight *= pendingIntensity;
        }
        int after = i + length;
        if (after < tokens.size() && intensifiers.containsKey(tokens.get(after))) {
          weight *= intensifiers.get(tokens.get(after));
        }
        clause.add(new double[] {weight});
      } else if (negators.contains(phrase)) {
        lastNegator = i + length - 1;
      } else {
        pendingIntensity = intensifiers.get(phrase);
        intensityAt = i + length - 1;
      }
      i += length;
    }
    double[] sums = closeClause(clause, false);
    positive += sums[0] * clauseWeight;
    negative += sums[1] * clauseWeight;
    return softmax(negative, positive, NEUTRAL_PRIOR + 0.5 * Math.min(positive, negative));
  }

  /** Sums a clause's weights; a question carries a third of its sentiment. */
  private static double[] closeClause(List<double[]> clause, boolean question) {
    double positive = 0;
    double negative = 0;
    for (double[] weight : clause) {
      if (weight[0] > 0) {
        positive += weight[0];
      } else {
        negative -= weight[0];
      }
    }
    double factor = question ? 0.35 : 1.0;
    return new double[] {positive * factor, negative * factor};
  }

  private static Prediction softmax(double negative, double positive, double neutral) {
    double max = Math.max(negative, Math.max(positive, neutral));
    double n = Math.exp(negative - max);
    double p = Math.exp(positive - max);
    double u = Math.exp(neutral - max);
    double sum = n + p + u;
    return new Prediction(n / sum, p / sum, u / sum);
  }
}
