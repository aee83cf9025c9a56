package io.mml.runtime.infer;

import java.util.Objects;

/**
 * What a task needs from a model, for {@link ModelSignature#checkFits(TaskFit)}.
 *
 * @param taskName the task, for messages
 * @param kind the task type
 * @param channels input channels (e.g. 3 for RGB)
 * @param height input height after preprocessing, or -1 when it varies (then not checked)
 * @param width input width after preprocessing, or -1 when it varies
 * @param numOutputs classes (classification, multilabel, segmentation) or target values
 *     (regression, usually 1)
 * @param outputName the output to use when the model has several ({@code mode.output_name}), or
 *     null
 */
public record TaskFit(String taskName, TaskKind kind, int channels, int height, int width, int numOutputs,
    String outputName) {
  public TaskFit {
    Objects.requireNonNull(taskName, "taskName");
    Objects.requireNonNull(kind, "kind");
    if (channels < 1 || numOutputs < 1) {
      throw new IllegalArgumentException("channels and numOutputs must be >= 1: " + channels + ", " + numOutputs);
    }
    if (outputName != null && outputName.isBlank()) {
      outputName = null;
    }
  }

  public static TaskFit of(String taskName, TaskKind kind, int channels, int height, int width, int numOutputs) {
    return new TaskFit(taskName, kind, channels, height, width, numOutputs, null);
  }

  /** The same needs with the output chosen by name ({@code mode.output_name}). */
  public TaskFit withOutputName(String name) {
    return new TaskFit(taskName, kind, channels, height, width, numOutputs, name);
  }

  /** Whether height and width are both known. */
  public boolean fixedSize() {
    return height > 0 && width > 0;
  }
}
