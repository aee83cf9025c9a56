package io.mml.runtime.tasktype;

/** Fake of the runtime SPI. */
public interface TaskTypeProvider {
  /** The declared task type. */
  TaskType taskType();
}
