package io.mml.runtime.tasktype.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mml.runtime.tasktype.Predictions;
import io.mml.runtime.tasktype.TaskMetric;
import org.junit.jupiter.api.Test;

/** Every built-in metric against values worked out by hand on small arrays. */
class MetricsTest {
  private static final double EPS = 1e-6;

  /**
   * Five rows, three classes. Arg-max predictions 0, 1, 1, 0, 2 against targets 0, 1, 2, 1, 2:
   * rows 0, 1 and 4 are right. Per class (TP, FP, FN): 0 → (1, 1, 0); 1 → (1, 1, 1); 2 → (1, 0, 1).
   */
  private static final Predictions CLS = new Predictions(
      new float[][] {{0.7f, 0.2f, 0.1f}, {0.1f, 0.6f, 0.3f}, {0.2f, 0.5f, 0.3f}, {0.6f, 0.3f, 0.1f}, {0.1f, 0.2f, 0.7f}},
      new float[][] {{0}, {1}, {2}, {1}, {2}});

  private static double compute(TaskMetric m, Predictions p) {
    return m.compute(p);
  }

  @Test
  void accuracy() {
    // 3 of 5 rows right.
    assertEquals(0.6, compute(new ClassificationMetrics.Accuracy(), CLS), EPS);
  }

  @Test
  void macroF1() {
    // F1 = 2TP / (2TP + FP + FN): class 0: 2/3, class 1: 2/4, class 2: 2/3; mean = (2/3 + 1/2 + 2/3) / 3.
    assertEquals((2.0 / 3 + 0.5 + 2.0 / 3) / 3, compute(new ClassificationMetrics.MacroF1(), CLS), EPS);
  }

  @Test
  void macroPrecisionAndRecall() {
    // precision TP / (TP + FP): 1/2, 1/2, 1/1 → 2/3; recall TP / (TP + FN): 1/1, 1/2, 1/2 → 2/3.
    assertEquals(2.0 / 3, compute(new ClassificationMetrics.Precision(), CLS), EPS);
    assertEquals(2.0 / 3, compute(new ClassificationMetrics.Recall(), CLS), EPS);
  }

  @Test
  void macroPrecisionLeavesOutClassesNeitherTrueNorPredicted() {
    // A fourth class column that never wins and never is the target does not dilute the mean.
    Predictions p = new Predictions(new float[][] {{0.9f, 0.1f, 0, 0}, {0.1f, 0.9f, 0, 0}},
        new float[][] {{0}, {0}});
    // class 0: TP 1, FN 1 → precision 1; class 1: FP 1 → precision 0; classes 2, 3 unseen → left out.
    assertEquals(0.5, compute(new ClassificationMetrics.Precision(), p), EPS);
  }

  @Test
  void aurocMacroOneVsRest() {
    // class 0: its only positive (0.7) beats all four negatives → 1.
    // class 1: positives 0.6, 0.3 against negatives 0.2, 0.5, 0.2: 0.6 wins 3, 0.3 wins 2 → 5/6.
    // class 2: positives 0.3, 0.7 against 0.1, 0.3, 0.1: 0.7 wins 3, 0.3 wins 2 and ties 1 (½) → 5.5/6.
    assertEquals((1 + 5.0 / 6 + 5.5 / 6) / 3, compute(new ClassificationMetrics.Auroc(), CLS), EPS);
  }

  @Test
  void aurocIsNanWhenAClassIsAbsent() {
    Predictions p = new Predictions(new float[][] {{0.7f, 0.2f, 0.1f}, {0.1f, 0.6f, 0.3f}}, new float[][] {{0}, {1}});
    assertTrue(Double.isNaN(compute(new ClassificationMetrics.Auroc(), p)));
  }

  @Test
  void mccGorodkin() {
    // true counts t = (1, 2, 2), predicted counts p = (2, 2, 1), c = 3 correct, s = 5 rows.
    // (c·s − Σ p·t) / sqrt((s² − Σ p²)(s² − Σ t²)) = (15 − (2 + 4 + 2)) / sqrt((25 − 9)(25 − 9)) = 7 / 16.
    assertEquals(7.0 / 16, compute(new ClassificationMetrics.Mcc(), CLS), EPS);
  }

  @Test
  void mccIsZeroWhenEverythingIsOneClass() {
    Predictions p = new Predictions(new float[][] {{0.9f, 0.1f}, {0.8f, 0.2f}}, new float[][] {{0}, {0}});
    assertEquals(0.0, compute(new ClassificationMetrics.Mcc(), p), EPS);
  }

  @Test
  void ece15Bins() {
    // confidences 0.9 (right), 0.75 (wrong), 0.55 (right), 0.58 (wrong); bins of width 1/15:
    // 0.9 → bin 13: |1 − 0.9| = 0.1; 0.75 → bin 11: |0 − 0.75| = 0.75;
    // 0.55 and 0.58 → bin 8: |0.5 − 0.565| = 0.065. Weighted: 0.1/4 + 0.75/4 + 0.065·2/4 = 0.245.
    Predictions p = new Predictions(
        new float[][] {{0.9f, 0.1f}, {0.75f, 0.25f}, {0.55f, 0.45f}, {0.58f, 0.42f}},
        new float[][] {{0}, {1}, {0}, {1}});
    TaskMetric ece = new ClassificationMetrics.Ece();
    assertEquals(0.245, compute(ece, p), 1e-5);
    assertFalse(ece.higherIsBetter());
  }

  @Test
  void averagePrecisionMacro() {
    // class 0, scores 0.9(+) 0.8(−) 0.3(+) 0.1(−): P/R after each: 1/.5, .5/.5, 2/3/1 → AP = .5·1 + .5·2/3.
    // class 1, scores 0.7(+) first → AP = 1. class 2 has no positive: left out.
    Predictions p = new Predictions(
        new float[][] {{0.9f, 0.2f, 0.5f}, {0.8f, 0.7f, 0.5f}, {0.3f, 0.6f, 0.5f}, {0.1f, 0.4f, 0.5f}},
        new float[][] {{1, 0, 0}, {0, 1, 0}, {1, 0, 0}, {0, 0, 0}});
    assertEquals(((0.5 + 0.5 * 2 / 3.0) + 1) / 2, compute(new MultilabelMetrics.AveragePrecision(), p), EPS);
  }

  @Test
  void diceAndIouPerPixelRows() {
    // 7 pixels, targets 0 0 1 1 1 0 1, predictions 0 1 1 1 0 0 1.
    // class 0: TP 2, FP 1, FN 1 → Dice 4/6, IoU 2/4; class 1: TP 3, FP 1, FN 1 → Dice 6/8, IoU 3/5.
    float[][] scores = new float[7][];
    int[] pred = {0, 1, 1, 1, 0, 0, 1};
    for (int i = 0; i < 7; i++) {
      scores[i] = pred[i] == 0 ? new float[] {0.8f, 0.2f} : new float[] {0.3f, 0.7f};
    }
    Predictions p = new Predictions(scores, new float[][] {{0}, {0}, {1}, {1}, {1}, {0}, {1}});
    assertEquals((4.0 / 6 + 6.0 / 8) / 2, compute(new SegmentationMetrics.Dice(), p), EPS);
    assertEquals((2.0 / 4 + 3.0 / 5) / 2, compute(new SegmentationMetrics.Iou(), p), EPS);
  }

  @Test
  void diceAndIouLeaveOutIgnoredPixels() {
    // The 7 pixels above plus 4 labelled 255 (ignore, or resize padding), predicted either class:
    // the metrics equal those of the 7 pixels alone.
    float[][] scores = new float[11][];
    float[][] targets = new float[11][];
    int[] pred = {0, 1, 1, 1, 0, 0, 1, 0, 1, 1, 0};
    int[] truth = {0, 0, 1, 1, 1, 0, 1, 255, 255, 255, 255};
    for (int i = 0; i < 11; i++) {
      scores[i] = pred[i] == 0 ? new float[] {0.8f, 0.2f} : new float[] {0.3f, 0.7f};
      targets[i] = new float[] {truth[i]};
    }
    Predictions p = new Predictions(scores, targets);
    assertEquals((4.0 / 6 + 6.0 / 8) / 2, compute(new SegmentationMetrics.Dice(), p), EPS);
    assertEquals((2.0 / 4 + 3.0 / 5) / 2, compute(new SegmentationMetrics.Iou(), p), EPS);
  }

  @Test
  void mseAndMae() {
    // predictions 1 2 3 4, targets 1 3 2 8: differences 0, −1, 1, −4 → MSE (0+1+1+16)/4, MAE (0+1+1+4)/4.
    Predictions p = new Predictions(new float[][] {{1}, {2}, {3}, {4}}, new float[][] {{1}, {3}, {2}, {8}});
    assertEquals(4.5, compute(new RegressionMetrics.Mse(), p), EPS);
    assertEquals(1.5, compute(new RegressionMetrics.Mae(), p), EPS);
  }

  @Test
  void spearman() {
    // ranks 1 2 3 4 against 1 3 2 4: Σd² = 2 → 1 − 6·2 / (4·(16 − 1)) = 0.8.
    Predictions p = new Predictions(new float[][] {{1}, {2}, {3}, {4}}, new float[][] {{1}, {3}, {2}, {8}});
    assertEquals(0.8, compute(new RegressionMetrics.Spearman(), p), EPS);
  }

  @Test
  void spearmanWithTies() {
    // predictions 1 1 2 3 → ranks 1.5 1.5 3 4; targets ranks 1 2 3 4; both means 2.5.
    // Σdx·dy = 1.5 + 0.5 + 0.25 + 2.25 = 4.5, Σdx² = 4.5, Σdy² = 5 → 4.5 / sqrt(22.5).
    Predictions p = new Predictions(new float[][] {{1}, {1}, {2}, {3}}, new float[][] {{1}, {2}, {3}, {4}});
    assertEquals(4.5 / Math.sqrt(22.5), compute(new RegressionMetrics.Spearman(), p), EPS);
    Predictions constant = new Predictions(new float[][] {{1}, {1}}, new float[][] {{1}, {2}});
    assertTrue(Double.isNaN(compute(new RegressionMetrics.Spearman(), constant)));
  }
}
