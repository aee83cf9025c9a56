package io.mml.runtime.tasktype.builtin;

import io.mml.runtime.tasktype.NamedMetric;
import io.mml.runtime.tasktype.Predictions;
import io.mml.runtime.tasktype.TaskMetric;

/**
 * The metrics of single-label classification, on rows of class probabilities ({@code C} scores)
 * and targets holding the class index. Macro averages run over the classes that occur in the
 * targets or the predictions (as scikit-learn does); a ratio with a zero denominator counts as 0.
 */
public final class ClassificationMetrics {
  private ClassificationMetrics() {}

  /** The share of rows whose arg-max is the target. */
  public static final class Accuracy extends NamedMetric {
    public static final String NAME = "accuracy";

    public Accuracy() {
      super(NAME, true);
    }

    @Override
    public double compute(Predictions p) {
      if (p.size() == 0) {
        return Double.NaN;
      }
      int correct = 0;
      for (int i = 0; i < p.size(); i++) {
        correct += Stats.argmax(p.scores()[i]) == Stats.label(p.targets()[i]) ? 1 : 0;
      }
      return (double) correct / p.size();
    }
  }

  /** Macro F1: the mean of per-class {@code 2TP / (2TP + FP + FN)}. */
  public static final class MacroF1 extends NamedMetric {
    public static final String NAME = "macro_f1";

    public MacroF1() {
      super(NAME, true);
    }

    @Override
    public double compute(Predictions p) {
      return Stats.confusion(p).macro((tp, fp, fn) -> Stats.ratio(2 * tp, 2 * tp + fp + fn));
    }
  }

  /** Macro precision: the mean of per-class {@code TP / (TP + FP)}. */
  public static final class Precision extends NamedMetric {
    public static final String NAME = "precision";

    public Precision() {
      super(NAME, true);
    }

    @Override
    public double compute(Predictions p) {
      return Stats.confusion(p).macro((tp, fp, fn) -> Stats.ratio(tp, tp + fp));
    }
  }

  /** Macro recall: the mean of per-class {@code TP / (TP + FN)}. */
  public static final class Recall extends NamedMetric {
    public static final String NAME = "recall";

    public Recall() {
      super(NAME, true);
    }

    @Override
    public double compute(Predictions p) {
      return Stats.confusion(p).macro((tp, fp, fn) -> Stats.ratio(tp, tp + fn));
    }
  }

  /**
   * Macro one-vs-rest AUROC over all {@code C} classes; NaN when a class has no positive or no
   * negative row (its AUROC is undefined, and a mean without it would mislead).
   */
  public static final class Auroc extends NamedMetric {
    public static final String NAME = "auroc";

    public Auroc() {
      super(NAME, true);
    }

    @Override
    public double compute(Predictions p) {
      if (p.size() == 0) {
        return Double.NaN;
      }
      int classes = p.scores()[0].length;
      double sum = 0;
      for (int c = 0; c < classes; c++) {
        double[] scores = new double[p.size()];
        boolean[] positive = new boolean[p.size()];
        for (int i = 0; i < p.size(); i++) {
          scores[i] = p.scores()[i][c];
          positive[i] = Stats.label(p.targets()[i]) == c;
        }
        double auc = Stats.auroc(scores, positive);
        if (Double.isNaN(auc)) {
          return Double.NaN;
        }
        sum += auc;
      }
      return sum / classes;
    }
  }

  /**
   * Matthews correlation for several classes (Gorodkin's R_K): with the confusion matrix, {@code
   * c} correct rows, {@code s} rows, {@code t_k} rows of true class k and {@code p_k} rows predicted
   * as k: {@code (c s - Σ p_k t_k) / sqrt((s² - Σ p_k²)(s² - Σ t_k²))}; 0 when the denominator is 0.
   */
  public static final class Mcc extends NamedMetric {
    public static final String NAME = "mcc";

    public Mcc() {
      super(NAME, true);
    }

    @Override
    public double compute(Predictions p) {
      if (p.size() == 0) {
        return Double.NaN;
      }
      int classes = p.scores()[0].length;
      double[] t = new double[classes];
      double[] pr = new double[classes];
      double correct = 0;
      for (int i = 0; i < p.size(); i++) {
        int truth = Stats.label(p.targets()[i]);
        int pred = Stats.argmax(p.scores()[i]);
        t[truth]++;
        pr[pred]++;
        correct += truth == pred ? 1 : 0;
      }
      double s = p.size();
      double pt = 0;
      double pp = 0;
      double tt = 0;
      for (int k = 0; k < classes; k++) {
        pt += pr[k] * t[k];
        pp += pr[k] * pr[k];
        tt += t[k] * t[k];
      }
      double denominator = Math.sqrt((s * s - pp) * (s * s - tt));
      return denominator == 0 ? 0 : (correct * s - pt) / denominator;
    }
  }

  /**
   * Expected calibration error with 15 equal-width confidence bins {@code (k/15, (k+1)/15]}: the
   * row-weighted mean of |accuracy − mean confidence| per bin, confidence being the top probability.
   */
  public static final class Ece implements TaskMetric {
    public static final String NAME = "ece";
    static final int BINS = ReliabilityBins.DEFAULT_BINS;

    @Override
    public String name() {
      return NAME;
    }

    @Override
    public boolean higherIsBetter() {
      return false;
    }

    @Override
    public double compute(Predictions p) {
      return ReliabilityBins.of(p, BINS).ece();
    }
  }
}
