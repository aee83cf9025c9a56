package io.mml.runtime.tasktype.builtin;

import io.mml.runtime.tasktype.NamedMetric;
import io.mml.runtime.tasktype.Predictions;

/** The metrics of regression: one predicted and one target value per row. */
public final class RegressionMetrics {
  private RegressionMetrics() {}

  /** Mean squared error. */
  public static final class Mse extends NamedMetric {
    public static final String NAME = "mse";

    public Mse() {
      super(NAME, false);
    }

    @Override
    public double compute(Predictions p) {
      double sum = 0;
      for (int i = 0; i < p.size(); i++) {
        double d = p.scores()[i][0] - p.targets()[i][0];
        sum += d * d;
      }
      return p.size() == 0 ? Double.NaN : sum / p.size();
    }
  }

  /** Mean absolute error. */
  public static final class Mae extends NamedMetric {
    public static final String NAME = "mae";

    public Mae() {
      super(NAME, false);
    }

    @Override
    public double compute(Predictions p) {
      double sum = 0;
      for (int i = 0; i < p.size(); i++) {
        sum += Math.abs(p.scores()[i][0] - p.targets()[i][0]);
      }
      return p.size() == 0 ? Double.NaN : sum / p.size();
    }
  }

  /** Spearman's rank correlation: Pearson's correlation of the (tie-averaged) ranks; NaN when a side is constant. */
  public static final class Spearman extends NamedMetric {
    public static final String NAME = "spearman";

    public Spearman() {
      super(NAME, true);
    }

    @Override
    public double compute(Predictions p) {
      int n = p.size();
      double[] x = new double[n];
      double[] y = new double[n];
      for (int i = 0; i < n; i++) {
        x[i] = p.scores()[i][0];
        y[i] = p.targets()[i][0];
      }
      double[] rx = Stats.ranks(x);
      double[] ry = Stats.ranks(y);
      double mx = 0;
      double my = 0;
      for (int i = 0; i < n; i++) {
        mx += rx[i] / n;
        my += ry[i] / n;
      }
      double sxy = 0;
      double sxx = 0;
      double syy = 0;
      for (int i = 0; i < n; i++) {
        sxy += (rx[i] - mx) * (ry[i] - my);
        sxx += (rx[i] - mx) * (rx[i] - mx);
        syy += (ry[i] - my) * (ry[i] - my);
      }
      return sxx == 0 || syy == 0 ? Double.NaN : sxy / Math.sqrt(sxx * syy);
    }
  }
}
