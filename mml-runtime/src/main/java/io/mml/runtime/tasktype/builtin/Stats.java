package io.mml.runtime.tasktype.builtin;

import io.mml.runtime.tasktype.Predictions;
import java.util.Arrays;
import java.util.Comparator;

/** Counting and ranking shared by the built-in metrics. */
final class Stats {
  private Stats() {}

  /** A per-class score from true positives, false positives and false negatives. */
  @FunctionalInterface
  interface PerClass {
    double score(double tp, double fp, double fn);
  }

  /**
   * Per-class counts of a single-label prediction set.
   *
   * @param tp true positives per class
   * @param fp false positives per class
   * @param fn false negatives per class
   */
  record Confusion(double[] tp, double[] fp, double[] fn) {
    /** The mean of the per-class score over classes seen in targets or predictions; NaN when none. */
    double macro(PerClass f) {
      double sum = 0;
      int n = 0;
      for (int c = 0; c < tp.length; c++) {
        if (tp[c] + fp[c] + fn[c] > 0) {
          sum += f.score(tp[c], fp[c], fn[c]);
          n++;
        }
      }
      return n == 0 ? Double.NaN : sum / n;
    }
  }

  static Confusion confusion(Predictions p) {
    return confusion(p, false);
  }

  /**
   * {@link #confusion(Predictions)}, where {@code skipOutside} leaves out rows whose target is not
   * a class index (segmentation: 255 = ignore, also the padding of resize steps), as the loss does.
   */
  static Confusion confusion(Predictions p, boolean skipOutside) {
    int classes = p.size() == 0 ? 0 : p.scores()[0].length;
    double[] tp = new double[classes];
    double[] fp = new double[classes];
    double[] fn = new double[classes];
    for (int i = 0; i < p.size(); i++) {
      int truth = label(p.targets()[i]);
      if (skipOutside && (truth < 0 || truth >= classes)) {
        continue;
      }
      int pred = argmax(p.scores()[i]);
      if (truth == pred) {
        tp[truth]++;
      } else {
        fp[pred]++;
        fn[truth]++;
      }
    }
    return new Confusion(tp, fp, fn);
  }

  static double ratio(double a, double b) {
    return b == 0 ? 0 : a / b;
  }

  /** The index of the largest value (the first on ties). */
  static int argmax(float[] row) {
    int best = 0;
    for (int i = 1; i < row.length; i++) {
      if (row[i] > row[best]) {
        best = i;
      }
    }
    return best;
  }

  /** The class index a target row holds. */
  static int label(float[] target) {
    return Math.round(target[0]);
  }

  /** Ranks 1..n, ties sharing their average rank. */
  static double[] ranks(double[] values) {
    Integer[] order = new Integer[values.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble(i -> values[i]));
    double[] ranks = new double[values.length];
    int i = 0;
    while (i < order.length) {
      int j = i;
      while (j + 1 < order.length && values[order[j + 1]] == values[order[i]]) {
        j++;
      }
      double avg = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) {
        ranks[order[k]] = avg;
      }
      i = j + 1;
    }
    return ranks;
  }

  /** AUROC by the rank-sum (Mann-Whitney) formula; NaN without positives or negatives. */
  static double auroc(double[] scores, boolean[] positive) {
    double[] ranks = ranks(scores);
    double pos = 0;
    double rankSum = 0;
    for (int i = 0; i < scores.length; i++) {
      if (positive[i]) {
        pos++;
        rankSum += ranks[i];
      }
    }
    double neg = scores.length - pos;
    if (pos == 0 || neg == 0) {
      return Double.NaN;
    }
    return (rankSum - pos * (pos + 1) / 2) / (pos * neg);
  }

  /**
   * Average precision: {@code Σ (R_k − R_{k−1}) P_k} over the distinct score thresholds, highest
   * first (scikit-learn's definition, no interpolation); NaN without positives.
   */
  static double averagePrecision(double[] scores, boolean[] positive) {
    Integer[] order = new Integer[scores.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble(i -> -scores[i]));
    double total = 0;
    for (boolean b : positive) {
      total += b ? 1 : 0;
    }
    if (total == 0) {
      return Double.NaN;
    }
    double tp = 0;
    double fp = 0;
    double previousRecall = 0;
    double ap = 0;
    int i = 0;
    while (i < order.length) {
      int j = i;
      while (j < order.length && scores[order[j]] == scores[order[i]]) {
        if (positive[order[j]]) {
          tp++;
        } else {
          fp++;
        }
        j++;
      }
      double recall = tp / total;
      ap += (recall - previousRecall) * (tp / (tp + fp));
      previousRecall = recall;
      i = j;
    }
    return ap;
  }
}
