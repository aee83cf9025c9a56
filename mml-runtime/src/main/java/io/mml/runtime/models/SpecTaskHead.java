package io.mml.runtime.models;

import ai.djl.nn.Block;
import io.mml.runtime.tasktype.TaskHead;

/**
 * A {@link TaskHead} defined by an exportable {@link HeadSpec}: task types return one of these
 * (e.g. {@code SpecTaskHead.linear()} for cls/mlcls/reg, {@code SpecTaskHead.conv1x1()} for seg) so
 * that the head is part of the {@link ModelSpec} and written to ONNX with the backbone. A plain
 * {@link TaskHead} (an opaque DJL block) cannot be exported; {@link #specOf} rejects it.
 */
@FunctionalInterface
public interface SpecTaskHead extends TaskHead {
  /** The head of one task with {@code numOutputs} outputs per sample (per pixel for dense heads). */
  HeadSpec spec(String task, int numOutputs);

  /** The DJL block of this head alone (same as the head inside {@link SpecToDjl#build(ModelSpec)}). */
  @Override
  default Block build(int numOutputs) {
    return SpecToDjl.build(spec(null, numOutputs).layer());
  }

  /** Whether the head needs spatial backbone features {@code (C, h, w)}. */
  default boolean dense() {
    return false;
  }

  /** {@code Linear(numOutputs)} on flat features: classification, multi-label, regression. */
  static SpecTaskHead linear() {
    return HeadSpec::linear;
  }

  /** A 1x1 convolution to {@code numOutputs} maps on spatial features: segmentation. */
  static SpecTaskHead conv1x1() {
    return new SpecTaskHead() {
      @Override
      public HeadSpec spec(String task, int numOutputs) {
        return HeadSpec.conv1x1(task, numOutputs);
      }

      @Override
      public boolean dense() {
        return true;
      }
    };
  }

  /** The exportable spec of a task type's head; fails for heads that are opaque DJL blocks. */
  static HeadSpec specOf(TaskHead head, String task, int numOutputs) {
    if (head instanceof SpecTaskHead s) {
      return s.spec(task, numOutputs);
    }
    throw new IllegalArgumentException("The head of task '" + task + "' (" + head.getClass().getName()
        + ") is not a SpecTaskHead and cannot be exported to ONNX");
  }
}
