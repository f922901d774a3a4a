package smap.analytics.domain.analysis;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stage 3 (facts 11.3): aspect keywords from the dictionary ({@code
 * ASPECT<TAB>primary|secondary<TAB>term}). Unlike the original, a term matches only as a whole word
 * or phrase: {@code êm} no longer matches inside "xem", nor {@code km} inside other words.
 */
public final class KeywordExtractor {

  /** At most this many keywords per post. */
  public static final int MAX_KEYWORDS = 30;

  private static final Set<String> ASPECTS = Set.of("DESIGN", "PERFORMANCE", "PRICE", "SERVICE");

  /** A term, and the word it starts with (null when it starts with a non-word character). */
  private record Term(String term, String aspect, String firstWord) {}

  private final List<Term> terms;
  // The distinct first words of the terms, and for each (by id) the terms starting with it.
  private final Vocabulary firstWords;
  private final int[][] termsByFirstWord;
  // Terms that start with a non-word character: searched in the whole text.
  private final int[] otherTerms;

  private KeywordExtractor(List<Term> terms) {
    this.terms = terms;
    Map<String, List<Integer>> byFirstWord = new LinkedHashMap<>();
    List<Integer> others = new ArrayList<>();
    for (int i = 0; i < terms.size(); i++) {
      String first = terms.get(i).firstWord();
      if (first == null) {
        others.add(i);
      } else {
        byFirstWord.computeIfAbsent(first, w -> new ArrayList<>()).add(i);
      }
    }
    this.firstWords = new Vocabulary(byFirstWord.keySet());
    this.termsByFirstWord = new int[firstWords.size()][];
    for (Map.Entry<String, List<Integer>> entry : byFirstWord.entrySet()) {
      termsByFirstWord[firstWords.id(entry.getKey())] =
          entry.getValue().stream().mapToInt(Integer::intValue).toArray();
    }
    this.otherTerms = others.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Loads the dictionary from {@code path}, or the built-in one when null. */
  public static KeywordExtractor load(Path path) {
    Map<String, Term> terms = new LinkedHashMap<>();
    for (RuleLines.Line line : RuleLines.read(path, "aspects.tsv")) {
      List<String> f = line.fields();
      if (f.size() != 3 || f.get(2).isEmpty()) {
        throw line.error(
            "expected ASPECT<TAB>primary|secondary<TAB>term, got " + f.size() + " fields");
      }
      if (!ASPECTS.contains(f.get(0))) {
        throw line.error(
            "unknown aspect '"
                + f.get(0)
                + "', expected one of DESIGN, PERFORMANCE, PRICE, SERVICE");
      }
      if (!f.get(1).equals("primary") && !f.get(1).equals("secondary")) {
        throw line.error("expected primary or secondary, got '" + f.get(1) + "'");
      }
      String term = f.get(2).toLowerCase(java.util.Locale.ROOT);
      terms.put(term, new Term(term, f.get(0), firstWord(term)));
    }
    return new KeywordExtractor(List.copyOf(terms.values()));
  }

  /**
   * True when {@code term} occurs with no letter, digit or underscore on either side: the same test
   * as the pattern {@code (?<![\\p{L}\\p{N}_])term(?![\\p{L}\\p{N}_])}, by indexOf and two
   * character checks (several times faster).
   */
  static boolean containsWholeWord(String text, String term) {
    int from = 0;
    while (true) {
      int at = text.indexOf(term, from);
      if (at < 0) {
        return false;
      }
      int end = at + term.length();
      boolean before = at == 0 || !isWordChar(text.codePointBefore(at));
      boolean after = end >= text.length() || !isWordChar(text.codePointAt(end));
      if (before && after) {
        return true;
      }
      from = at + 1;
    }
  }

  private static String firstWord(String term) {
    int end = 0;
    while (end < term.length() && isWordChar(term.codePointAt(end))) {
      end += Character.charCount(term.codePointAt(end));
    }
    return end == 0 ? null : term.substring(0, end);
  }

  private static boolean isWordChar(int c) {
    return CharTable.is(c, CharTable.TOKEN);
  }

  /**
   * The dictionary keywords of a clean text, in dictionary order, at most {@link #MAX_KEYWORDS}.
   */
  public List<Keyword> extract(String cleanText) {
    if (cleanText == null || cleanText.isEmpty()) {
      return List.of();
    }
    return extract(TextTokens.of(cleanText));
  }

  /**
   * As {@link #extract(String)}, on a text already cut into tokens. A whole-word occurrence of a
   * term that starts with a word starts where a token equal to that word starts, so each token is
   * looked up once among the terms' first words and only those terms are compared there.
   */
  public List<Keyword> extract(TextTokens tokens) {
    String text = tokens.text();
    boolean[] found = new boolean[terms.size()];
    for (int t = 0; t < tokens.size(); t++) {
      int start = tokens.start(t);
      int id = firstWords.id(tokens, t);
      if (id < 0) {
        continue;
      }
      for (int index : termsByFirstWord[id]) {
        String term = terms.get(index).term();
        int end = start + term.length();
        if (!found[index]
            && text.startsWith(term, start)
            && (end >= text.length() || !isWordChar(text.codePointAt(end)))) {
          found[index] = true;
        }
      }
    }
    for (int index : otherTerms) {
      found[index] = containsWholeWord(text, terms.get(index).term());
    }
    List<Keyword> keywords = new ArrayList<>();
    for (int i = 0; i < found.length && keywords.size() < MAX_KEYWORDS; i++) {
      if (found[i]) {
        Term term = terms.get(i);
        keywords.add(new Keyword(term.term(), term.aspect(), 1.0, "DICT"));
      }
    }
    return List.copyOf(keywords);
  }
}
