package io.mml.runtime.tasks;

import java.util.List;
import java.util.Map;

/**
 * The header of a task description: everything a run needs to know about a task without reading
 * its samples. Written first in the description JSON so it can be read by streaming.
 * (Placeholder shape; the tasks package owns the final one.)
 */
public record TaskHeader(
    String name,
    String taskType,
    List<String> keywords,
    Map<String, String> modalities,
    List<Double> means,
    List<Double> stds,
    List<Integer> sizes,
    Map<Integer, String> idxToClass,
    Map<String, Long> classOcc,
    int numFolds,
    int numSamples,
    String description,
    String license) {

  /** The number of distinct class names. */
  public int numClasses() {
    return (int) idxToClass.values().stream().distinct().count();
  }
}
