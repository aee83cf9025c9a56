package io.mml.plugins.similarity.numeric;

import java.util.Arrays;

/**
 * The maximum mean discrepancy (Gretton et al. 2012) of two samples with the Gaussian (RBF) kernel
 * {@code k(x, y) = exp(-|x - y|^2 / (2 s^2))}, the bandwidth {@code s} by the median heuristic
 * (the median of the pairwise distances of the pooled sample). The biased (V-statistic) estimate
 * {@code MMD^2 = mean k(X, X) + mean k(Y, Y) - 2 mean k(X, Y)} is never negative and is 0 for
 * identical samples; the distance is its square root, a metric on distributions.
 */
public final class MaximumMeanDiscrepancy {
  private MaximumMeanDiscrepancy() {}

  /** The MMD of rows {@code x} and {@code y} (each at least one row, of one width). */
  public static double between(double[][] x, double[][] y) {
    double[][] pooled = new double[x.length + y.length][];
    System.arraycopy(x, 0, pooled, 0, x.length);
    System.arraycopy(y, 0, pooled, x.length, y.length);
    Matrices.width(pooled);
    double bandwidth = medianDistance(pooled);
    if (bandwidth == 0) {
      // More than half of all pairs coincide: fall back to the mean distance (0 only when every point is one).
      bandwidth = meanDistance(pooled);
      if (bandwidth == 0) {
        return 0;
      }
    }
    double gamma = 1 / (2 * bandwidth * bandwidth);
    double mmd2 = meanKernel(x, x, gamma) + meanKernel(y, y, gamma) - 2 * meanKernel(x, y, gamma);
    return Math.sqrt(Math.max(0, mmd2));
  }

  /** The median of the distances of all pairs {@code i < j} (the mean of the middle two for an even count). */
  static double medianDistance(double[][] rows) {
    int n = rows.length;
    if (n < 2) {
      return 0;
    }
    double[] d = new double[n * (n - 1) / 2];
    int p = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        d[p++] = Math.sqrt(Matrices.squaredDistance(rows[i], rows[j]));
      }
    }
    Arrays.sort(d);
    int m = d.length / 2;
    return d.length % 2 == 1 ? d[m] : (d[m - 1] + d[m]) / 2;
  }

  private static double meanDistance(double[][] rows) {
    double s = 0;
    long count = 0;
    for (int i = 0; i < rows.length; i++) {
      for (int j = i + 1; j < rows.length; j++) {
        s += Math.sqrt(Matrices.squaredDistance(rows[i], rows[j]));
        count++;
      }
    }
    return count == 0 ? 0 : s / count;
  }

  private static double meanKernel(double[][] a, double[][] b, double gamma) {
    double s = 0;
    for (double[] u : a) {
      for (double[] v : b) {
        s += Math.exp(-gamma * Matrices.squaredDistance(u, v));
      }
    }
    return s / ((double) a.length * b.length);
  }
}
