package io.mml.runtime.tasks.create;

import java.util.List;
import java.util.Set;

/**
 * What a task type requires of its train and test samples ({@code requires}: an OR of AND-sets of
 * modalities) and whether it is class based, from the task type registry.
 */
public interface TaskTypeRules {
  /** The known task types. */
  Set<String> types();

  /** The alternatives of modality sets a labelled sample must hold (any one suffices). */
  List<Set<String>> requires(String type);

  /** Whether the type has classes (needs at least two, each with a sample). */
  boolean classBased(String type);

  /** The registered task types ({@code @TaskTypeDef} on the class path, built-ins and plugins). */
  static TaskTypeRules builtin() {
    io.mml.runtime.tasktype.TaskTypes registry = io.mml.runtime.tasktype.TaskTypes.defaults();
    Set<String> classTargets = Set.of("class", "classes", "soft_classes", "mask");
    return new TaskTypeRules() {
      @Override
      public Set<String> types() {
        return new java.util.TreeSet<>(registry.ids());
      }

      @Override
      public List<Set<String>> requires(String type) {
        return registry.find(type).map(io.mml.runtime.tasktype.TaskType::requires).orElse(List.of());
      }

      @Override
      public boolean classBased(String type) {
        return registry.find(type).map(t -> t.target() != null && classTargets.contains(t.target())).orElse(false);
      }
    };
  }
}
