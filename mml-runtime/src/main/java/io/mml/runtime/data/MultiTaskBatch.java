package io.mml.runtime.data;

import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.Optional;

/**
 * One training step's data for several tasks: one {@link TaskBatch} per task, in the order the
 * data sets were given (tasks may have different image sizes, target kinds and class counts, so
 * they are not concatenated). Closing it frees its arrays.
 *
 * @param parts one sub-batch per task
 * @param manager the manager owning the arrays
 */
public record MultiTaskBatch(List<TaskBatch> parts, NDManager manager) implements AutoCloseable {
  /** The task names, in order. */
  public List<String> tasks() {
    return parts.stream().map(TaskBatch::task).toList();
  }

  /** The sub-batch of a task. */
  public Optional<TaskBatch> part(String task) {
    return parts.stream().filter(p -> p.task().equals(task)).findFirst();
  }

  /** The total number of samples. */
  public int size() {
    return parts.stream().mapToInt(TaskBatch::size).sum();
  }

  @Override
  public void close() {
    manager.close();
  }
}
