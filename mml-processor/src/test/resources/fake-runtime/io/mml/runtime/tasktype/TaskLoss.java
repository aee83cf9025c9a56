package io.mml.runtime.tasktype;

/** Fake of the runtime SPI (without DJL). */
public interface TaskLoss {
  /** The loss. */
  Object build(Object task, Object settings);
}
