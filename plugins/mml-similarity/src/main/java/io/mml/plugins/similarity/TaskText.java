package io.mml.plugins.similarity;

import io.mml.runtime.tasks.TaskHeader;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The words that describe a task, for the {@code semantic} distance: its keywords (whole and split
 * into words), the words of its description and its class names, lower case, without short and
 * stop words. The task type is left out: most tasks share it.
 */
public final class TaskText {
  private static final Set<String> STOP = Set.of("the", "and", "for", "with", "from", "into", "are", "was", "were",
      "this", "that", "these", "those", "its", "their", "of", "on", "in", "or", "to", "by", "an", "as", "at", "is",
      "be", "versus", "vs");

  private TaskText() {}

  /** The words of a task header. */
  public static Set<String> words(TaskHeader header) {
    Set<String> out = new TreeSet<>();
    for (String k : header.keywords()) {
      String kw = k.trim().toLowerCase(Locale.ROOT);
      if (!kw.isEmpty()) {
        out.add(kw);
      }
      addWords(k, out);
    }
    addWords(header.description(), out);
    header.classNames().forEach(c -> addWords(c, out));
    return out;
  }

  private static void addWords(String text, Set<String> out) {
    for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
      if (w.length() >= 3 && !STOP.contains(w)) {
        out.add(w);
      }
    }
  }

  /** {@code 1 - |a ∩ b| / |a ∪ b|}: 0 for equal word sets, 1 for disjoint ones (and for two empty ones: nothing in common). */
  public static double jaccardDistance(Set<String> a, Set<String> b) {
    if (a.isEmpty() && b.isEmpty()) {
      return 1;
    }
    Set<String> inter = new TreeSet<>(a);
    inter.retainAll(b);
    Set<String> union = new TreeSet<>(a);
    union.addAll(b);
    return 1 - (double) inter.size() / union.size();
  }
}
