package io.mml.runtime.post;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DirichletTest {
  @Test
  void drawsSumToOneAndAverageToTheNormalisedConcentrations() {
    double[] alpha = {0.5, 2, 7.5};
    Random random = new Random(3);
    double[] mean = new double[3];
    int n = 40_000;
    for (int i = 0; i < n; i++) {
      double[] x = Dirichlet.sample(alpha, random);
      assertEquals(1, Arrays.stream(x).sum(), 1e-12);
      for (int k = 0; k < 3; k++) {
        assertTrue(x[k] >= 0);
        mean[k] += x[k] / n;
      }
    }
    assertArrayEquals(new double[] {0.05, 0.2, 0.75}, mean, 5e-3);
  }

  @Test
  void gammaVariatesHaveTheirShapeAsMean() {
    Random random = new Random(4);
    for (double shape : new double[] {0.3, 1, 4}) {
      double sum = 0;
      int n = 40_000;
      for (int i = 0; i < n; i++) {
        sum += Dirichlet.gamma(shape, random);
      }
      assertEquals(shape, sum / n, 0.03 * Math.max(1, shape), "shape " + shape);
    }
  }
}
