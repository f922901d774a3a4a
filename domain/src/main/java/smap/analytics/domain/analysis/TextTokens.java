package smap.analytics.domain.analysis;

import java.util.Arrays;

/**
 * A clean text cut into tokens once, for every stage that reads words: runs of letters, digits and
 * underscores, and the clause marks {@code . ! ? ; ,} one character each (what the pattern {@code
 * [\\p{L}\\p{N}_]+|[.!?;,]} finds). Tokens are kept as offsets into the text, so cutting makes no
 * strings; {@link Vocabulary} looks them up in place.
 */
public final class TextTokens {

  private final String text;
  private int[] starts;
  private int[] ends;
  // Each token's String.hashCode(), computed while cutting, so look-ups do not read it again.
  private int[] hashes;
  private int size;

  private TextTokens(String text) {
    this.text = text;
    int capacity = Math.max(8, text.length() / 4);
    this.starts = new int[capacity];
    this.ends = new int[capacity];
    this.hashes = new int[capacity];
  }

  /** Cuts a text into tokens. */
  public static TextTokens of(String text) {
    TextTokens tokens = new TextTokens(text == null ? "" : text);
    tokens.cut();
    return tokens;
  }

  private void cut() {
    String t = text;
    int n = t.length();
    int i = 0;
    while (i < n) {
      char c = t.charAt(i);
      if (!Character.isSurrogate(c) && !CharTable.isChar(c, CharTable.TOKEN)) {
        if (isMark(c)) {
          add(i, i + 1, c);
        }
        i++;
        continue;
      }
      int start = i;
      int hash = 0;
      while (i < n) {
        char d = t.charAt(i);
        if (Character.isSurrogate(d)) {
          int cp = t.codePointAt(i);
          if (!CharTable.is(cp, CharTable.TOKEN)) {
            break;
          }
          hash = 31 * hash + d;
          if (cp >= 0x10000) {
            hash = 31 * hash + t.charAt(i + 1);
          }
          i += Character.charCount(cp);
        } else if (CharTable.isChar(d, CharTable.TOKEN)) {
          hash = 31 * hash + d;
          i++;
        } else {
          break;
        }
      }
      if (i == start) {
        i += Character.charCount(t.codePointAt(i));
      } else {
        add(start, i, hash);
      }
    }
  }

  private void add(int start, int end, int hash) {
    if (size == starts.length) {
      starts = Arrays.copyOf(starts, size * 2);
      ends = Arrays.copyOf(ends, size * 2);
      hashes = Arrays.copyOf(hashes, size * 2);
    }
    starts[size] = start;
    ends[size] = end;
    hashes[size] = hash;
    size++;
  }

  /** The text the tokens are cut from. */
  public String text() {
    return text;
  }

  /** The number of tokens. */
  public int size() {
    return size;
  }

  /** Where token {@code i} starts in the text. */
  public int start(int i) {
    return starts[i];
  }

  /** Where token {@code i} ends in the text (exclusive). */
  public int end(int i) {
    return ends[i];
  }

  /** {@code token(i).hashCode()}, without making the string. */
  public int hash(int i) {
    return hashes[i];
  }

  /** True when token {@code i} is a clause mark ({@code . ! ? ; ,}). */
  public boolean isMark(int i) {
    return ends[i] - starts[i] == 1 && isMark(text.charAt(starts[i]));
  }

  /** Token {@code i} as a string. */
  public String token(int i) {
    return text.substring(starts[i], ends[i]);
  }

  static boolean isMark(char c) {
    return c == '.' || c == '!' || c == '?' || c == ';' || c == ',';
  }
}
