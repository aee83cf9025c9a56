package io.mml.runtime.tasktype;

import ai.djl.nn.Block;

/** Builds the output layer of a task type on top of a backbone's features. */
public interface TaskHead {
  /**
   * The head block.
   *
   * @param numOutputs outputs per sample (classes; 1 for a regression value)
   */
  Block build(int numOutputs);
}
