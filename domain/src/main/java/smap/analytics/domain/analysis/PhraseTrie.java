package smap.analytics.domain.analysis;

import java.util.ArrayList;
import java.util.List;

/**
 * Terms of one or more words as a trie over word ids: node {@link #ROOT}, a child per next word id,
 * the term at the node where it ends. Children live in one open-addressing table keyed by (node,
 * word id), so walking it makes no objects.
 */
final class PhraseTrie {

  static final int ROOT = 0;

  // The term ending at each node (index = node), null where none ends; the root holds none.
  private final List<String> terms = new ArrayList<>(java.util.Collections.singletonList(null));
  // The number of words from the root to each node.
  private final List<Integer> depths = new ArrayList<>(List.of(0));
  private long[] keys = new long[64];
  private int[] children = new int[64];
  private int used;

  /** Adds a term spelled by word ids; a term added twice keeps its first spelling's text. */
  void add(int[] ids, String term) {
    int node = ROOT;
    for (int id : ids) {
      int child = child(node, id);
      if (child < 0) {
        child = terms.size();
        terms.add(null);
        depths.add(depths.get(node) + 1);
        put(node, id, child);
      }
      node = child;
    }
    if (terms.get(node) == null) {
      terms.set(node, term);
    }
  }

  /** The child of {@code node} for word {@code id}, or -1. */
  int child(int node, int id) {
    long key = key(node, id);
    int mask = keys.length - 1;
    for (int slot = slot(key, mask); keys[slot] != 0; slot = (slot + 1) & mask) {
      if (keys[slot] == key) {
        return children[slot];
      }
    }
    return -1;
  }

  /** The term ending at {@code node}, or null. */
  String term(int node) {
    return node == ROOT ? null : terms.get(node);
  }

  /** The number of words of the path to {@code node}. */
  int depth(int node) {
    return depths.get(node);
  }

  private void put(int node, int id, int child) {
    if ((used + 1) * 2 > keys.length) {
      long[] oldKeys = keys;
      int[] oldChildren = children;
      keys = new long[oldKeys.length * 2];
      children = new int[oldKeys.length * 2];
      used = 0;
      for (int i = 0; i < oldKeys.length; i++) {
        if (oldKeys[i] != 0) {
          insert(oldKeys[i], oldChildren[i]);
        }
      }
    }
    insert(key(node, id), child);
  }

  private void insert(long key, int child) {
    int mask = keys.length - 1;
    int slot = slot(key, mask);
    while (keys[slot] != 0) {
      slot = (slot + 1) & mask;
    }
    keys[slot] = key;
    children[slot] = child;
    used++;
  }

  // Never 0 (0 marks an empty slot): the id is stored plus one.
  private static long key(int node, int id) {
    return ((long) node << 32) | (id + 1L);
  }

  private static int slot(long key, int mask) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h >>> 40) & mask;
  }
}
