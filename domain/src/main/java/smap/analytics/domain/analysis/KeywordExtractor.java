package smap.analytics.domain.analysis;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
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

  private KeywordExtractor(List<Term> terms) {
    this.terms = terms;
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

  private static Set<String> words(String text) {
    Set<String> words = new java.util.HashSet<>();
    int i = 0;
    int n = text.length();
    while (i < n) {
      int c = text.codePointAt(i);
      if (!isWordChar(c)) {
        i += Character.charCount(c);
        continue;
      }
      int start = i;
      while (i < n && isWordChar(text.codePointAt(i))) {
        i += Character.charCount(text.codePointAt(i));
      }
      words.add(text.substring(start, i));
    }
    return words;
  }

  private static boolean isWordChar(int c) {
    int type = Character.getType(c);
    return Character.isLetter(c)
        || type == Character.DECIMAL_DIGIT_NUMBER
        || type == Character.LETTER_NUMBER
        || type == Character.OTHER_NUMBER
        || c == '_';
  }

  /**
   * The dictionary keywords of a clean text, in dictionary order, at most {@link #MAX_KEYWORDS}.
   */
  public List<Keyword> extract(String cleanText) {
    if (cleanText == null || cleanText.isEmpty()) {
      return List.of();
    }
    // A term can only match where its first word stands as a whole word: one scan collects the
    // text's words, so most of the dictionary is ruled out without searching the text.
    Set<String> words = words(cleanText);
    List<Keyword> found = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (Term term : terms) {
      if ((term.firstWord() == null || words.contains(term.firstWord()))
          && containsWholeWord(cleanText, term.term())
          && seen.add(term.term())) {
        found.add(new Keyword(term.term(), term.aspect(), 1.0, "DICT"));
        if (found.size() == MAX_KEYWORDS) {
          break;
        }
      }
    }
    return List.copyOf(found);
  }
}
