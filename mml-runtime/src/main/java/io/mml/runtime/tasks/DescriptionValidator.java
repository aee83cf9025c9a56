package io.mml.runtime.tasks;

import static io.mml.runtime.tasks.DescriptionErrors.error;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The rules every task description obeys, across its keys: a valid task name, {@code num_folds}
 * and {@code num_samples} matching the body, sample ids unique over all splits, sample paths
 * inside the dataset folder ({@link SamplePaths}), and folds that are disjoint and cover exactly
 * the training samples. Checked before a description is written and after it is read.
 */
final class DescriptionValidator {
  private DescriptionValidator() {}

  /** Checks {@code d}; {@code where} names the file in errors. */
  static void validate(TaskDescription d, String where) {
    TaskHeader h = d.header();
    if (!TaskNames.isValidName(h.name())) {
      throw error(where, "name", "'" + h.name() + "' is not a valid task name: " + TaskNames.problem(h.name()));
    }
    if (h.numFolds() != d.trainFolds().size()) {
      throw error(where, "num_folds", "is " + h.numFolds() + " but train_folds has " + d.trainFolds().size()
          + " folds");
    }
    if (h.numSamples() != d.countTrainSamples()) {
      throw error(where, "num_samples", "is " + h.numSamples() + " but the description has " + d.countTrainSamples()
          + " training samples");
    }
    Map<String, String> splitOf = new HashMap<>();
    checkSamples(d.trainSamples(), "train_samples", where, splitOf);
    checkSamples(d.testSamples(), "test_samples", where, splitOf);
    checkSamples(d.unlabelledSamples(), "unlabelled_samples", where, splitOf);
    checkFolds(d, where);
  }

  private static void checkSamples(Map<String, Map<String, Object>> samples, String split, String where,
      Map<String, String> splitOf) {
    for (Map.Entry<String, Map<String, Object>> s : samples.entrySet()) {
      String other = splitOf.putIfAbsent(s.getKey(), split);
      if (other != null) {
        throw error(where, split, "duplicate sample id '" + s.getKey() + "' (already in " + other
            + "); sample ids must be unique");
      }
      for (Map.Entry<String, Object> e : s.getValue().entrySet()) {
        if (!TaskDescriptions.PATH_MODALITIES.contains(e.getKey())) {
          continue;
        }
        String at = split + "." + s.getKey() + "." + e.getKey();
        if (!(e.getValue() instanceof String path)) {
          throw error(where, at, "must be a path (string) relative to the dataset folder, found "
              + (e.getValue() == null ? "null" : e.getValue().getClass().getSimpleName()));
        }
        if (e.getKey().equals("mask") && path.equals(TaskDescriptions.EMPTY_MASK)) {
          continue;
        }
        String problem = SamplePaths.problem(path);
        if (problem != null) {
          throw error(where, at, "path '" + path + "' " + problem);
        }
      }
    }
  }

  private static void checkFolds(TaskDescription d, String where) {
    Map<String, Integer> foldOf = new HashMap<>();
    for (int f = 0; f < d.trainFolds().size(); f++) {
      for (String id : d.trainFolds().get(f)) {
        if (!d.trainSamples().containsKey(id)) {
          throw error(where, "train_folds[" + f + "]", "sample id '" + id + "' is not in train_samples");
        }
        Integer other = foldOf.putIfAbsent(id, f);
        if (other != null) {
          throw error(where, "train_folds", "sample id '" + id + "' is in folds " + other + " and " + f
              + "; folds must be disjoint");
        }
      }
    }
    if (!d.trainFolds().isEmpty() && foldOf.size() != d.trainSamples().size()) {
      Set<String> missing = new LinkedHashSet<>(d.trainSamples().keySet());
      missing.removeAll(foldOf.keySet());
      throw error(where, "train_folds", missing.size() + " training sample(s) are in no fold, e.g. '"
          + missing.iterator().next() + "'");
    }
  }
}
