package smap.analytics.domain.analysis;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Stage 3 (facts 11.3): aspect keywords from the dictionary ({@code
 * ASPECT<TAB>primary|secondary<TAB>term}). Unlike the original, a term matches only as a whole word
 * or phrase: {@code êm} no longer matches inside "xem", nor {@code km} inside other words.
 */
public final class KeywordExtractor {

  /** At most this many keywords per post. */
  public static final int MAX_KEYWORDS = 30;

  private static final Set<String> ASPECTS = Set.of("DESIGN", "PERFORMANCE", "PRICE", "SERVICE");

  private record Term(String term, String aspect, Pattern pattern) {}

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
      terms.put(term, new Term(term, f.get(0), wholeWord(term)));
    }
    return new KeywordExtractor(List.copyOf(terms.values()));
  }

  /** A pattern matching {@code term} with no letter, digit or underscore on either side. */
  static Pattern wholeWord(String term) {
    return Pattern.compile("(?<![\\p{L}\\p{N}_])" + Pattern.quote(term) + "(?![\\p{L}\\p{N}_])");
  }

  /**
   * The dictionary keywords of a clean text, in dictionary order, at most {@link #MAX_KEYWORDS}.
   */
  public List<Keyword> extract(String cleanText) {
    if (cleanText == null || cleanText.isEmpty()) {
      return List.of();
    }
    List<Keyword> found = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (Term term : terms) {
      if (cleanText.contains(term.term())
          && term.pattern().matcher(cleanText).find()
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
