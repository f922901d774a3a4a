package smap.analytics.domain.analysis;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

  private IntentClassifier(Map<Intent, List<Pattern>> patterns) {
    this.patterns = patterns;
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
            .add(Pattern.compile(line.fields().get(1), FLAGS));
      } catch (PatternSyntaxException e) {
        throw line.error("bad regular expression: " + e.getDescription());
      }
    }
    return new IntentClassifier(patterns);
  }

  /** Classifies a clean (preprocessed) text. */
  public Result classify(String cleanText) {
    if (cleanText == null || cleanText.isEmpty()) {
      return new Result(Intent.DISCUSSION, 1.0, List.of());
    }
    Intent best = null;
    List<String> bestMatches = List.of();
    for (Map.Entry<Intent, List<Pattern>> entry : patterns.entrySet()) {
      List<String> matched = new ArrayList<>();
      for (Pattern pattern : entry.getValue()) {
        if (pattern.matcher(cleanText).find()) {
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
