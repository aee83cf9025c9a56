package io.mml.runtime.post;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TemperatureScalingTest {
  @Test
  void recoversTheFactorByWhichLogitsAreOverConfident() {
    for (double factor : new double[] {2.5, 0.4}) {
      SyntheticPredictions data = SyntheticPredictions.generate(300, 2000, 4, 1.5, z -> scale(z, factor), 7);
      TemperatureScaling.Temperature t = new TemperatureScaling(0).fit(data.logits(), data.labels());
      assertEquals(factor, t.temperature(), 1e-3 * factor, "fitted temperature for logits x" + factor);
      assertFalse(t.atBound());
    }
  }

  @Test
  void calibratedLogitsKeepTemperatureOne() {
    SyntheticPredictions data = SyntheticPredictions.generate(300, 2000, 3, 1.0, z -> z, 11);
    assertEquals(1.0, new TemperatureScaling(0).fit(data.logits(), data.labels()).temperature(), 1e-3);
  }

  @Test
  void appliesTheTemperatureToEveryLogitAndKeepsTheArgmax() {
    TemperatureScaling.Temperature t = new TemperatureScaling.Temperature(2, false);
    double[] out = t.apply(new double[] {4, -2, 1});
    assertEquals(2, out[0], 0);
    assertEquals(-1, out[1], 0);
    assertEquals(0.5, out[2], 0);
  }

  @Test
  void perfectlySeparatedDataStaysFiniteWithThePenaltyAndHitsTheBoundWithout() {
    double[][] logits = {{3, 0}, {0, 3}, {2, -1}, {-1, 2}};
    int[] labels = {0, 1, 0, 1};
    TemperatureScaling.Temperature free = new TemperatureScaling(0).fit(logits, labels);
    assertTrue(free.atBound(), "the unpenalised optimum is T -> 0: " + free);
    TemperatureScaling.Temperature penalised = new TemperatureScaling(1e-2).fit(logits, labels);
    assertFalse(penalised.atBound(), penalised.toString());
    assertTrue(penalised.temperature() > 1e-3 && penalised.temperature() < 1, penalised.toString());
  }

  @Test
  void refusesANegativePenaltyAndUnlabelledRows() {
    assertThrows(IllegalArgumentException.class, () -> new TemperatureScaling(-1));
    assertThrows(IllegalArgumentException.class,
        () -> new TemperatureScaling(0).fit(new double[][] {{1, 2}}, new int[] {-1}));
  }

  static double[] scale(double[] z, double factor) {
    double[] out = new double[z.length];
    for (int k = 0; k < z.length; k++) {
      out[k] = z[k] * factor;
    }
    return out;
  }
}
