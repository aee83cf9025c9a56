package io.mml.processor.validate;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Name rules and "did you mean" helpers shared by the validators. */
public final class Names {
  /** Mode ids, subroutine names and param keys. */
  public static final Pattern IDENTIFIER = Pattern.compile("[a-z][a-z0-9_]*");
  /** Each side of a {@code group=option} default. */
  public static final Pattern GROUP_PART = Pattern.compile("[a-z][a-z0-9_/]*");

  private Names() {}

  /** {@code varOne -> var_one}, {@code myURLPath -> my_url_path}. */
  public static String snakeCase(String name) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isUpperCase(c)) {
        boolean prevLowerOrDigit = i > 0 && (Character.isLowerCase(name.charAt(i - 1)) || Character.isDigit(name.charAt(i - 1)));
        boolean acronymEnd = i > 0 && Character.isUpperCase(name.charAt(i - 1))
            && i + 1 < name.length() && Character.isLowerCase(name.charAt(i + 1));
        if (prevLowerOrDigit || acronymEnd) {
          out.append('_');
        }
        out.append(Character.toLowerCase(c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** A best-effort valid identifier for a fix hint ({@code My-Mode -> my_mode}). */
  public static String suggestIdentifier(String raw) {
    String s = snakeCase(raw).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    s = s.replaceAll("^[^a-z]+", "");
    return s.isEmpty() ? "name" : s;
  }

  /** The closest candidate within edit distance 2 (case-insensitive), if any. */
  public static Optional<String> closest(String input, Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String c : candidates) {
      int d = distance(input.toLowerCase(Locale.ROOT), c.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        bestDistance = d;
        best = c;
      }
    }
    return bestDistance <= 2 ? Optional.ofNullable(best) : Optional.empty();
  }

  static int distance(String a, String b) {
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
