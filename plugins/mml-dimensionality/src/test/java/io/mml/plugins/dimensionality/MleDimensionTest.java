package io.mml.plugins.dimensionality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class MleDimensionTest {
  @ParameterizedTest
  @ValueSource(ints = {2, 5, 10})
  void linearManifoldIn100DimensionsIsEstimatedWithin15Percent(int d) {
    float[][] points = LinearManifolds.points(1000, d, 100, 7 + d);
    double plain = MleDimension.estimate(points, 20, false);
    double inverse = MleDimension.estimate(points, 20, true);
    assertEquals(d, plain, 0.15 * d, "Levina-Bickel average");
    assertEquals(d, inverse, 0.15 * d, "MacKay-Ghahramani average");
    // Averaging the inverses weighs large per-point estimates less, so it never exceeds the plain mean (Jensen).
    assertTrue(inverse <= plain, inverse + " > " + plain);
  }

  @Test
  void theEstimateIgnoresTheAmbientDimensionAndScale() {
    float[][] low = LinearManifolds.points(600, 4, 10, 3);
    float[][] high = new float[low.length][];
    float[][] scaled = new float[low.length][];
    for (int i = 0; i < low.length; i++) {
      high[i] = java.util.Arrays.copyOf(low[i], 300); // the same points, 290 more coordinates all zero
      scaled[i] = new float[low[i].length];
      for (int j = 0; j < low[i].length; j++) {
        scaled[i][j] = low[i][j] * 128; // a power of two: exact in float
      }
    }
    double a = MleDimension.estimate(low, 15, false);
    assertEquals(a, MleDimension.estimate(high, 15, false), 1e-12, "the same coordinates in 300-D");
    assertEquals(a, MleDimension.estimate(scaled, 15, false), 1e-9, "scaled by 128");
  }

  @Test
  void aLineGivesOneOnAGivenSmallExample() {
    // Points 1, 2, 4, 8 on a line, k = 2: per point m = 1 / log(T2/T1).
    float[][] pts = {{1}, {2}, {4}, {8}};
    double m1 = 1 / Math.log(3 / 1.0); // point 1: neighbours at 1 and 3
    double m2 = 1 / Math.log(2 / 1.0); // point 2: neighbours at 1 and 2
    double m4 = 1 / Math.log(3 / 2.0); // point 4: neighbours at 2 and 3
    double m8 = 1 / Math.log(6 / 4.0); // point 8: neighbours at 4 and 6
    assertEquals((m1 + m2 + m4 + m8) / 4, MleDimension.estimate(pts, 2, false), 1e-9);
    assertEquals(4 / (1 / m1 + 1 / m2 + 1 / m4 + 1 / m8), MleDimension.estimate(pts, 2, true), 1e-9);
  }

  @Test
  void refusesRepeatedPointsAndKOutOfRange() {
    float[][] repeated = {{0, 0}, {0, 0}, {1, 0}, {0, 1}};
    assertTrue(assertThrows(IllegalArgumentException.class, () -> MleDimension.estimate(repeated, 2, false))
        .getMessage().contains("repeats"));
    assertThrows(IllegalArgumentException.class, () -> MleDimension.estimate(repeated, 4, false));
    assertThrows(IllegalArgumentException.class, () -> MleDimension.estimate(repeated, 1, false));
  }

  @Test
  void distinctRowsDropsRepeatsInOrder() {
    float[][] rows = {{1, 2}, {3, 4}, {1, 2}, {5, 6}, {3, 4}};
    float[][] out = DistinctRows.of(rows);
    assertEquals(3, out.length);
    assertEquals(List.of(1f, 3f, 5f), List.of(out[0][0], out[1][0], out[2][0]));
  }

  @Test
  void subsetsAreDisjointSeededAndBoundedByTheirParameters() {
    SubsetEstimator est = new SubsetEstimator(10, 3, 200, false);
    assertEquals(1, est.subsets(150), "fewer points than the minimum: one subset");
    assertEquals(2, est.subsets(450));
    assertEquals(3, est.subsets(5000), "at most max_subsets");
    float[][] points = LinearManifolds.points(900, 3, 50, 11);
    DimensionEstimate a = est.estimate(points, new Random(5));
    DimensionEstimate b = est.estimate(points, new Random(5));
    assertEquals(a, b, "seeded: the same subsets");
    assertEquals(3, a.subsets().size());
    assertEquals(300, a.subsetSize());
    assertEquals(900, a.points());
    assertEquals(a.subsets().stream().mapToDouble(Double::doubleValue).average().orElseThrow(), a.dimension(), 1e-12);
    assertTrue(a.std() > 0 && a.std() < 0.5, "subsets of one manifold agree: " + a);
    assertEquals(3, a.dimension(), 0.45);
    assertThrows(IllegalArgumentException.class, () -> new SubsetEstimator(10, 3, 200, false)
        .estimate(LinearManifolds.points(10, 2, 5, 1), new Random(1)));
  }
}
