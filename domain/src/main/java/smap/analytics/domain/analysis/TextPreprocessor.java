package smap.analytics.domain.analysis;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stage 1 (facts 11.1): merges transcription, caption and the most liked comments into one clean,
 * lower-case text, and measures it. Deterministic; reproduces the original's output exactly.
 */
public final class TextPreprocessor {

  /** Comments merged into the text, most liked first. */
  public static final int MAX_COMMENTS = 5;

  /** Clean texts shorter than this are "too short" and skipped. */
  public static final int MIN_TEXT_LENGTH = 10;

  private static final int FLAGS =
      Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS;
  private static final String[][] TEENCODE = {
    {"ko", "không"},
    {"k", "không"},
    {"khg", "không"},
    {"hk", "không"},
    {"vkl", "rất"},
    {"vcl", "rất"},
    {"ae", "anh em"},
    {"tml", "thì"},
    {"thì ml", "thì"},
    {"dc", "được"},
    {"đc", "được"},
    {"vs", "với"},
    {"mik", "mình"},
    {"mk", "mình"},
    {"e", "em"},
    {"a", "anh"},
    {"c", "chị"},
    {"m", "mày"},
    {"t", "tao"},
    {"nc", "nói chuyện"},
    {"nch", "nói chuyện"},
    {"oke", "ok"},
    {"okie", "ok"},
    {"uk", "ừ"},
    {"uhm", "ừ"},
    {"uh", "ừ"},
    {"ny", "người yêu"},
    {"cx", "cũng"},
    {"cg", "cũng"},
    {"j", "gì"},
    {"gi", "gì"}
  };
  private static final List<Map.Entry<Pattern, String>> TEENCODE_PATTERNS = teencodePatterns();
  private static final Pattern URL =
      Pattern.compile(
          "(?:http[s]?://|www\\.)(?:[a-zA-Z]|[0-9]|[$-_@.&+]|[!*\\(\\),]|(?:%[0-9a-fA-F][0-9a-fA-F]))+");
  private static final Pattern EMOJI =
      Pattern.compile(
          "[\\x{1F600}-\\x{1F64F}\\x{1F300}-\\x{1F5FF}\\x{1F680}-\\x{1F6FF}\\x{1F1E0}-\\x{1F1FF}"
              + "\\x{2702}-\\x{27B0}\\x{24C2}-\\x{1F251}]+");
  private static final Pattern HASHTAG =
      Pattern.compile("#(\\w+)", Pattern.UNICODE_CHARACTER_CLASS);
  private static final Pattern SPACES = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);
  private static final Pattern DOTS = Pattern.compile("\\.{2,}");
  private static final Pattern PHONE = Pattern.compile("(03|05|07|08|09|01[2689])\\d{8}");
  private static final List<String> SPAM_KEYWORDS =
      List.of("vay vốn", "lãi suất", "giải ngân", "bán sim", "tuyển dụng");

  /**
   * The preprocessed text and its statistics.
   *
   * @param reductionRatio (merged length - clean length) / merged length; negative when teencode
   *     expands words
   */
  public record Result(
      String cleanText,
      String mergedText,
      int totalLength,
      boolean tooShort,
      double hashtagRatio,
      double reductionRatio,
      boolean hasTranscription,
      boolean hasPhone,
      boolean hasSpamKeyword,
      int captionLength,
      int transcriptLength,
      int commentsLength) {}

  private TextPreprocessor() {}

  /** Runs stage 1 on a post. Null texts count as empty. */
  public static Result preprocess(
      String caption, String transcription, List<CommentText> comments) {
    String captionText = caption == null ? "" : caption;
    String transcriptText = transcription == null ? "" : transcription;
    List<CommentText> allComments = comments == null ? List.of() : comments;
    List<String> parts = new ArrayList<>();
    parts.add(transcriptText);
    parts.add(captionText);
    List<CommentText> byLikes = new ArrayList<>(allComments);
    byLikes.sort(Comparator.comparingLong(CommentText::likes).reversed());
    for (int i = 0; i < Math.min(MAX_COMMENTS, byLikes.size()); i++) {
      parts.add(byLikes.get(i).text());
    }
    List<String> kept = new ArrayList<>();
    for (String part : parts) {
      String trimmed = stripTrailing(part.strip());
      if (!trimmed.isEmpty()) {
        kept.add(trimmed);
      }
    }
    String merged = DOTS.matcher(String.join(". ", kept)).replaceAll(".");
    String clean = normalise(merged);
    int mergedLength = length(merged);
    int cleanLength = length(clean);
    int words = merged.isBlank() ? 0 : SPACES.split(merged.strip()).length;
    int hashtags = count(HASHTAG.matcher(merged));
    int commentsLength = 0;
    for (int i = 0; i < Math.min(MAX_COMMENTS, allComments.size()); i++) {
      commentsLength += length(allComments.get(i).text());
    }
    String lowerMerged = merged.toLowerCase(Locale.ROOT);
    boolean spam = SPAM_KEYWORDS.stream().anyMatch(lowerMerged::contains);
    return new Result(
        clean,
        merged,
        cleanLength,
        cleanLength < MIN_TEXT_LENGTH,
        words == 0 ? 0.0 : (double) hashtags / words,
        mergedLength == 0 ? 0.0 : (double) (mergedLength - cleanLength) / mergedLength,
        !transcriptText.isBlank(),
        PHONE.matcher(merged).find(),
        spam,
        length(captionText),
        length(transcriptText),
        commentsLength);
  }

  /** The normalisation steps 1-8 of facts 11.1 on any text. */
  public static String normalise(String text) {
    String result = Normalizer.normalize(text, Normalizer.Form.NFKC);
    for (Map.Entry<Pattern, String> teencode : TEENCODE_PATTERNS) {
      result =
          teencode
              .getKey()
              .matcher(result)
              .replaceAll(Matcher.quoteReplacement(teencode.getValue()));
    }
    result = URL.matcher(result).replaceAll("");
    result = EMOJI.matcher(result).replaceAll("");
    result = HASHTAG.matcher(result).replaceAll("$1");
    result = SPACES.matcher(result).replaceAll(" ");
    return result.toLowerCase(Locale.ROOT).strip();
  }

  /** Length in code points, as Python counts it. */
  static int length(String text) {
    return text == null ? 0 : text.codePointCount(0, text.length());
  }

  private static String stripTrailing(String text) {
    int end = text.length();
    while (end > 0 && ".!?;:,".indexOf(text.charAt(end - 1)) >= 0) {
      end--;
    }
    return text.substring(0, end);
  }

  private static int count(Matcher matcher) {
    int n = 0;
    while (matcher.find()) {
      n++;
    }
    return n;
  }

  private static List<Map.Entry<Pattern, String>> teencodePatterns() {
    Map<Pattern, String> patterns = new LinkedHashMap<>();
    for (String[] pair : TEENCODE) {
      patterns.put(Pattern.compile("\\b" + Pattern.quote(pair[0]) + "\\b", FLAGS), pair[1]);
    }
    return List.copyOf(patterns.entrySet());
  }
}
