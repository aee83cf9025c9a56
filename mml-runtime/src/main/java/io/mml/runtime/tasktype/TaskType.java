package io.mml.runtime.tasktype;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A registered task type.
 *
 * @param id the id used in task descriptions
 * @param requires alternatives of modality sets (OR of AND-sets)
 * @param setTargets per required set (same order), its target modality; null entries or an empty
 *     list mean {@code target}
 * @param target the target modality, or null
 * @param route the config route of its loss and metrics groups
 * @param trainable whether models can be trained on it
 * @param head builds the head (null when not trainable)
 * @param loss builds the loss (null when not trainable)
 * @param metrics builds the metrics (empty when not trainable)
 * @param description one line for docs
 */
public record TaskType(String id, List<Set<String>> requires, List<String> setTargets, String target, String route, boolean trainable,
    Supplier<TaskHead> head, Supplier<TaskLoss> loss, List<Supplier<TaskMetric>> metrics, String description) {
  public TaskType {
    requires = requires.stream().map(Set::copyOf).toList();
    setTargets = setTargets == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(setTargets));
    metrics = List.copyOf(metrics);
  }

  /**
   * The target modality of a task with these modalities: that of the first required set they
   * satisfy (e.g. {@code soft_classes} when {@code classes} is absent), else {@link #target()}.
   */
  public String targetFor(Set<String> modalities) {
    for (int i = 0; i < requires.size(); i++) {
      if (modalities.containsAll(requires.get(i))) {
        String t = i < setTargets.size() ? setTargets.get(i) : null;
        return t == null ? target : t;
      }
    }
    return target;
  }

  /** Whether a sample with these modalities satisfies one of the required sets. */
  public boolean satisfiedBy(Set<String> modalities) {
    return requires.isEmpty() || requires.stream().anyMatch(modalities::containsAll);
  }
}
