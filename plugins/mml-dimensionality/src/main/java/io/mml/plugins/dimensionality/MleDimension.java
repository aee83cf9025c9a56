package io.mml.plugins.dimensionality;

import java.util.Arrays;

/**
 * The maximum-likelihood estimate of the intrinsic dimension of a point cloud (Levina and Bickel,
 * "Maximum Likelihood Estimation of Intrinsic Dimension", NIPS 2004), from the distances
 * {@code T_1 <= ... <= T_k} of each point to its {@code k} nearest neighbours:
 * {@code m(x) = [ 1/(k-1) * sum_{j<k} log(T_k(x) / T_j(x)) ]^-1}.
 *
 * <p>Levina and Bickel average {@code m(x)} over the points; MacKay and Ghahramani (comment on the
 * paper, 2005) average the inverses and invert the mean, which is less biased for small {@code k}
 * ({@code inverseAveraging}). Pure arithmetic: no DJL, no files.
 */
public final class MleDimension {
  private MleDimension() {}

  /**
   * The estimate for {@code points} (rows; all of one width). Points must be distinct (a zero
   * neighbour distance has no likelihood; {@link DistinctRows} removes repeats).
   *
   * @param k neighbours per point, {@code 2 <= k < points.length}
   * @param inverseAveraging MacKay–Ghahramani: invert the mean of the inverse estimates
   * @throws IllegalArgumentException for a {@code k} out of range or repeated points
   */
  public static double estimate(float[][] points, int k, boolean inverseAveraging) {
    int n = points.length;
    if (k < 2 || k >= n) {
      throw new IllegalArgumentException("k must be within 2.." + (n - 1) + " for " + n + " points: " + k);
    }
    double[][] sq = squaredDistances(points);
    double sumEstimates = 0;
    double sumInverses = 0;
    double[] nearest = new double[k];
    for (int i = 0; i < n; i++) {
      kSmallest(sq[i], i, nearest);
      if (nearest[0] <= 0) {
        throw new IllegalArgumentException("point " + i + " repeats another point; remove repeated points first");
      }
      // log(T_k / T_j) = (log S_k - log S_j) / 2 with S the squared distances.
      double logK = Math.log(nearest[k - 1]);
      double sum = 0;
      for (int j = 0; j < k - 1; j++) {
        sum += (logK - Math.log(nearest[j])) / 2;
      }
      double inverse = sum / (k - 1);
      sumInverses += inverse;
      // All k neighbours at one distance: the point's own estimate is unbounded; it adds nothing
      // finite to the plain average (the inverse average still counts it, with inverse 0).
      sumEstimates += inverse > 0 ? 1 / inverse : 0;
    }
    return inverseAveraging ? n / sumInverses : sumEstimates / n;
  }

  /** Every pairwise squared Euclidean distance (symmetric, zero diagonal). */
  static double[][] squaredDistances(float[][] points) {
    int n = points.length;
    double[][] out = new double[n][n];
    for (int i = 0; i < n; i++) {
      float[] a = points[i];
      for (int j = i + 1; j < n; j++) {
        float[] b = points[j];
        if (b.length != a.length) {
          throw new IllegalArgumentException("point " + j + " has width " + b.length + ", point " + i + " " + a.length);
        }
        double s = 0;
        for (int d = 0; d < a.length; d++) {
          double diff = a[d] - b[d];
          s += diff * diff;
        }
        out[i][j] = s;
        out[j][i] = s;
      }
    }
    return out;
  }

  /** The {@code out.length} smallest entries of {@code row} except index {@code self}, ascending. */
  private static void kSmallest(double[] row, int self, double[] out) {
    int k = out.length;
    Arrays.fill(out, Double.POSITIVE_INFINITY);
    for (int j = 0; j < row.length; j++) {
      double v = row[j];
      if (j == self || v >= out[k - 1]) {
        continue;
      }
      int p = k - 1;
      while (p > 0 && out[p - 1] > v) {
        out[p] = out[p - 1];
        p--;
      }
      out[p] = v;
    }
  }
}
