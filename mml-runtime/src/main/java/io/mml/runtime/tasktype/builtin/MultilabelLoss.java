package io.mml.runtime.tasktype.builtin;

import ai.djl.training.loss.Loss;
import ai.djl.training.loss.SigmoidBinaryCrossEntropyLoss;
import io.mml.runtime.config.Config;
import io.mml.runtime.tasks.TaskHeader;
import io.mml.runtime.tasktype.TaskLoss;

/** Binary cross entropy per class on logits; targets are multi-hot (or soft) vectors. */
public final class MultilabelLoss implements TaskLoss {
  @Override
  public Loss build(TaskHeader task, Config settings) {
    return new SigmoidBinaryCrossEntropyLoss("bce");
  }
}
