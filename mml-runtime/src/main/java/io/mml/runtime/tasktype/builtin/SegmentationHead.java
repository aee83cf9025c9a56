package io.mml.runtime.tasktype.builtin;

import io.mml.runtime.models.HeadSpec;
import io.mml.runtime.models.SpecTaskHead;

/**
 * A 1x1 convolution on the backbone's spatial feature map: per-pixel logits {@code (N, C, h, w)}.
 * Defined as a spec so it is exported to ONNX with the backbone.
 */
public final class SegmentationHead implements SpecTaskHead {
  @Override
  public HeadSpec spec(String task, int numOutputs) {
    if (numOutputs < 1) {
      throw new IllegalArgumentException("a head needs at least one output; got " + numOutputs);
    }
    return HeadSpec.conv1x1(task, numOutputs);
  }

  @Override
  public boolean dense() {
    return true;
  }
}
