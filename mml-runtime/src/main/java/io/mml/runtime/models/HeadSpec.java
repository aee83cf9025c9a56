package io.mml.runtime.models;

import ai.djl.ndarray.types.Shape;
import java.util.regex.Pattern;

/**
 * An exportable head: the layers applied to the backbone's features for one task.
 *
 * @param task the task name (the ONNX output is {@code logits_<task>}), or null for the single
 *     head of a one-task model (ONNX output {@code output})
 * @param layer the head's layers
 */
public record HeadSpec(String task, Layer layer) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.\\-]+");

  public HeadSpec {
    if (task != null && !NAME.matcher(task).matches()) {
      throw new IllegalArgumentException("Head task name must match " + NAME + ": '" + task + "'");
    }
  }

  /** Classification, multi-label classification and regression: {@code Linear(numOutputs)} on flat features. */
  public static HeadSpec linear(String task, int numOutputs) {
    return new HeadSpec(task, Layer.Linear.of(numOutputs));
  }

  /** Segmentation: a 1x1 convolution with bias to {@code numOutputs} class maps on spatial features. */
  public static HeadSpec conv1x1(String task, int numOutputs) {
    return new HeadSpec(task, new Layer.Conv2d(numOutputs, 1, 1, 0, 1, true));
  }

  /** The name of this head's ONNX output. */
  public String outputName() {
    return task == null ? "output" : "logits_" + task;
  }

  /** Per-sample output shape on the given features. */
  public Shape outputShape(Shape features) {
    return layer.outputShape(features);
  }
}
