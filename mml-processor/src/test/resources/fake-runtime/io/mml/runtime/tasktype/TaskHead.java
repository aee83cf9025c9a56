package io.mml.runtime.tasktype;

/** Fake of the runtime SPI (without DJL). */
public interface TaskHead {
  /** The head block. */
  Object build(int numOutputs);
}
