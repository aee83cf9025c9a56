package io.mml.runtime.post;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AffineCalibrationTest {
  @Test
  void recoversAKnownPerClassScaleAndBias() {
    // The model outputs z_k = (t_k - b_k) / a_k for true logits t; calibration must find a and b.
    double[] a = {2.0, 0.5, 1.25};
    double[] b = {0.3, -0.5, 0.2}; // sums to 0: the fitted biases do (softmax ignores a common shift)
    SyntheticPredictions data = SyntheticPredictions.generate(200, 1000, 3, 1.5, t -> {
      double[] z = new double[t.length];
      for (int k = 0; k < t.length; k++) {
        z[k] = (t[k] - b[k]) / a[k];
      }
      return z;
    }, 5);
    AffineCalibration.Affine fit = new AffineCalibration(0).fit(data.logits(), data.labels());
    assertTrue(fit.converged(), fit.toString());
    assertArrayEquals(a, fit.scale(), 2e-3, "scale");
    assertArrayEquals(b, fit.bias(), 2e-3, "bias");
  }

  @Test
  void calibratedLogitsGiveTheIdentityMap() {
    SyntheticPredictions data = SyntheticPredictions.generate(200, 1000, 4, 1.0, z -> z, 9);
    AffineCalibration.Affine fit = new AffineCalibration(0).fit(data.logits(), data.labels());
    assertArrayEquals(new double[] {1, 1, 1, 1}, fit.scale(), 2e-3);
    assertArrayEquals(new double[] {0, 0, 0, 0}, fit.bias(), 2e-3);
  }

  @Test
  void thePenaltyKeepsAPerfectlySeparatedFitFinite() {
    double[][] logits = {{3, 0}, {0, 3}, {2, -1}, {-1, 2}};
    int[] labels = {0, 1, 0, 1};
    AffineCalibration.Affine fit = new AffineCalibration(1e-2).fit(logits, labels);
    assertTrue(fit.converged(), fit.toString());
    for (double s : fit.scale()) {
      assertTrue(s > 1 && s < 100, "sharper than the input, but finite: " + fit);
    }
    assertEquals(0, fit.bias()[0] + fit.bias()[1], 1e-9);
  }
}
