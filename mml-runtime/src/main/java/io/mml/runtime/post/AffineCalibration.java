package io.mml.runtime.post;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Affine (vector) calibration: calibrated logits {@code a_k z_k + b_k} with a scale and a bias per
 * class, fitted by minimising the log-loss (convex in {@code (a, b)}, since the calibrated logits are
 * linear in them) with {@link Lbfgs} on the exact gradient, plus {@code l2/2 · (|a − 1|² + |b|²)}.
 *
 * <p>Adding a constant to every bias leaves the probabilities unchanged; the gradient with respect to
 * the biases always sums to 0, so starting from {@code b = 0} the fitted biases sum to 0 too.
 */
public final class AffineCalibration implements Calibrator {
  /** The id in configs and reports. */
  public static final String ID = "affine";
  static final double GRADIENT_TOLERANCE = 1e-9;
  static final int MAX_ITERATIONS = 500;

  private final double l2;

  /** A calibrator with the L2 penalty {@code l2 ≥ 0} towards the identity map. */
  public AffineCalibration(double l2) {
    if (!(l2 >= 0) || Double.isInfinite(l2)) {
      throw new IllegalArgumentException("l2 must be a finite number >= 0: " + l2);
    }
    this.l2 = l2;
  }

  /**
   * A fitted affine map.
   *
   * @param scale {@code a}, one per class
   * @param bias {@code b}, one per class (summing to 0)
   * @param iterations the optimiser's iterations
   * @param converged whether the optimiser reached its gradient tolerance
   */
  public record Affine(double[] scale, double[] bias, int iterations, boolean converged) implements CalibrationMap {
    public Affine {
      if (scale.length != bias.length || scale.length == 0) {
        throw new IllegalArgumentException("scale and bias need one entry per class: " + scale.length + ", "
            + bias.length);
      }
      scale = scale.clone();
      bias = bias.clone();
    }

    @Override
    public String method() {
      return ID;
    }

    @Override
    public double[] apply(double[] logits) {
      if (logits.length != scale.length) {
        throw new IllegalArgumentException("the map was fitted on " + scale.length + " classes, not " + logits.length);
      }
      double[] out = new double[logits.length];
      for (int k = 0; k < logits.length; k++) {
        out[k] = scale[k] * logits[k] + bias[k];
      }
      return out;
    }

    @Override
    public double[] scale() {
      return scale.clone();
    }

    @Override
    public double[] bias() {
      return bias.clone();
    }

    @Override
    public Map<String, Object> parameters() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("scale", scale.clone());
      m.put("bias", bias.clone());
      m.put("iterations", iterations);
      m.put("converged", converged);
      return m;
    }
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Affine fit(double[][] logits, int[] labels) {
    Calibrator.checkData(logits, labels);
    int classes = logits[0].length;
    double[] start = new double[2 * classes];
    java.util.Arrays.fill(start, 0, classes, 1.0);
    Lbfgs.Result r = Lbfgs.minimise((x, grad) -> lossAndGradient(logits, labels, x, grad), start,
        GRADIENT_TOLERANCE, MAX_ITERATIONS);
    double[] scale = java.util.Arrays.copyOfRange(r.x(), 0, classes);
    double[] bias = java.util.Arrays.copyOfRange(r.x(), classes, 2 * classes);
    return new Affine(scale, bias, r.iterations(), r.converged());
  }

  /** The mean log-loss of {@code x = (a, b)} plus the penalty; its gradient goes into {@code grad}. */
  private double lossAndGradient(double[][] logits, int[] labels, double[] x, double[] grad) {
    int classes = logits[0].length;
    java.util.Arrays.fill(grad, 0);
    double loss = 0;
    double[] z = new double[classes];
    for (int i = 0; i < logits.length; i++) {
      for (int k = 0; k < classes; k++) {
        z[k] = x[k] * logits[i][k] + x[classes + k];
      }
      double lse = Softmax.logSumExp(z);
      int y = labels[i];
      loss += lse - z[y];
      for (int k = 0; k < classes; k++) {
        double r = Math.exp(z[k] - lse) - (k == y ? 1 : 0);
        grad[k] += r * logits[i][k];
        grad[classes + k] += r;
      }
    }
    int n = logits.length;
    double penalty = 0;
    for (int k = 0; k < classes; k++) {
      grad[k] = grad[k] / n + l2 * (x[k] - 1);
      grad[classes + k] = grad[classes + k] / n + l2 * x[classes + k];
      penalty += (x[k] - 1) * (x[k] - 1) + x[classes + k] * x[classes + k];
    }
    return loss / n + l2 / 2 * penalty;
  }
}
