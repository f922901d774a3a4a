package smap.analytics.domain.analysis;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Stage 2 (facts 11.2): the intent of a clean text by regular-expression patterns loaded from a
 * rule file ({@code INTENT<TAB>regex} a line). The highest priority wins; ties go to the intent
 * listed first in the file; confidence grows with the number of the winner's patterns that match.
 */
public final class IntentClassifier {

  private static final int FLAGS =
      Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS;

  /** The classification of one text. */
  public record Result(Intent intent, double confidence, List<String> matchedPatterns) {
    public boolean skip() {
      return intent.skipped();
    }
  }

  private final Map<Intent, List<Pattern>> patterns;
  // A literal each pattern's matches must contain: when the text lacks it the pattern cannot match,
  // and String.contains is far cheaper than a regex scan.
  private final Map<Pattern, List<String>> literals = new java.util.HashMap<>();
  // The digits in a row a pattern needs (9 for "\\d{9}"): most texts have no such run, and a
  // digit pattern scanned with Unicode word boundaries is the slowest of the set.
  private final Map<Pattern, Integer> digitRuns = new java.util.HashMap<>();
  // The literal every match begins with, for the patterns that begin with one.
  private final Map<Pattern, String> leadingLiterals = new java.util.HashMap<>();
  // Patterns "literal.*rest": if any occurrence of the literal starts a match, the first one does
  // (".*" spans the text between them), so only the first is tried - unless the text has a line
  // terminator, which "." does not cross.
  private final java.util.Set<Pattern> firstOccurrenceSuffices = new java.util.HashSet<>();

  private IntentClassifier(Map<Intent, List<Pattern>> patterns) {
    this.patterns = patterns;
    for (List<Pattern> list : patterns.values()) {
      for (Pattern pattern : list) {
        literals.put(pattern, requiredLiterals(pattern));
        String leading = leadingLiteral(pattern);
        if (leading != null) {
          leadingLiterals.put(pattern, leading);
          if (pattern.pattern().startsWith(leading + ".*")) {
            firstOccurrenceSuffices.add(pattern);
          }
        }
        digitRuns.put(pattern, requiredDigitRun(pattern));
      }
    }
  }

  /**
   * Literals every match must contain: the runs of plain characters outside groups and classes
   * (e.g. "giá", "bao" and "nhiêu" of "giá.*bao\\s*nhiêu"); none when the pattern folds case or
   * alternates at the top level.
   */
  static List<String> requiredLiterals(Pattern pattern) {
    if ((pattern.flags() & Pattern.CASE_INSENSITIVE) != 0) {
      return List.of();
    }
    String regex = pattern.pattern();
    List<String> found = new ArrayList<>();
    StringBuilder run = new StringBuilder();
    int depth = 0;
    for (int i = 0; i <= regex.length(); i++) {
      char c = i < regex.length() ? regex.charAt(i) : '|';
      boolean plain = depth == 0 && "\\.*+?()[]{}|^$".indexOf(c) < 0;
      if (plain) {
        run.append(c);
        continue;
      }
      if (i < regex.length() && "*+?{".indexOf(c) >= 0 && !run.isEmpty()) {
        run.setLength(run.length() - 1);
      }
      if (!run.toString().isBlank()) {
        found.add(run.toString());
      }
      run.setLength(0);
      if (c == '\\') {
        i++;
      } else if (c == '{') {
        int close = regex.indexOf('}', i);
        i = close < 0 ? regex.length() : close;
      } else if (c == '(' || c == '[') {
        depth++;
      } else if (c == ')' || c == ']') {
        depth--;
      } else if (c == '|' && depth == 0 && i < regex.length()) {
        return List.of();
      }
    }
    return List.copyOf(found);
  }

  /** Loads the patterns from {@code path}, or the built-in file when null. */
  public static IntentClassifier load(Path path) {
    Map<Intent, List<Pattern>> patterns = new LinkedHashMap<>();
    for (RuleLines.Line line : RuleLines.read(path, "intent_patterns.tsv")) {
      if (line.fields().size() != 2 || line.fields().get(1).isEmpty()) {
        throw line.error("expected INTENT<TAB>regex, got " + line.fields().size() + " fields");
      }
      Intent intent;
      try {
        intent = Intent.valueOf(line.fields().get(0));
      } catch (IllegalArgumentException e) {
        throw line.error("unknown intent '" + line.fields().get(0) + "'");
      }
      if (intent == Intent.DISCUSSION) {
        throw line.error("DISCUSSION is the default and takes no patterns");
      }
      try {
        patterns
            .computeIfAbsent(intent, i -> new ArrayList<>())
            .add(Pattern.compile(line.fields().get(1), flagsFor(line.fields().get(1))));
      } catch (PatternSyntaxException e) {
        throw line.error("bad regular expression: " + e.getDescription());
      }
    }
    return new IntentClassifier(patterns);
  }

  /**
   * The clean text is already lower-case, so a pattern without upper-case letters matches it the
   * same with or without case folding; skipping the folding makes matching several times faster.
   */
  static int flagsFor(String regex) {
    boolean upper = false;
    for (int i = 0; i < regex.length(); i++) {
      char c = regex.charAt(i);
      if (c == '\\') {
        i++;
      } else if (Character.isUpperCase(c)) {
        upper = true;
      }
    }
    return upper ? FLAGS : Pattern.UNICODE_CHARACTER_CLASS;
  }

  /** The longest {@code \\d{n}} or {@code \\d{n,m}} outside groups (n), or 0. */
  static int requiredDigitRun(Pattern pattern) {
    if (!requiredLiterals(pattern).isEmpty() || pattern.pattern().indexOf('|') < 0) {
      int best = 0;
      Matcher m = DIGIT_QUANTIFIER.matcher(pattern.pattern());
      while (m.find()) {
        if (depthAt(pattern.pattern(), m.start()) == 0) {
          best = Math.max(best, Integer.parseInt(m.group(1)));
        }
      }
      return best;
    }
    return 0;
  }

  private static final Pattern DIGIT_QUANTIFIER = Pattern.compile("\\\\d\\{(\\d+)");

  private static int depthAt(String regex, int end) {
    int depth = 0;
    for (int i = 0; i < end; i++) {
      char c = regex.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '(' || c == '[') {
        depth++;
      } else if (c == ')' || c == ']') {
        depth--;
      }
    }
    return depth;
  }

  /** The longest run of consecutive digits in the text. */
  static int longestDigitRun(String text) {
    return CharPairs.of(text).longestDigitRun();
  }

  private static boolean containsAll(String text, CharPairs pairs, List<String> literals) {
    for (String literal : literals) {
      if (!pairs.mayContain(literal) || !text.contains(literal)) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@code pattern.matcher(text).find()}. When every match must begin with a literal ("bảo" of
   * "bảo\\s*hành"), the pattern is tried only where that literal occurs (indexOf, then lookingAt
   * there with the text around it visible to boundaries): the same answer without running the regex
   * from every position of a long text.
   */
  private boolean finds(Pattern pattern, String text, CharPairs pairs) {
    String first = leadingLiterals.get(pattern);
    if (first == null) {
      return pattern.matcher(text).find();
    }
    Matcher matcher = pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
    if (firstOccurrenceSuffices.contains(pattern) && !pairs.hasLineTerminator()) {
      // Trying every occurrence would be quadratic: each one runs ".*" to the end of the text.
      int at = text.indexOf(first);
      return at >= 0 && matcher.region(at, text.length()).lookingAt();
    }
    for (int at = text.indexOf(first); at >= 0; at = text.indexOf(first, at + 1)) {
      if (matcher.region(at, text.length()).lookingAt()) {
        return true;
      }
    }
    return false;
  }

  /**
   * The literal every match of the pattern starts with: its first required literal when the pattern
   * begins with it, else null.
   */
  static String leadingLiteral(Pattern pattern) {
    List<String> required = requiredLiterals(pattern);
    return !required.isEmpty() && pattern.pattern().startsWith(required.get(0))
        ? required.get(0)
        : null;
  }

  /** Classifies a clean (preprocessed) text. */
  public Result classify(String cleanText) {
    if (cleanText == null || cleanText.isEmpty()) {
      return new Result(Intent.DISCUSSION, 1.0, List.of());
    }
    Intent best = null;
    CharPairs pairs = CharPairs.of(cleanText);
    int digitRun = pairs.longestDigitRun();
    List<String> bestMatches = List.of();
    for (Map.Entry<Intent, List<Pattern>> entry : patterns.entrySet()) {
      if (best != null && entry.getKey().priority() <= best.priority()) {
        continue;
      }
      List<String> matched = new ArrayList<>();
      for (Pattern pattern : entry.getValue()) {
        if (containsAll(cleanText, pairs, literals.get(pattern))
            && digitRun >= digitRuns.get(pattern)
            && finds(pattern, cleanText, pairs)) {
          matched.add(pattern.pattern());
        }
      }
      if (!matched.isEmpty() && (best == null || entry.getKey().priority() > best.priority())) {
        best = entry.getKey();
        bestMatches = matched;
      }
    }
    if (best == null) {
      return new Result(Intent.DISCUSSION, 1.0, List.of());
    }
    return new Result(
        best, Math.min(0.5 + 0.1 * bestMatches.size(), 1.0), List.copyOf(bestMatches));
  }
}
