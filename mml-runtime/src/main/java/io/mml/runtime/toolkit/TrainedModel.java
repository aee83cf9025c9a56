package io.mml.runtime.toolkit;

import io.mml.runtime.data.TaskDataset;
import io.mml.runtime.train.FoldTrainer;

/**
 * What a {@link TaskTrainer} produced.
 *
 * @param name the training's name for logs ({@code <task> fold <k>})
 * @param fold the fold it was trained on
 * @param model the model with the best epoch's parameters
 * @param result history, best epoch and value, timing
 * @param checkData samples to check an export on (validation, else training)
 */
public record TrainedModel(String name, int fold, TaskModel model, FoldTrainer.Result result, TaskDataset checkData) {
  /** The monitored validation value of the best epoch. */
  public double bestValue() {
    return result.bestValue();
  }
}
