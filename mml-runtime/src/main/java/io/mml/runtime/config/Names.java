package io.mml.runtime.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** "Did you mean" support: the valid names closest to a wrong one, by edit distance. */
public final class Names {
  private Names() {}

  /** Up to three candidates within a distance that scales with the name's length, closest first. */
  public static List<String> closest(String wrong, Iterable<String> candidates) {
    int limit = Math.max(2, wrong.length() / 3);
    List<String[]> scored = new ArrayList<>();
    for (String c : candidates) {
      int d = distance(wrong, c);
      if (d <= limit || (!wrong.isEmpty() && (c.startsWith(wrong) || wrong.startsWith(c)) && !c.isEmpty())) {
        scored.add(new String[] {c, Integer.toString(d)});
      }
    }
    scored.sort(Comparator.<String[]>comparingInt(s -> Integer.parseInt(s[1])).thenComparing(s -> s[0]));
    List<String> out = new ArrayList<>();
    for (int i = 0; i < Math.min(3, scored.size()); i++) {
      out.add(scored.get(i)[0]);
    }
    return out;
  }

  /** Levenshtein distance. */
  public static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
