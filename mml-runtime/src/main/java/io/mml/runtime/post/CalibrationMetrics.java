package io.mml.runtime.post;

import io.mml.runtime.tasktype.Predictions;
import io.mml.runtime.tasktype.builtin.ClassificationMetrics;

/**
 * How well a model's probabilities are calibrated on a labelled split.
 *
 * @param nll the mean negative log-likelihood of the target class (log-loss)
 * @param ece the expected calibration error with 15 equal-width bins ({@link ClassificationMetrics.Ece})
 * @param brier the mean multi-class Brier score {@code Σ_k (p_k − y_k)²} (0 perfect, 2 worst)
 * @param accuracy the share of rows whose arg-max is the target ({@link ClassificationMetrics.Accuracy})
 * @param samples the rows
 */
public record CalibrationMetrics(double nll, double ece, double brier, double accuracy, int samples) {
  /** The metrics of the labelled rows of {@code predictions}; a split without labelled rows is an error. */
  public static CalibrationMetrics of(ClassPredictions predictions) {
    double[][] p = predictions.probabilities();
    double nll = 0;
    double brier = 0;
    int n = 0;
    for (int i = 0; i < predictions.size(); i++) {
      int y = predictions.label(i);
      if (y == ClassPredictions.UNLABELLED) {
        continue;
      }
      nll += LogLoss.of(p[i], y);
      for (int k = 0; k < p[i].length; k++) {
        double d = p[i][k] - (k == y ? 1 : 0);
        brier += d * d;
      }
      n++;
    }
    if (n == 0) {
      throw new IllegalArgumentException("calibration metrics need labelled rows");
    }
    Predictions rows = predictions.toMetricInput(p);
    return new CalibrationMetrics(nll / n, new ClassificationMetrics.Ece().compute(rows), brier / n,
        new ClassificationMetrics.Accuracy().compute(rows), n);
  }
}
