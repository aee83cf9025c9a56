package io.mml.runtime.toolkit;

import io.mml.runtime.config.Config;
import io.mml.runtime.data.TaskDataset;
import io.mml.runtime.tasks.TaskException;
import io.mml.runtime.train.FoldTrainer;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Trains a model on a task's fold with the framework's training loop and the composed
 * {@code trainer}, {@code optimizer} and {@code lr_scheduler} config: best epoch by the monitored
 * validation value, early stopping, resumable checkpoints (a continued run resumes where it was
 * killed), progress bar and epoch log. The train mode trains through this class too.
 */
public final class TaskTrainer {
  private final TaskModel model;
  private final DataModule data;
  private final Config config;
  private final Path checkpointDir;
  private final long seed;
  private final FoldTrainer.Hook beforeTraining;

  /**
   * @param model the model to train (a trained one is trained further only through
   *     {@code beforeTraining}; its spec is what counts)
   * @param data the task's data of the fold
   * @param config the composed run config
   * @param checkpointDir where this training's checkpoints go (keep it stable across continue)
   * @param seed the training's seed (weights, data order, augmentation)
   * @param beforeTraining runs on the initialised block of a fresh training (e.g. load weights)
   */
  public TaskTrainer(TaskModel model, DataModule data, Config config, Path checkpointDir, long seed,
      FoldTrainer.Hook beforeTraining) {
    this.model = model;
    this.data = data;
    this.config = config;
    this.checkpointDir = checkpointDir;
    this.seed = seed;
    this.beforeTraining = beforeTraining;
  }

  /** A name for logs: {@code <task> fold <k>}. */
  public String name() {
    return model.task().name() + " fold " + data.fold();
  }

  /** Trains (or resumes) and returns the model with the best epoch's parameters and the history. */
  public TrainedModel fit() throws IOException {
    TaskDataset train = data.train();
    TaskDataset val = data.val();
    requireSamples(train, data.fold());
    var s = model.setup();
    FoldTrainer.Job job = new FoldTrainer.Job(name(), s.spec(), s.kind(), s.loss(), s.metrics(), train, val, config,
        checkpointDir, seed, beforeTraining);
    FoldTrainer.Result result = FoldTrainer.train(job);
    return new TrainedModel(name(), data.fold(), model.withParams(result.bestParams()), result,
        val.size() > 0 ? val : train);
  }

  /** A clear error naming the task and the fix when a training split is empty. */
  public static void requireSamples(TaskDataset train, int fold) throws TaskException {
    if (train.size() == 0) {
      throw new TaskException("Task " + train.task().name() + " has no training samples outside fold " + fold
          + "; it cannot be trained. Check its folds (mml info task_list=[" + train.task().name() + "]).");
    }
  }
}
