package io.mml.runtime.train;

import io.mml.runtime.data.decoded.MaskData;
import io.mml.runtime.infer.BatchPredictor;
import io.mml.runtime.infer.TaskKind;
import io.mml.runtime.tasktype.Predictions;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns model outputs (logits) and sample targets into {@link Predictions} rows for the metrics:
 * probabilities for classification (softmax) and multi-label (sigmoid), values for regression, and
 * one row per pixel for segmentation (ignored pixels, 255, left out).
 */
public final class Outputs {
  private final TaskKind kind;
  private final List<float[]> scores = new ArrayList<>();
  private final List<float[]> targets = new ArrayList<>();

  public Outputs(TaskKind kind) {
    this.kind = kind;
  }

  /** The task kind of a task type id. */
  public static TaskKind kindOf(String taskType) {
    return switch (taskType) {
      case "classification" -> TaskKind.CLASSIFICATION;
      case "multilabel_classification" -> TaskKind.MULTILABEL;
      case "semantic_segmentation" -> TaskKind.SEGMENTATION;
      case "regression" -> TaskKind.REGRESSION;
      default -> throw new IllegalArgumentException("Task type '" + taskType + "' cannot be trained or evaluated"
          + " (it has no target); choose a task of type classification, multilabel_classification,"
          + " semantic_segmentation or regression");
    };
  }

  /** Outputs per sample: classes, or 1 for regression. */
  public static int numOutputs(TaskKind kind, int numClasses) {
    return kind == TaskKind.REGRESSION ? 1 : numClasses;
  }

  /** Turns one sample's logits into scores (probabilities or the value). */
  public float[] scores(float[] logits) {
    return switch (kind) {
      case CLASSIFICATION -> softmax(logits);
      case MULTILABEL -> sigmoid(logits);
      default -> logits.clone();
    };
  }

  /**
   * Adds one sample.
   *
   * @param logits the model output of the sample: {@code C} values, or {@code C*H*W} for segmentation
   * @param target the sample's target as the data set loads it (Integer, Float, float[], MaskData)
   */
  public void add(float[] logits, Object target) {
    if (kind == TaskKind.SEGMENTATION) {
      MaskData m = (MaskData) target;
      int pixels = m.width() * m.height();
      int c = logits.length / pixels;
      if (c * pixels != logits.length) {
        throw new IllegalArgumentException("segmentation output has " + logits.length + " values, not classes x "
            + m.height() + " x " + m.width());
      }
      for (int p = 0; p < pixels; p++) {
        int label = m.labels()[p];
        if (label == 255) {
          continue;
        }
        float[] px = new float[c];
        for (int k = 0; k < c; k++) {
          px[k] = logits[k * pixels + p];
        }
        scores.add(softmax(px));
        targets.add(new float[] {label});
      }
      return;
    }
    scores.add(scores(logits));
    targets.add(target(target));
  }

  static float[] target(Object t) {
    if (t instanceof Integer i) {
      return new float[] {i};
    }
    if (t instanceof Float f) {
      return new float[] {f};
    }
    if (t instanceof float[] v) {
      return v.clone();
    }
    throw new IllegalArgumentException("no target (unlabelled sample?): " + t);
  }

  /** The collected rows. */
  public Predictions predictions() {
    return new Predictions(scores.toArray(new float[0][]), targets.toArray(new float[0][]));
  }

  static float[] softmax(float[] x) {
    return BatchPredictor.softmax(x);
  }

  static float[] sigmoid(float[] x) {
    return BatchPredictor.sigmoid(x);
  }
}
