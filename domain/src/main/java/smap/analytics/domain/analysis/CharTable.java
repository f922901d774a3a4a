package smap.analytics.domain.analysis;

/**
 * The character classes every stage asks about, for the whole Basic Multilingual Plane in two
 * tables built once (192 KiB): one array load instead of several {@link Character} property
 * look-ups per character. Each class is defined by the same {@link Character} predicates the stages
 * used before; supplementary code points (emoji, rare CJK) go to those predicates directly.
 */
final class CharTable {

  /** {@code \\w} of a regex with Unicode character classes (the preprocessing's "word"). */
  static final int REGEX_WORD = 1;

  /** White space as {@code \\s} with Unicode character classes matches it. */
  static final int SPACE = 2;

  /** A token character: letter, digit, letter-number, other-number or underscore. */
  static final int TOKEN = 4;

  /** {@link Character#isDigit(char)}. */
  static final int DIGIT = 8;

  /**
   * {@code String.toLowerCase(Locale.ROOT)} may not lower-case this character on its own: Σ depends
   * on its neighbours, İ becomes two characters. (Surrogates are lower-cased in pairs.)
   */
  static final int SPECIAL_CASE = 16;

  /** {@link Character#isUpperCase(char)}. */
  static final int UPPER = 32;

  private static final byte[] CLASSES = new byte[0x10000];
  private static final char[] LOWER = new char[0x10000];

  static {
    for (int c = 0; c < 0x10000; c++) {
      int classes = 0;
      if (regexWord(c)) {
        classes |= REGEX_WORD;
      }
      if (space(c)) {
        classes |= SPACE;
      }
      if (token(c)) {
        classes |= TOKEN;
      }
      if (Character.isDigit(c)) {
        classes |= DIGIT;
      }
      if (Character.isUpperCase(c)) {
        classes |= UPPER;
      }
      int lower = Character.toLowerCase(c);
      if (c == 0x3A3 || c == 0x130 || lower > 0xFFFF) {
        classes |= SPECIAL_CASE;
        lower = c;
      }
      CLASSES[c] = (byte) classes;
      LOWER[c] = (char) lower;
    }
  }

  private CharTable() {}

  /** True when code point {@code c} is in {@code charClass} (one of the constants above). */
  static boolean is(int c, int charClass) {
    if (c < 0x10000) {
      return (CLASSES[c] & charClass) != 0;
    }
    return switch (charClass) {
      case REGEX_WORD -> regexWord(c);
      case SPACE -> space(c);
      case TOKEN -> token(c);
      case DIGIT -> Character.isDigit(c);
      default -> false;
    };
  }

  /** True when UTF-16 unit {@code c} is in {@code charClass}; a surrogate is in no class. */
  static boolean isChar(char c, int charClass) {
    return (CLASSES[c] & charClass) != 0;
  }

  /**
   * {@code text.toLowerCase(Locale.ROOT)}: one table load per character (a surrogate pair by its
   * code point), falling back to the JDK when a character lower-cases by context (Σ) or into two
   * characters (İ).
   */
  static String lowerCase(String text) {
    int n = text.length();
    char[] out = new char[n];
    int i = 0;
    while (i < n) {
      int read = putLower(text, i, out, i);
      if (read == 0) {
        return text.toLowerCase(java.util.Locale.ROOT);
      }
      i += read;
    }
    return new String(out);
  }

  /**
   * Writes the lower case of the character (or surrogate pair) at {@code text[i]} to {@code
   * out[at]}; returns the chars read and written (1 or 2), or 0 when the JDK must lower-case the
   * whole text (Σ, İ).
   */
  static int putLower(String text, int i, char[] out, int at) {
    char c = text.charAt(i);
    if ((CLASSES[c] & SPECIAL_CASE) != 0) {
      return 0;
    }
    if (Character.isHighSurrogate(c)
        && i + 1 < text.length()
        && Character.isLowSurrogate(text.charAt(i + 1))) {
      int lower = Character.toLowerCase(Character.toCodePoint(c, text.charAt(i + 1)));
      if (lower < 0x10000) {
        return 0;
      }
      out[at] = Character.highSurrogate(lower);
      out[at + 1] = Character.lowSurrogate(lower);
      return 2;
    }
    // A lone surrogate is its own lower case, as LOWER holds it.
    out[at] = LOWER[c];
    return 1;
  }

  /** The lower case of a character that is not {@link #SPECIAL_CASE}. */
  static char lower(char c) {
    return LOWER[c];
  }

  /** {@code \\w} with Unicode classes: letters, marks, digits, connector punctuation, joiners. */
  private static boolean regexWord(int c) {
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

  private static boolean space(int c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == 0x85;
  }

  private static boolean token(int c) {
    int type = Character.getType(c);
    return Character.isLetter(c)
        || type == Character.DECIMAL_DIGIT_NUMBER
        || type == Character.LETTER_NUMBER
        || type == Character.OTHER_NUMBER
        || c == '_';
  }
}
