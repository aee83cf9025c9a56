package io.mml.runtime.tasktype.builtin;

import io.mml.runtime.models.HeadSpec;
import io.mml.runtime.models.SpecTaskHead;

/**
 * A fully connected layer on pooled backbone features: logits per class, or one regression value.
 * Defined as a spec so it is exported to ONNX with the backbone.
 */
public final class LinearHead implements SpecTaskHead {
  @Override
  public HeadSpec spec(String task, int numOutputs) {
    if (numOutputs < 1) {
      throw new IllegalArgumentException("a head needs at least one output; got " + numOutputs);
    }
    return HeadSpec.linear(task, numOutputs);
  }
}
