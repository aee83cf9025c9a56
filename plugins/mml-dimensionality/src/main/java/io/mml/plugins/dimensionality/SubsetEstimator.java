package io.mml.plugins.dimensionality;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The MLE dimension on random disjoint subsets of the points, as mml's dimensionality plugin does:
 * {@code min(maxSubsets, n / subsetMinSize)} subsets (at least one) of equal size, drawn with the
 * given random source; the estimate is their mean, their spread the uncertainty. Subsets bound the
 * cost (quadratic in the subset size) of large tasks.
 *
 * @param k neighbours per point
 * @param maxSubsets the most subsets
 * @param subsetMinSize the fewest points per subset (fewer points: one subset of all)
 * @param inverseAveraging MacKay–Ghahramani averaging ({@link MleDimension#estimate})
 */
public record SubsetEstimator(int k, int maxSubsets, int subsetMinSize, boolean inverseAveraging) {
  /** Checks the ranges (the scheduler reports them as config errors first). */
  public SubsetEstimator {
    if (k < 2) {
      throw new IllegalArgumentException("k must be at least 2: " + k);
    }
    if (maxSubsets < 1 || subsetMinSize < 1) {
      throw new IllegalArgumentException("maxSubsets and subsetMinSize must be positive: " + maxSubsets + ", "
          + subsetMinSize);
    }
  }

  /** The number of subsets for {@code n} points. */
  public int subsets(int n) {
    return Math.max(1, Math.min(maxSubsets, n / subsetMinSize));
  }

  /**
   * The estimate of distinct {@code points}.
   *
   * @throws IllegalArgumentException when a subset has no more than {@code k} points
   */
  public DimensionEstimate estimate(float[][] points, Random random) {
    int n = points.length;
    int s = subsets(n);
    int size = n / s;
    if (size <= k) {
      throw new IllegalArgumentException(n + " distinct points give subsets of " + size + ", not more than k = " + k);
    }
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    List<Double> values = new ArrayList<>();
    for (int sub = 0; sub < s; sub++) {
      float[][] part = new float[size][];
      for (int i = 0; i < size; i++) {
        part[i] = points[order[sub * size + i]];
      }
      values.add(MleDimension.estimate(part, k, inverseAveraging));
    }
    return DimensionEstimate.of(values, size, n);
  }
}
