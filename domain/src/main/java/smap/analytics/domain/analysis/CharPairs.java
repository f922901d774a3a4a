package smap.analytics.domain.analysis;

/**
 * The pairs of adjacent characters of a text, hashed into a 65 536-bit set: one pass over the text,
 * then "may it contain this literal?" costs a few bit tests instead of a search of the whole text.
 * A literal whose pairs are not all in the set cannot occur in the text; one whose pairs are might
 * (hash collisions, pairs from different places), so the caller still searches for it. The same
 * pass measures the longest run of digits, which digit patterns (phone numbers) need.
 */
final class CharPairs {

  private final long[] bits = new long[1024];
  private int longestDigitRun;
  private boolean lineTerminator;

  private CharPairs() {}

  static CharPairs of(String text) {
    CharPairs pairs = new CharPairs();
    int run = 0;
    char previous = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (i > 0) {
        pairs.set(hash(previous, c));
      }
      run = CharTable.isChar(c, CharTable.DIGIT) ? run + 1 : 0;
      pairs.lineTerminator |=
          c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
      pairs.longestDigitRun = Math.max(pairs.longestDigitRun, run);
      previous = c;
    }
    return pairs;
  }

  /** The longest run of consecutive digits in the text (read in the same pass). */
  int longestDigitRun() {
    return longestDigitRun;
  }

  /** True when the text has a character a regex "." does not match (a line terminator). */
  boolean hasLineTerminator() {
    return lineTerminator;
  }

  /** False only when {@code literal} cannot occur in the text. */
  boolean mayContain(String literal) {
    for (int i = 1; i < literal.length(); i++) {
      int hash = hash(literal.charAt(i - 1), literal.charAt(i));
      if ((bits[hash >>> 6] & (1L << hash)) == 0) {
        return false;
      }
    }
    return true;
  }

  private void set(int hash) {
    bits[hash >>> 6] |= 1L << hash;
  }

  private static int hash(char first, char second) {
    return (first * 31 + second) & 0xFFFF;
  }
}
