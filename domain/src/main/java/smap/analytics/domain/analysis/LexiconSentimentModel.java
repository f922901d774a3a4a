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
  // Texts are scored on at most their first 20 000 characters.
  private static final int MAX_TEXT = 20_000;

  private final Map<String, Double> words;
  // Every token of every term, numbered; and the terms as a trie over those numbers, so a phrase
  // is found by walking from a token instead of joining candidate strings.
  private final Vocabulary vocabulary;
  private final PhraseTrie phrases = new PhraseTrie();
  // The factor of each vocabulary word that is an intensifier on its own, else NaN.
  private final double[] singleIntensifier;
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
    Set<String> vocabularyWords = new java.util.LinkedHashSet<>();
    List<Set<String>> all = List.of(words.keySet(), negators, intensifiers.keySet(), contrasts);
    for (Set<String> terms : all) {
      for (String term : terms) {
        vocabularyWords.addAll(List.of(term.split(" ")));
      }
    }
    this.vocabulary = new Vocabulary(vocabularyWords);
    for (Set<String> terms : all) {
      for (String term : terms) {
        String[] parts = term.split(" ");
        if (parts.length <= MAX_PHRASE) {
          int[] ids = new int[parts.length];
          for (int k = 0; k < parts.length; k++) {
            ids[k] = vocabulary.id(parts[k]);
          }
          phrases.add(ids, term);
        }
      }
    }
    this.singleIntensifier = new double[vocabulary.size()];
    for (int id = 0; id < vocabulary.size(); id++) {
      Double factor = intensifiers.get(vocabulary.word(id));
      singleIntensifier[id] = factor == null ? Double.NaN : factor;
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
    TextTokens cut = TextTokens.of(text);
    List<String> tokens = new ArrayList<>(cut.size());
    for (int i = 0; i < cut.size(); i++) {
      tokens.add(cut.token(i));
    }
    return tokens;
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
    return score(TextTokens.of(truncate(cleanText)));
  }

  @Override
  public Prediction predict(TextTokens tokens) {
    String text = tokens.text();
    if (text.isBlank()) {
      return new Prediction(0.0, 0.0, 1.0);
    }
    return score(text.length() > MAX_TEXT ? TextTokens.of(truncate(text)) : tokens);
  }

  private static String truncate(String text) {
    return text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text;
  }

  private Prediction score(TextTokens tokens) {
    String text = tokens.text();
    int size = tokens.size();
    int[] ids = new int[size];
    for (int t = 0; t < size; t++) {
      ids[t] = vocabulary.id(tokens, t);
    }
    double positive = 0;
    double negative = 0;
    // The open clause's positive and negative sums, added in token order.
    double clausePositive = 0;
    double clauseNegative = 0;
    int clauseStart = 0;
    int lastNegator = -100;
    double pendingIntensity = 1.0;
    int intensityAt = -100;
    double clauseWeight = 1.0;
    int i = 0;
    while (i < size) {
      if (tokens.isMark(i)) {
        double factor = text.charAt(tokens.start(i)) == '?' ? 0.35 : 1.0;
        positive += clausePositive * factor * clauseWeight;
        negative += clauseNegative * factor * clauseWeight;
        clausePositive = 0;
        clauseNegative = 0;
        clauseStart = i + 1;
        lastNegator = -100;
        i++;
        continue;
      }
      int node = longestPhrase(ids, i);
      if (node < 0) {
        i++;
        continue;
      }
      String phrase = phrases.term(node);
      int length = phrases.depth(node);
      if (contrasts.contains(phrase)) {
        positive += clausePositive * clauseWeight * 0.6;
        negative += clauseNegative * clauseWeight * 0.6;
        clausePositive = 0;
        clauseNegative = 0;
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
        if (after < size && ids[after] >= 0 && !Double.isNaN(singleIntensifier[ids[after]])) {
          weight *= singleIntensifier[ids[after]];
        }
        if (weight > 0) {
          clausePositive += weight;
        } else {
          clauseNegative -= weight;
        }
      } else if (negators.contains(phrase)) {
        lastNegator = i + length - 1;
      } else {
        pendingIntensity = intensifiers.get(phrase);
        intensityAt = i + length - 1;
      }
      i += length;
    }
    positive += clausePositive * clauseWeight;
    negative += clauseNegative * clauseWeight;
    return softmax(negative, positive, NEUTRAL_PRIOR + 0.5 * Math.min(positive, negative));
  }

  /**
   * The trie node of the longest term (at most {@link #MAX_PHRASE} tokens) that starts at token
   * {@code i}, or -1: what joining tokens i..i+n for n = 4..1 and looking each up would find.
   */
  private int longestPhrase(int[] ids, int i) {
    int node = PhraseTrie.ROOT;
    int longest = -1;
    for (int k = 0; k < MAX_PHRASE && i + k < ids.length && ids[i + k] >= 0; k++) {
      node = phrases.child(node, ids[i + k]);
      if (node < 0) {
        break;
      }
      if (phrases.term(node) != null) {
        longest = node;
      }
    }
    return longest;
  }

  /** The term {@link #predict} reads at token {@code i} of a text, or null (for tests). */
  String phraseAt(String text, int i) {
    TextTokens tokens = TextTokens.of(text);
    int[] ids = new int[tokens.size()];
    for (int t = 0; t < ids.length; t++) {
      ids[t] = vocabulary.id(tokens, t);
    }
    int node = longestPhrase(ids, i);
    return node < 0 ? null : phrases.term(node);
  }

  /** True when a term (tokens joined by single spaces) is in the lexicon, of any kind. */
  boolean isTerm(String term) {
    return words.containsKey(term)
        || negators.contains(term)
        || intensifiers.containsKey(term)
        || contrasts.contains(term);
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
