package io.mml.runtime.tasktype;

import ai.djl.training.loss.Loss;
import io.mml.runtime.config.Config;
import io.mml.runtime.tasks.TaskHeader;

/** Builds the training loss of a task type. */
public interface TaskLoss {
  /**
   * The loss for one task.
   *
   * @param task the task's header (class occurrences for class weights)
   * @param settings the chosen option of the route's {@code loss} group
   */
  Loss build(TaskHeader task, Config settings);
}
