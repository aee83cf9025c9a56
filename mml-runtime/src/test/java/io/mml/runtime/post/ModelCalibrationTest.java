package io.mml.runtime.post;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mml.runtime.data.DataSplit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ModelCalibrationTest {
  /** A model whose logits are 3x the true ones, labels drawn from the true probabilities. */
  static ClassPredictions overConfident(int n, long seed, String prefix) {
    Random random = new Random(seed);
    List<String> ids = new ArrayList<>();
    int[] labels = new int[n];
    double[][] logits = new double[n][];
    for (int i = 0; i < n; i++) {
      double[] t = {random.nextGaussian(), random.nextGaussian(), random.nextGaussian()};
      double[] p = Softmax.probabilities(t);
      double u = random.nextDouble();
      int y = 0;
      for (double acc = p[0]; u > acc && y < 2; acc += p[++y]) {
        // walk the cumulative distribution
      }
      labels[i] = y;
      logits[i] = TemperatureScalingTest.scale(t, 3);
      ids.add(prefix + i);
    }
    return new ClassPredictions(ids, labels, logits);
  }

  @Test
  void calibrationLowersTheTestErrorsOfAnOverConfidentModel() {
    Map<DataSplit, ClassPredictions> splits = Map.of(DataSplit.VAL, overConfident(3000, 1, "v"),
        DataSplit.TEST, overConfident(3000, 2, "t"));
    for (CalibrationMethod method : CalibrationMethod.values()) {
      ModelCalibration.Result r = ModelCalibration.calibrate(method.calibrator(1e-4), PriorOption.parse("val"), splits);
      CalibrationMetrics before = r.before().get(DataSplit.TEST);
      CalibrationMetrics after = r.after().get(DataSplit.TEST);
      assertTrue(after.ece() <= before.ece(), method + ": ECE " + before.ece() + " -> " + after.ece());
      assertTrue(after.ece() < 0.5 * before.ece(), method + ": ECE " + before.ece() + " -> " + after.ece());
      assertTrue(after.nll() < before.nll(), method + ": NLL " + before.nll() + " -> " + after.nll());
      assertTrue(after.brier() < before.brier(), method + ": Brier " + before.brier() + " -> " + after.brier());
      assertEquals(3000, after.samples());
    }
    ModelCalibration.Result t = ModelCalibration.calibrate(new TemperatureScaling(0), PriorOption.parse("val"), splits);
    assertEquals(3, (double) t.map().parameters().get("temperature"), 0.15, "the distortion was x3");
    assertEquals(t.before().get(DataSplit.TEST).accuracy(), t.after().get(DataSplit.TEST).accuracy(), 0,
        "temperature scaling keeps every arg-max");
  }

  @Test
  void unlabelledPredictionsAreCalibratedWithoutMetrics() {
    ClassPredictions val = overConfident(500, 3, "v");
    ClassPredictions unlabelled = new ClassPredictions(List.of("u0"), new int[] {ClassPredictions.UNLABELLED},
        new double[][] {{3, 0, 0}});
    ModelCalibration.Result r = ModelCalibration.calibrate(new TemperatureScaling(0), PriorOption.parse("val"),
        Map.of(DataSplit.VAL, val, DataSplit.UNLABELLED, unlabelled));
    double temperature = (double) r.map().parameters().get("temperature");
    assertArrayEquals(new double[] {3 / temperature, 0, 0}, r.calibrated().get(DataSplit.UNLABELLED).logits()[0],
        1e-12);
    assertTrue(!r.before().containsKey(DataSplit.UNLABELLED) && r.before().containsKey(DataSplit.VAL));
  }

  @Test
  void anExplicitPriorMovesThePosteriorsByBayesRule() {
    // Validation labels are balanced, so the validation prior is uniform: the shift multiplies by the new prior.
    ClassPredictions val = new ClassPredictions(List.of("a", "b"), new int[] {0, 1}, new double[][] {{0, 0}, {0, 0}});
    ClassPredictions test = new ClassPredictions(List.of("c"), new int[] {0}, new double[][] {{0, 0}});
    ModelCalibration.Result r = ModelCalibration.calibrate(new TemperatureScaling(1), PriorOption.parse("0.8,0.2"),
        Map.of(DataSplit.VAL, val, DataSplit.TEST, test));
    assertArrayEquals(new double[] {0.8, 0.2}, r.calibrated().get(DataSplit.TEST).probabilities()[0], 1e-12);
  }

  @Test
  void theTestPriorComesFromTheTestLabels() {
    ClassPredictions val = new ClassPredictions(List.of("a", "b"), new int[] {0, 1}, new double[][] {{0, 0}, {0, 0}});
    ClassPredictions test = new ClassPredictions(List.of("c", "d", "e", "f"), new int[] {0, 0, 0, 1},
        new double[][] {{0, 0}, {0, 0}, {0, 0}, {0, 0}});
    ModelCalibration.Result r = ModelCalibration.calibrate(new TemperatureScaling(1), PriorOption.parse("test"),
        Map.of(DataSplit.VAL, val, DataSplit.TEST, test));
    // Laplace-smoothed test frequencies (3 + 1) / (4 + 2) and (1 + 1) / (4 + 2); the validation prior is uniform.
    assertArrayEquals(new double[] {4.0 / 6, 2.0 / 6}, r.calibrated().get(DataSplit.TEST).probabilities()[0], 1e-12);
    assertArrayEquals(new double[] {4.0 / 6, 2.0 / 6}, r.shift().to(), 1e-12);
  }
}
