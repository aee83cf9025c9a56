package io.mml.runtime.infer;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The task types inference knows how to read model outputs for. */
public enum TaskKind {
  /** One class per sample: output [N, C] logits, scores by softmax. */
  CLASSIFICATION("classification"),
  /** Any number of classes per sample: output [N, C] logits, scores by sigmoid. */
  MULTILABEL("multilabel_classification"),
  /** One class per pixel: output [N, C, H, W] logits, masks by argmax. */
  SEGMENTATION("semantic_segmentation"),
  /** Real values: output [N] or [N, K], used as they are. */
  REGRESSION("regression");

  private final String id;

  TaskKind(String id) {
    this.id = id;
  }

  /** The task type id used in task descriptions. */
  public String id() {
    return id;
  }

  /** The kind for a task type id; a clear error for ids inference does not handle (e.g. no_task). */
  public static TaskKind fromId(String id) {
    for (TaskKind k : values()) {
      if (k.id.equals(id)) {
        return k;
      }
    }
    throw new InferException("Task type '" + id + "' has no model outputs to predict; inference handles "
        + Arrays.stream(values()).map(TaskKind::id).collect(Collectors.joining(", ")));
  }

  @Override
  public String toString() {
    return id.toLowerCase(Locale.ROOT);
  }
}
