package io.mml.plugins.similarity;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which (source, target) distances a run computes, as mml's task-distance schedulers do: with a
 * pivot only the pairs into the pivot; else for a symmetric measure each unordered pair once
 * (mirrored into the table), for an asymmetric one every ordered pair.
 */
public final class TaskPairs {
  private TaskPairs() {}

  /** One distance to compute. */
  public record Pair(String source, String target) {}

  /** The pairs to compute for {@code tasks} (each task once, the pivot among them when set). */
  public static List<Pair> plan(List<String> tasks, Optional<String> pivot, boolean symmetric) {
    List<Pair> out = new ArrayList<>();
    if (pivot.isPresent()) {
      for (String t : tasks) {
        if (!t.equals(pivot.get())) {
          out.add(new Pair(t, pivot.get()));
        }
      }
      return out;
    }
    for (int i = 0; i < tasks.size(); i++) {
      for (int j = symmetric ? i + 1 : 0; j < tasks.size(); j++) {
        if (i != j) {
          out.add(new Pair(tasks.get(i), tasks.get(j)));
        }
      }
    }
    return out;
  }
}
