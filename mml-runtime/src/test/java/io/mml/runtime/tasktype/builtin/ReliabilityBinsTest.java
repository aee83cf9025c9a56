package io.mml.runtime.tasktype.builtin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mml.runtime.tasktype.Predictions;
import org.junit.jupiter.api.Test;

class ReliabilityBinsTest {
  @Test
  void binsTopClassConfidenceAndAccuracyAndSumToTheEce() {
    // Top probabilities 0.9 (right), 0.7 (wrong) and 0.3 (right, the top of a 4-class row) in 5 bins of width 0.2.
    Predictions p = new Predictions(
        new float[][] {{0.9f, 0.1f}, {0.3f, 0.7f}, {0.3f, 0.25f, 0.25f, 0.2f}},
        new float[][] {{0}, {0}, {0}});
    ReliabilityBins bins = ReliabilityBins.of(p, 5);
    assertArrayEquals(new long[] {0, 1, 0, 1, 1}, bins.count());
    assertEquals(0.3, bins.meanConfidence()[1], 1e-6);
    assertEquals(1.0, bins.accuracy()[1]);
    assertEquals(0.0, bins.accuracy()[3]);
    assertEquals(0.7, bins.meanConfidence()[3], 1e-6);
    assertTrue(Double.isNaN(bins.accuracy()[0]), "empty bins have no accuracy");
    double expected = (Math.abs(1 - 0.3) + Math.abs(0 - 0.7) + Math.abs(1 - 0.9)) / 3;
    assertEquals(expected, bins.ece(), 1e-6);
    assertEquals(expected, ReliabilityBins.of(p, 5).ece(), 0, "deterministic");
    assertEquals(3, bins.total());
  }
}
