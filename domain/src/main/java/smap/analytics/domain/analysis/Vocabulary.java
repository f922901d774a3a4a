package smap.analytics.domain.analysis;

import java.util.Collection;

/**
 * A fixed set of words numbered 0..n-1, looked up by a slice of a text without making a string of
 * it (open addressing on the same hash as {@link String#hashCode()}).
 */
final class Vocabulary {

  private final String[] keys;
  private final int[] ids;
  private final int mask;
  private final String[] words;

  /** Numbers the distinct words in iteration order. */
  Vocabulary(Collection<String> distinctWords) {
    int capacity = Integer.highestOneBit(Math.max(4, distinctWords.size() * 3)) * 2;
    keys = new String[capacity];
    ids = new int[capacity];
    mask = capacity - 1;
    words = distinctWords.toArray(String[]::new);
    for (int id = 0; id < words.length; id++) {
      int slot = words[id].hashCode() & mask;
      while (keys[slot] != null) {
        if (keys[slot].equals(words[id])) {
          throw new IllegalArgumentException("duplicate word " + words[id]);
        }
        slot = (slot + 1) & mask;
      }
      keys[slot] = words[id];
      ids[slot] = id;
    }
  }

  int size() {
    return words.length;
  }

  /** The id of {@code text[start, end)}, or -1 when it is not a word of the vocabulary. */
  int id(String text, int start, int end) {
    int hash = 0;
    for (int i = start; i < end; i++) {
      hash = 31 * hash + text.charAt(i);
    }
    return id(text, start, end, hash);
  }

  /** Token {@code t} of a cut text: its id, or -1. */
  int id(TextTokens tokens, int t) {
    return id(tokens.text(), tokens.start(t), tokens.end(t), tokens.hash(t));
  }

  private int id(String text, int start, int end, int hash) {
    int length = end - start;
    int slot = hash & mask;
    String key;
    while ((key = keys[slot]) != null) {
      if (key.length() == length && text.regionMatches(start, key, 0, length)) {
        return ids[slot];
      }
      slot = (slot + 1) & mask;
    }
    return -1;
  }

  /** The id of a whole word, or -1. */
  int id(String word) {
    return id(word, 0, word.length());
  }

  String word(int id) {
    return words[id];
  }
}
