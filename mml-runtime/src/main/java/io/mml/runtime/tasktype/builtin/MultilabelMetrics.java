package io.mml.runtime.tasktype.builtin;

import io.mml.runtime.tasktype.NamedMetric;
import io.mml.runtime.tasktype.Predictions;

/** The metrics of multi-label classification: rows of {@code C} probabilities and multi-hot targets. */
public final class MultilabelMetrics {
  private MultilabelMetrics() {}

  /**
   * Macro average precision: the mean over classes of {@link Stats#averagePrecision}; a target of
   * at least 0.5 is positive (soft labels). Classes without a positive row are left out; NaN when
   * no class has one.
   */
  public static final class AveragePrecision extends NamedMetric {
    public static final String NAME = "average_precision";

    public AveragePrecision() {
      super(NAME, true);
    }

    @Override
    public double compute(Predictions p) {
      if (p.size() == 0) {
        return Double.NaN;
      }
      int classes = p.scores()[0].length;
      double sum = 0;
      int n = 0;
      for (int c = 0; c < classes; c++) {
        double[] scores = new double[p.size()];
        boolean[] positive = new boolean[p.size()];
        for (int i = 0; i < p.size(); i++) {
          scores[i] = p.scores()[i][c];
          positive[i] = p.targets()[i][c] >= 0.5f;
        }
        double ap = Stats.averagePrecision(scores, positive);
        if (!Double.isNaN(ap)) {
          sum += ap;
          n++;
        }
      }
      return n == 0 ? Double.NaN : sum / n;
    }
  }
}
