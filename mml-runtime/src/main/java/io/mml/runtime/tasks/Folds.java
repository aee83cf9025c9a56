package io.mml.runtime.tasks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/** Seeded, class-balanced splitting of training samples into folds. */
public final class Folds {
  private Folds() {}

  /**
   * Splits the samples into {@code numFolds} folds such that every class is spread as evenly as
   * possible over the folds (per-class counts differ by at most one) and fold sizes differ by at
   * most one. Deterministic for a given input order and seed.
   *
   * @param classOf sample id to class (in a stable order, e.g. insertion order)
   */
  public static <C extends Comparable<C>> List<List<String>> balanced(Map<String, C> classOf, int numFolds, long seed) {
    if (numFolds < 1) {
      throw new IllegalArgumentException("numFolds must be at least 1, got " + numFolds);
    }
    Map<C, List<String>> byClass = new TreeMap<>();
    classOf.forEach((id, c) -> byClass.computeIfAbsent(c, k -> new ArrayList<>()).add(id));
    Random rng = new Random(seed);
    List<List<String>> folds = new ArrayList<>();
    for (int i = 0; i < numFolds; i++) {
      folds.add(new ArrayList<>());
    }
    int next = 0; // continue dealing where the previous class stopped, so fold sizes stay balanced too
    for (List<String> ids : byClass.values()) {
      Collections.shuffle(ids, rng);
      for (String id : ids) {
        folds.get(next).add(id);
        next = (next + 1) % numFolds;
      }
    }
    for (List<String> f : folds) {
      Collections.shuffle(f, rng);
    }
    return folds;
  }
}
