package io.mml.runtime.tasktype;

/** Generated for every {@code @TaskTypeDef} and found with ServiceLoader. */
public interface TaskTypeProvider {
  /** The declared task type. */
  TaskType taskType();
}
