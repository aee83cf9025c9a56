package io.mml.runtime.tasks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A complete task description: the header plus the samples. Sample entries map a modality to its
 * value (an image or mask path relative to the dataset folder, a class index, a list, a number).
 *
 * @param header the header
 * @param trainFolds sample ids of each training fold
 * @param trainSamples training samples by id (all folds)
 * @param testSamples test samples by id
 * @param unlabelledSamples unlabelled samples by id
 */
public record TaskDescription(
    TaskHeader header,
    List<List<String>> trainFolds,
    Map<String, Map<String, Object>> trainSamples,
    Map<String, Map<String, Object>> testSamples,
    Map<String, Map<String, Object>> unlabelledSamples) {

  /** Copies everything into immutable, order-preserving collections. */
  public TaskDescription {
    Objects.requireNonNull(header, "header");
    List<List<String>> folds = new ArrayList<>();
    for (List<String> f : trainFolds == null ? List.<List<String>>of() : trainFolds) {
      folds.add(List.copyOf(f));
    }
    trainFolds = List.copyOf(folds);
    trainSamples = copy(trainSamples);
    testSamples = copy(testSamples);
    unlabelledSamples = copy(unlabelledSamples);
  }

  private static Map<String, Map<String, Object>> copy(Map<String, Map<String, Object>> samples) {
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    if (samples != null) {
      samples.forEach((id, entry) -> out.put(id, Collections.unmodifiableMap(new LinkedHashMap<>(entry))));
    }
    return Collections.unmodifiableMap(out);
  }

  /** The same samples with another header (e.g. after recomputing statistics). */
  public TaskDescription withHeader(TaskHeader newHeader) {
    return new TaskDescription(newHeader, trainFolds, trainSamples, testSamples, unlabelledSamples);
  }

  /** The number of training samples over all folds, or the unlabelled count when there are no folds. */
  public int countTrainSamples() {
    int n = trainFolds.stream().mapToInt(List::size).sum();
    return trainFolds.isEmpty() ? unlabelledSamples.size() : n;
  }

  /** The training sample ids outside fold {@code fold} (train split of that fold). */
  public List<String> trainIds(int fold) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < trainFolds.size(); i++) {
      if (i != fold) {
        out.addAll(trainFolds.get(i));
      }
    }
    return out;
  }

  /** The sample ids of fold {@code fold} (validation split); empty when out of range. */
  public List<String> valIds(int fold) {
    return fold >= 0 && fold < trainFolds.size() ? trainFolds.get(fold) : List.of();
  }
}
