package io.mml.runtime.post;

/** Numerically stable softmax, log-softmax and log-sum-exp on doubles (the max is subtracted first). */
final class Softmax {
  private Softmax() {}

  /** {@code log Σ exp(z_k)}. */
  static double logSumExp(double[] z) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : z) {
      max = Math.max(max, v);
    }
    if (max == Double.NEGATIVE_INFINITY) {
      return max;
    }
    double sum = 0;
    for (double v : z) {
      sum += Math.exp(v - max);
    }
    return max + Math.log(sum);
  }

  /** The probabilities {@code exp(z_k) / Σ exp(z_j)}. */
  static double[] probabilities(double[] z) {
    double lse = logSumExp(z);
    double[] p = new double[z.length];
    for (int k = 0; k < z.length; k++) {
      p[k] = Math.exp(z[k] - lse);
    }
    return p;
  }
}
