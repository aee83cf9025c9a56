package io.mml.runtime.tasktype.builtin;

import io.mml.annotations.Requires;
import io.mml.annotations.TaskTypeDef;
import io.mml.runtime.tasktype.builtin.ClassificationMetrics.Accuracy;
import io.mml.runtime.tasktype.builtin.ClassificationMetrics.Auroc;
import io.mml.runtime.tasktype.builtin.ClassificationMetrics.Ece;
import io.mml.runtime.tasktype.builtin.ClassificationMetrics.MacroF1;
import io.mml.runtime.tasktype.builtin.ClassificationMetrics.Mcc;
import io.mml.runtime.tasktype.builtin.ClassificationMetrics.Precision;
import io.mml.runtime.tasktype.builtin.ClassificationMetrics.Recall;
import io.mml.runtime.tasktype.builtin.MultilabelMetrics.AveragePrecision;
import io.mml.runtime.tasktype.builtin.RegressionMetrics.Mae;
import io.mml.runtime.tasktype.builtin.RegressionMetrics.Mse;
import io.mml.runtime.tasktype.builtin.RegressionMetrics.Spearman;
import io.mml.runtime.tasktype.builtin.SegmentationMetrics.Dice;
import io.mml.runtime.tasktype.builtin.SegmentationMetrics.Iou;

/**
 * The built-in task types, declared exactly as a plugin declares its own (the processor checks
 * them and generates their providers and the {@code loss/<route>} and {@code metrics/<route>} stubs).
 */
final class BuiltinTaskTypes {
  private BuiltinTaskTypes() {}

  /** One class per image. */
  @TaskTypeDef(id = "classification", requires = @Requires({"image", "class"}), target = "class", route = "cls",
      head = LinearHead.class, loss = ClassificationLoss.class,
      metrics = {Accuracy.class, MacroF1.class, Precision.class, Recall.class, Auroc.class, Mcc.class, Ece.class},
      description = "One class per image")
  static final class Classification {}

  /** Any number of classes per image, as hard or soft labels. */
  @TaskTypeDef(id = "multilabel_classification", target = "classes", route = "mlcls",
      requires = {@Requires({"image", "classes"}), @Requires(value = {"image", "soft_classes"}, target = "soft_classes")},
      head = LinearHead.class, loss = MultilabelLoss.class, metrics = AveragePrecision.class,
      description = "Any number of classes per image (hard or soft labels)")
  static final class MultilabelClassification {}

  /** A class per pixel. */
  @TaskTypeDef(id = "semantic_segmentation", requires = @Requires({"image", "mask"}), target = "mask", route = "seg",
      head = SegmentationHead.class, loss = SegmentationLoss.class, metrics = {Dice.class, Iou.class},
      description = "A class per pixel")
  static final class SemanticSegmentation {}

  /** A number per image. */
  @TaskTypeDef(id = "regression", requires = @Requires({"image", "value"}), target = "value", route = "reg",
      head = LinearHead.class, loss = RegressionLoss.class, metrics = {Mse.class, Mae.class, Spearman.class},
      description = "A number per image")
  static final class Regression {}

  /** Unlabelled images: usable for statistics and feature extraction, not for training. */
  @TaskTypeDef(id = "no_task", requires = @Requires("image"), trainable = false,
      description = "Unlabelled images (no training)")
  static final class NoTask {}
}
