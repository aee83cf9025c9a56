package io.mml.runtime.tasks.create;

import io.mml.runtime.tasks.Folds;
import io.mml.runtime.tasks.TaskException;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The training folds of a new task: split seeded and balanced by stratum (for class-based types a
 * sample's rarest class, see {@link #rarestClass}), or given and checked to be disjoint, complete
 * and made of training sample ids only.
 */
final class FoldAssignment {
  private FoldAssignment() {}

  /**
   * {@code numFolds} folds of the training ids of the task {@code task}, seeded with {@code seed},
   * each stratum ({@code stratum} of an id) spread evenly over them; none without training samples.
   */
  static List<List<String>> balanced(String task, Collection<String> trainIds, int numFolds, long seed,
      Function<String, String> stratum) {
    if (trainIds.isEmpty()) {
      return List.of();
    }
    if (trainIds.size() < numFolds) {
      throw new TaskException("Task '" + task + "' has " + trainIds.size() + " training samples, fewer than the "
          + numFolds + " folds asked for (mode.folds)");
    }
    Map<String, String> key = new LinkedHashMap<>();
    for (String id : trainIds) {
      key.put(id, stratum.apply(id));
    }
    return Folds.balanced(key, numFolds, seed);
  }

  /**
   * The stratum of a sample of a class-based task: of the classes it holds ({@code classes}), the
   * one least frequent over the training samples ({@code trainOccurrence}; ties: the first name),
   * so rare classes are spread first. "" when it holds none.
   */
  static String rarestClass(Collection<String> classes, ToDoubleFunction<String> trainOccurrence) {
    String best = "";
    double bestOcc = Double.MAX_VALUE;
    for (String cls : classes) {
      double occ = trainOccurrence.applyAsDouble(cls);
      if (occ < bestOcc || (occ == bestOcc && cls.compareTo(best) < 0)) {
        best = cls;
        bestOcc = occ;
      }
    }
    return best;
  }

  /** {@code given} checked against the training ids of the task {@code task}, copied. */
  static List<List<String>> checked(String task, List<List<String>> given, Set<String> trainIds) {
    if (given.size() < 2) {
      throw new TaskException("Task '" + task + "': at least 2 folds are needed, got " + given.size());
    }
    Set<String> seen = new HashSet<>();
    for (int f = 0; f < given.size(); f++) {
      for (String id : given.get(f)) {
        if (!trainIds.contains(id)) {
          throw new TaskException("Task '" + task + "': fold " + f + " names '" + id + "', not a training sample");
        }
        if (!seen.add(id)) {
          throw new TaskException("Task '" + task + "': sample '" + id + "' is in more than one fold");
        }
      }
    }
    if (seen.size() != trainIds.size()) {
      throw new TaskException("Task '" + task + "': " + (trainIds.size() - seen.size())
          + " training samples are in no fold");
    }
    return given.stream().map(List::copyOf).toList();
  }
}
