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
  private static final Map<String, String> TEENCODE_MAP = teencodeMap();
  private static final Pattern THI_ML = Pattern.compile("\\bthì ml\\b", FLAGS);
  private static final Pattern URL =
      Pattern.compile(
          "(?:http[s]?://|www\\.)(?:[a-zA-Z]|[0-9]|[$-_@.&+]|[!*\\(\\),]|(?:%[0-9a-fA-F][0-9a-fA-F]))+");
  private static final Pattern EMOJI =
      Pattern.compile(
          "[\\x{1F600}-\\x{1F64F}\\x{1F300}-\\x{1F5FF}\\x{1F680}-\\x{1F6FF}\\x{1F1E0}-\\x{1F1FF}"
              + "\\x{2702}-\\x{27B0}\\x{24C2}-\\x{1F251}]+");
  private static final Pattern HASHTAG =
      Pattern.compile("#(\\w+)", Pattern.UNICODE_CHARACTER_CLASS);
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
    String joined = String.join(". ", kept);
    String merged = joined.contains("..") ? DOTS.matcher(joined).replaceAll(".") : joined;
    String clean = normalise(merged);
    int mergedLength = length(merged);
    int cleanLength = length(clean);
    int words = countWords(merged);
    int hashtags = merged.indexOf('#') < 0 ? 0 : count(HASHTAG.matcher(merged));
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
        hasDigitRun(merged, 10) && PHONE.matcher(merged).find(),
        spam,
        length(captionText),
        length(transcriptText),
        commentsLength);
  }

  /** The normalisation steps 1-8 of facts 11.1 on any text. */
  public static String normalise(String text) {
    String result = Normalizer.normalize(text, Normalizer.Form.NFKC);
    result = replaceTeencode(result);
    if (result.toLowerCase(Locale.ROOT).contains("thì ml")) {
      result = THI_ML.matcher(result).replaceAll("thì");
    }
    // Each regex runs only when its cheap precondition holds (most texts have no URL or emoji).
    if (result.contains("http") || result.contains("www.")) {
      result = URL.matcher(result).replaceAll("");
    }
    if (hasCharFrom(result, 0x24C2)) {
      result = EMOJI.matcher(result).replaceAll("");
    }
    if (result.indexOf('#') >= 0) {
      result = HASHTAG.matcher(result).replaceAll("$1");
    }
    result = collapseWhitespace(result);
    return result.toLowerCase(Locale.ROOT).strip();
  }

  /**
   * Replaces whole words found in the teencode dictionary, case-insensitively. A hand-written scan
   * over word runs (the characters {@code \\w} matches with Unicode classes) instead of a regex:
   * the same result, several times faster on long transcripts.
   */
  static String replaceTeencode(String text) {
    StringBuilder out = null;
    int copied = 0;
    int i = 0;
    int n = text.length();
    while (i < n) {
      int c = text.codePointAt(i);
      if (!isWordChar(c)) {
        i += Character.charCount(c);
        continue;
      }
      int start = i;
      while (i < n) {
        int d = text.codePointAt(i);
        if (!isWordChar(d)) {
          break;
        }
        i += Character.charCount(d);
      }
      if (i - start <= 4) {
        String replacement = TEENCODE_MAP.get(text.substring(start, i).toLowerCase(Locale.ROOT));
        if (replacement != null) {
          if (out == null) {
            out = new StringBuilder(n + 16);
          }
          out.append(text, copied, start).append(replacement);
          copied = i;
        }
      }
    }
    if (out == null) {
      return text;
    }
    return out.append(text, copied, n).toString();
  }

  /** {@code \\w} with Unicode character classes: letters, marks, digits, connector punctuation. */
  private static boolean isWordChar(int c) {
    if (c < 128) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }
    if (Character.isAlphabetic(c) || Character.isDigit(c)) {
      return true;
    }
    int type = Character.getType(c);
    return type == Character.NON_SPACING_MARK
        || type == Character.ENCLOSING_MARK
        || type == Character.COMBINING_SPACING_MARK
        || type == Character.CONNECTOR_PUNCTUATION
        || c == 0x200C
        || c == 0x200D;
  }

  /** {@code \\s+} (Unicode white space) to one space, without a regex. */
  static String collapseWhitespace(String text) {
    StringBuilder out = new StringBuilder(text.length());
    boolean inSpace = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (isSpace(c)) {
        if (!inSpace) {
          out.append(' ');
          inSpace = true;
        }
      } else {
        out.append(c);
        inSpace = false;
      }
    }
    return out.toString();
  }

  /** Whitespace-separated words, as Python's {@code len(text.split())} counts them. */
  static int countWords(String text) {
    int words = 0;
    boolean inWord = false;
    for (int i = 0; i < text.length(); i++) {
      boolean space = isSpace(text.charAt(i));
      if (!space && !inWord) {
        words++;
      }
      inWord = !space;
    }
    return words;
  }

  /** White space as {@code \\s} with Unicode classes matches it. */
  private static boolean isSpace(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == 0x85;
  }

  /** True when the text has {@code length} ASCII digits in a row (a phone number needs ten). */
  private static boolean hasDigitRun(String text, int length) {
    int run = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      run = c >= '0' && c <= '9' ? run + 1 : 0;
      if (run >= length) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasCharFrom(String text, int lowest) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) >= lowest) {
        return true;
      }
    }
    return false;
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

  private static Map<String, String> teencodeMap() {
    Map<String, String> map = new LinkedHashMap<>();
    for (String[] pair : TEENCODE) {
      map.put(pair[0], pair[1]);
    }
    return map;
  }

  private static Pattern teencodePattern() {
    StringBuilder alternation = new StringBuilder();
    for (String[] pair : TEENCODE) {
      if (!pair[0].contains(" ")) {
        alternation.append(alternation.isEmpty() ? "" : "|").append(Pattern.quote(pair[0]));
      }
    }
    return Pattern.compile("\\b(?:" + alternation + ")\\b", FLAGS);
  }
}
