package smap.analytics.domain.analysis;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
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
  // The single-word keys packed 16 bits a character (see replaceTeencode) in a 64-slot
  // open-addressing table, and their words.
  private static final long[] TEENCODE_KEYS = new long[64];
  private static final String[] TEENCODE_VALUES = new String[64];

  static {
    for (String[] pair : TEENCODE) {
      if (!pair[0].contains(" ")) {
        long key = 0;
        for (char c : pair[0].toCharArray()) {
          key = key << 16 | c;
        }
        int slot = teencodeSlot(key);
        while (TEENCODE_KEYS[slot] != 0 && TEENCODE_KEYS[slot] != key) {
          slot = (slot + 1) & 63;
        }
        TEENCODE_KEYS[slot] = key;
        TEENCODE_VALUES[slot] = pair[1];
      }
    }
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
    // Words (as Python's len(text.split()) counts them) and whether ten ASCII digits stand in a
    // row (a phone number needs them), in one pass.
    int words = 0;
    boolean inWord = false;
    int digits = 0;
    boolean tenDigits = false;
    for (int i = 0; i < merged.length(); i++) {
      char c = merged.charAt(i);
      boolean space = isSpace(c);
      if (!space && !inWord) {
        words++;
      }
      inWord = !space;
      digits = c >= '0' && c <= '9' ? digits + 1 : 0;
      tenDigits |= digits >= 10;
    }
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
        tenDigits && PHONE.matcher(merged).find(),
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
    return removeEmojiHashMarksSpaceAndCase(result);
  }

  /**
   * Steps 5-8 in one pass: emoji removed, '#' removed before a word, white space collapsed, lower
   * case, stripped. A '#' is decided on the text as it is once the emoji are gone, so the scan
   * looks past emoji for the character that follows it. Σ and İ (which lower-case by context or
   * into two characters) send the text through the steps one at a time.
   */
  static String removeEmojiHashMarksSpaceAndCase(String text) {
    int n = text.length();
    char[] out = new char[n];
    int length = 0;
    boolean pendingSpace = false;
    int i = 0;
    while (i < n) {
      char c = text.charAt(i);
      if (c >= 0x24C2) {
        int cp = text.codePointAt(i);
        if (isEmoji(cp)) {
          i += Character.charCount(cp);
          continue;
        }
      } else if (c == '#' && startsHashtagAfterEmoji(text, i)) {
        i++;
        continue;
      } else if (CharTable.isChar(c, CharTable.SPACE)) {
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
        return collapseWhitespace(removeHashMarks(removeEmoji(text)))
            .toLowerCase(Locale.ROOT)
            .strip();
      }
      i += read;
      length += read;
    }
    return new String(out, 0, length);
  }

  /** True when the '#' at {@code hash} is followed by a word character once emoji are removed. */
  private static boolean startsHashtagAfterEmoji(String text, int hash) {
    int i = hash + 1;
    while (i < text.length()) {
      int c = text.codePointAt(i);
      if (!isEmoji(c)) {
        return CharTable.is(c, CharTable.REGEX_WORD);
      }
      i += Character.charCount(c);
    }
    return false;
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
          char lower = fold(d);
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
   * A character as a case-insensitive regex compares it ({@code toLowerCase(toUpperCase(c))}): İ
   * and ı match i, ſ matches s, as in the original's {@code re.IGNORECASE} substitutions. Only
   * those three differ from the plain lower case among characters that fold to ASCII or đ.
   */
  private static char fold(int c) {
    if (c == 0x130 || c == 0x131) {
      return 'i';
    }
    if (c == 0x17F) {
      return 's';
    }
    return c < 0x10000 ? CharTable.lower((char) c) : 0xFFFF;
  }

  private static int teencodeSlot(long key) {
    return (int) ((key * 0x9E3779B97F4A7C15L) >>> 58);
  }

  private static String teencodeFor(long key) {
    for (int slot = teencodeSlot(key); TEENCODE_KEYS[slot] != 0; slot = (slot + 1) & 63) {
      if (TEENCODE_KEYS[slot] == key) {
        return TEENCODE_VALUES[slot];
      }
    }
    return null;
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

  /** White space as {@code \\s} with Unicode classes matches it. */
  private static boolean isSpace(char c) {
    return CharTable.isChar(c, CharTable.SPACE);
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
