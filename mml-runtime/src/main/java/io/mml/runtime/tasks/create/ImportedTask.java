package io.mml.runtime.tasks.create;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What an importer found.
 *
 * @param type the task type
 * @param idxToClass class index to name (empty for regression and no_task)
 * @param train training samples
 * @param test test samples
 * @param unlabelled unlabelled samples
 * @param description a line for the task description
 */
public record ImportedTask(String type, SortedMap<Integer, String> idxToClass, List<Sample> train, List<Sample> test,
    List<Sample> unlabelled, String description) {
  public ImportedTask {
    idxToClass = new TreeMap<>(idxToClass == null ? java.util.Map.of() : idxToClass);
    train = List.copyOf(train);
    test = List.copyOf(test);
    unlabelled = List.copyOf(unlabelled);
    description = description == null ? "" : description;
  }
}
