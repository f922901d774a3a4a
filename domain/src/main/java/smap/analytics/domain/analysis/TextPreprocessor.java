package smap.analytics.domain.analysis;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
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
  static final String[][] TEENCODE = {
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
  // The single-word keys packed 16 bits a character (see replaceTeencode), sorted, and their words.
  private static final long[] TEENCODE_KEYS;
  private static final String[] TEENCODE_VALUES;

  static {
    Map<Long, String> packed = new TreeMap<>();
    for (String[] pair : TEENCODE) {
      if (!pair[0].contains(" ")) {
        long key = 0;
        for (char c : pair[0].toCharArray()) {
          key = key << 16 | c;
        }
        packed.put(key, pair[1]);
      }
    }
    TEENCODE_KEYS = packed.keySet().stream().mapToLong(Long::longValue).toArray();
    TEENCODE_VALUES = packed.values().toArray(String[]::new);
  }

  private static final Pattern THI_ML = Pattern.compile("\\bthì ml\\b", FLAGS);
  private static final Pattern URL =
      Pattern.compile(
          "(?:http[s]?://|www\\.)(?:[a-zA-Z]|[0-9]|[$-_@.&+]|[!*\\(\\),]|(?:%[0-9a-fA-F][0-9a-fA-F]))+");
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
    int hashtags = countHashtags(merged);
    int commentsLength = 0;
    for (int i = 0; i < Math.min(MAX_COMMENTS, allComments.size()); i++) {
      commentsLength += length(allComments.get(i).text());
    }
    String lowerMerged = CharTable.lowerCase(merged);
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

  /**
   * The normalisation steps 1-8 of facts 11.1 on any text. The original's regular expressions
   * (teencode, emoji, hashtag, white space) are replaced by hand-written scans with the same
   * result, several times faster on long transcripts; {@code TextPreprocessorTest} checks them
   * against the regular expressions on generated texts.
   */
  public static String normalise(String text) {
    String result = Normalizer.normalize(text, Normalizer.Form.NFKC);
    result = replaceTeencode(result);
    if (containsMl(result) && result.toLowerCase(Locale.ROOT).contains("thì ml")) {
      result = THI_ML.matcher(result).replaceAll("thì");
    }
    // The URL regex runs only when its cheap precondition holds (most texts have no URL).
    if (result.contains("http") || result.contains("www.")) {
      result = URL.matcher(result).replaceAll("");
    }
    result = removeEmoji(result);
    result = removeHashMarks(result);
    return collapseLowerStrip(result);
  }

  /** True when the text has "ml" in any case: "thì ml" cannot occur without it. */
  private static boolean containsMl(String text) {
    return text.contains("ml") || text.contains("mL") || text.contains("Ml") || text.contains("ML");
  }

  /**
   * Removes what the original's emoji pattern matches: code points in U+1F600-1F64F, U+1F300-1F5FF,
   * U+1F680-1F6FF, U+1F1E0-1F1FF, U+2702-27B0 and U+24C2-1F251 (its last range spans most of the
   * plane, CJK included; kept for fidelity).
   */
  static String removeEmoji(String text) {
    int n = text.length();
    int i = 0;
    while (i < n && text.charAt(i) < 0x24C2) {
      i++;
    }
    if (i == n) {
      return text;
    }
    StringBuilder out = new StringBuilder(n);
    out.append(text, 0, i);
    while (i < n) {
      int c = text.codePointAt(i);
      int width = Character.charCount(c);
      if (!isEmoji(c)) {
        out.append(text, i, i + width);
      }
      i += width;
    }
    return out.toString();
  }

  private static boolean isEmoji(int c) {
    return (c >= 0x24C2 && c <= 0x1F251)
        || (c >= 0x1F300 && c <= 0x1F64F)
        || (c >= 0x1F680 && c <= 0x1F6FF);
  }

  /**
   * {@code #(\\w+)} replaced by the word: a '#' goes when a word character follows it. Matches
   * cannot overlap (a word run holds no '#'), so each '#' is decided on its own.
   */
  static String removeHashMarks(String text) {
    int at = text.indexOf('#');
    if (at < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int copied = 0;
    while (at >= 0) {
      if (startsHashtag(text, at)) {
        out.append(text, copied, at);
        copied = at + 1;
      }
      at = text.indexOf('#', at + 1);
    }
    return out.append(text, copied, text.length()).toString();
  }

  /** Hash tags ({@code #\\w+}) in a text. */
  static int countHashtags(String text) {
    int count = 0;
    for (int at = text.indexOf('#'); at >= 0; at = text.indexOf('#', at + 1)) {
      if (startsHashtag(text, at)) {
        count++;
      }
    }
    return count;
  }

  private static boolean startsHashtag(String text, int hash) {
    return hash + 1 < text.length()
        && CharTable.is(text.codePointAt(hash + 1), CharTable.REGEX_WORD);
  }

  /**
   * {@code \\s+} to one space, then {@code toLowerCase(Locale.ROOT)} and {@code strip()}, in one
   * pass (lower-casing never makes white space, so the order does not matter).
   */
  static String collapseLowerStrip(String text) {
    int n = text.length();
    char[] out = new char[n];
    int length = 0;
    boolean pendingSpace = false;
    int i = 0;
    while (i < n) {
      if (CharTable.isChar(text.charAt(i), CharTable.SPACE)) {
        pendingSpace = length > 0;
        i++;
        continue;
      }
      if (pendingSpace) {
        out[length++] = ' ';
        pendingSpace = false;
      }
      int read = CharTable.putLower(text, i, out, length);
      if (read == 0) {
        return collapseWhitespace(text).toLowerCase(Locale.ROOT).strip();
      }
      i += read;
      length += read;
    }
    return new String(out, 0, length);
  }

  /**
   * Replaces whole words found in the teencode dictionary, case-insensitively. A hand-written scan
   * over word runs (the characters {@code \\w} matches with Unicode classes) instead of a regex. A
   * word is looked up only when it is at most four characters of ASCII or "đ" once lower-cased,
   * packed into a number: no string is made for it.
   */
  static String replaceTeencode(String text) {
    StringBuilder out = null;
    int copied = 0;
    int i = 0;
    int n = text.length();
    while (i < n) {
      int c = text.codePointAt(i);
      if (!CharTable.is(c, CharTable.REGEX_WORD)) {
        i += Character.charCount(c);
        continue;
      }
      int start = i;
      long key = 0;
      boolean candidate = true;
      while (i < n) {
        int d = text.codePointAt(i);
        if (!CharTable.is(d, CharTable.REGEX_WORD)) {
          break;
        }
        if (candidate) {
          char lower = d < 0x80 ? CharTable.lower((char) d) : fold(d);
          candidate = i - start < 4 && (lower < 0x80 || lower == 'đ');
          key = key << 16 | lower;
        }
        i += Character.charCount(d);
      }
      String replacement = candidate ? teencodeFor(key) : null;
      if (replacement != null) {
        if (out == null) {
          out = new StringBuilder(n + 16);
        }
        out.append(text, copied, start).append(replacement);
        copied = i;
      }
    }
    if (out == null) {
      return text;
    }
    return out.append(text, copied, n).toString();
  }

  /**
   * A character as a case-insensitive regex compares it: İ and ı match i, ſ matches s and the
   * Kelvin sign k, as they did in the original's {@code re.IGNORECASE} substitutions.
   */
  private static char fold(int c) {
    int folded = Character.toLowerCase(Character.toUpperCase(c));
    return folded < 0x10000 ? (char) folded : 0xFFFF;
  }

  private static String teencodeFor(long key) {
    int at = Arrays.binarySearch(TEENCODE_KEYS, key);
    return at < 0 ? null : TEENCODE_VALUES[at];
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
    return CharTable.isChar(c, CharTable.SPACE);
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
}
