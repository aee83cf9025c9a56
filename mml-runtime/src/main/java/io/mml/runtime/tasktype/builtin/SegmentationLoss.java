package io.mml.runtime.tasktype.builtin;

import ai.djl.training.loss.Loss;
import io.mml.runtime.config.Config;
import io.mml.runtime.tasks.TaskHeader;
import io.mml.runtime.tasktype.TaskLoss;

/** {@code ce_weight · CE + dice_weight · (1 − soft Dice)} on per-pixel logits (see {@link DiceCeLoss}). */
public final class SegmentationLoss implements TaskLoss {
  /** Weight of the cross-entropy term. */
  public static final String SETTING_CE_WEIGHT = "1.0";
  /** Weight of the Dice term. */
  public static final String SETTING_DICE_WEIGHT = "1.0";
  /** Added to numerator and denominator of each class's Dice (keeps empty classes defined). */
  public static final String SETTING_SMOOTH = "1.0";

  @Override
  public Loss build(TaskHeader task, Config settings) {
    return new DiceCeLoss("dice_ce", (float) Settings.number(settings, "ce_weight", "seg", 1.0),
        (float) Settings.number(settings, "dice_weight", "seg", 1.0),
        (float) Settings.number(settings, "smooth", "seg", 1.0));
  }
}
