package io.mml.runtime.tasktype.builtin;

import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import io.mml.runtime.tasktype.TaskHead;

/** A fully connected layer on pooled backbone features: logits per class, or one regression value. */
public final class LinearHead implements TaskHead {
  @Override
  public Block build(int numOutputs) {
    if (numOutputs < 1) {
      throw new IllegalArgumentException("a head needs at least one output; got " + numOutputs);
    }
    return Linear.builder().setUnits(numOutputs).build();
  }
}
