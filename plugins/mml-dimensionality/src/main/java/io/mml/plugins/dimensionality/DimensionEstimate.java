package io.mml.plugins.dimensionality;

import java.util.List;

/**
 * An intrinsic dimension estimate over subsets of a task's points.
 *
 * @param dimension the mean over the subsets
 * @param std the standard deviation over the subsets (0 for one subset)
 * @param subsets the estimate of each subset
 * @param subsetSize points per subset
 * @param points distinct points the subsets were drawn from
 */
public record DimensionEstimate(double dimension, double std, List<Double> subsets, int subsetSize, int points) {
  public DimensionEstimate {
    subsets = List.copyOf(subsets);
  }

  /** Mean and standard deviation of the subset estimates. */
  static DimensionEstimate of(List<Double> values, int subsetSize, int points) {
    double mean = values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    double var = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum() / values.size();
    return new DimensionEstimate(mean, Math.sqrt(var), values, subsetSize, points);
  }
}
