package io.mml.runtime.tasks.create;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a task type requires of its train and test samples ({@code requires}: an OR of AND-sets of
 * modalities) and whether it is class based. The built-in table stands in until a task type
 * registry is available.
 */
public interface TaskTypeRules {
  /** The known task types. */
  Set<String> types();

  /** The alternatives of modality sets a labelled sample must hold (any one suffices). */
  List<Set<String>> requires(String type);

  /** Whether the type has classes (needs at least two, each with a sample). */
  boolean classBased(String type);

  /** The built-in task types. */
  static TaskTypeRules builtin() {
    Map<String, List<Set<String>>> req = Map.of(
        "classification", List.of(Set.of("image", "class")),
        "semantic_segmentation", List.of(Set.of("image", "mask")),
        "multilabel_classification", List.of(Set.of("image", "classes"), Set.of("image", "soft_classes")),
        "regression", List.of(Set.of("image", "value")),
        "no_task", List.of(Set.of("image")));
    Set<String> classBased = Set.of("classification", "semantic_segmentation", "multilabel_classification");
    return new TaskTypeRules() {
      @Override
      public Set<String> types() {
        return new java.util.TreeSet<>(req.keySet());
      }

      @Override
      public List<Set<String>> requires(String type) {
        return req.getOrDefault(type, List.of());
      }

      @Override
      public boolean classBased(String type) {
        return classBased.contains(type);
      }
    };
  }
}
