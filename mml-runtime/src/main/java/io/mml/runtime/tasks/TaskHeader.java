package io.mml.runtime.tasks;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The header of a task description: everything a run needs to know about a task without reading
 * its samples. Written first in the description JSON so it can be read by streaming.
 *
 * @param name the task name (the file is {@code TASK_<name>.json})
 * @param taskType classification, multilabel_classification, semantic_segmentation, regression or no_task
 * @param keywords descriptive tags
 * @param modalities modality to the file suffixes seen for it (empty for non-file modalities)
 * @param means per-channel means of the training images, in [0, 1]
 * @param stds per-channel standard deviations of the training images
 * @param sizes {@code [minHeight, maxHeight, minWidth, maxWidth]}
 * @param idxToClass class index to class name (may be non-contiguous or many-to-one)
 * @param classOcc class name to number of training occurrences
 * @param numFolds number of training folds
 * @param numSamples number of training samples over all folds (unlabelled count when there are no folds)
 * @param description free text
 * @param license license identifier
 * @param release release (year or version) of the data
 * @param reference how to cite the data
 * @param url where the data comes from
 * @param creationProtocol log of how the task was created
 */
public record TaskHeader(
    String name,
    String taskType,
    List<String> keywords,
    Map<String, List<String>> modalities,
    List<Double> means,
    List<Double> stds,
    List<Integer> sizes,
    SortedMap<Integer, String> idxToClass,
    Map<String, Long> classOcc,
    int numFolds,
    int numSamples,
    String description,
    String license,
    String release,
    String reference,
    String url,
    String creationProtocol) {


  /** Copies every collection (immutable) and replaces null texts by "". */
  public TaskHeader {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(taskType, "taskType");
    keywords = List.copyOf(keywords == null ? List.of() : keywords);
    Map<String, List<String>> mods = new LinkedHashMap<>();
    if (modalities != null) {
      modalities.forEach((k, v) -> mods.put(k, List.copyOf(v)));
    }
    modalities = Collections.unmodifiableMap(mods);
    means = List.copyOf(means == null ? List.of() : means);
    stds = List.copyOf(stds == null ? List.of() : stds);
    sizes = List.copyOf(sizes == null ? List.of() : sizes);
    idxToClass = Collections.unmodifiableSortedMap(new TreeMap<>(idxToClass == null ? Map.of() : idxToClass));
    classOcc = Collections.unmodifiableMap(new LinkedHashMap<>(classOcc == null ? Map.of() : classOcc));
    description = description == null ? "" : description;
    license = license == null ? "" : license;
    release = release == null ? "" : release;
    reference = reference == null ? "" : reference;
    url = url == null ? "" : url;
    creationProtocol = creationProtocol == null ? "" : creationProtocol;
  }

  /** The number of distinct class names. */
  public int numClasses() {
    return (int) idxToClass.values().stream().distinct().count();
  }

  /** The class names in index order, without duplicates. */
  public List<String> classNames() {
    return idxToClass.values().stream().distinct().toList();
  }

  /** A copy with another name (used by tags and variants). */
  public TaskHeader withName(String newName) {
    return new TaskHeader(newName, taskType, keywords, modalities, means, stds, sizes, idxToClass, classOcc, numFolds,
        numSamples, description, license, release, reference, url, creationProtocol);
  }
}
