package io.mml.runtime.tasktype.builtin;

import io.mml.runtime.tasktype.NamedMetric;
import io.mml.runtime.tasktype.Predictions;

/**
 * The metrics of semantic segmentation, on one row per pixel (class probabilities, target class),
 * pooled over all images of the evaluation. Macro over the classes present in targets or
 * predictions. Pixels whose target is not a class index (255, the documented ignore value and the
 * padding of resize steps) count nowhere, as in {@link DiceCeLoss}.
 */
public final class SegmentationMetrics {
  private SegmentationMetrics() {}

  /** Macro Dice: the mean of per-class {@code 2TP / (2TP + FP + FN)}. */
  public static final class Dice extends NamedMetric {
    public static final String NAME = "dice";

    public Dice() {
      super(NAME, true);
    }

    @Override
    public double compute(Predictions p) {
      return Stats.confusion(p, true).macro((tp, fp, fn) -> Stats.ratio(2 * tp, 2 * tp + fp + fn));
    }
  }

  /** Macro intersection over union: the mean of per-class {@code TP / (TP + FP + FN)}. */
  public static final class Iou extends NamedMetric {
    public static final String NAME = "iou";

    public Iou() {
      super(NAME, true);
    }

    @Override
    public double compute(Predictions p) {
      return Stats.confusion(p, true).macro((tp, fp, fn) -> Stats.ratio(tp, tp + fp + fn));
    }
  }
}
