package io.mml.runtime.tasktype.builtin;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import io.mml.runtime.tasktype.TaskHead;

/** A 1x1 convolution on a decoder's feature map: per-pixel logits, {@code (N, C, H, W)}. */
public final class SegmentationHead implements TaskHead {
  @Override
  public Block build(int numOutputs) {
    if (numOutputs < 1) {
      throw new IllegalArgumentException("a head needs at least one output; got " + numOutputs);
    }
    return Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(numOutputs).build();
  }
}
