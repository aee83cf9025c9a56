package io.mml.runtime.post;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mml.runtime.tasktype.builtin.ClassificationMetrics;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class GreedyEnsembleTest {
  private static final GreedyEnsemble.Settings SETTINGS = new GreedyEnsemble.Settings(0.5, 10, 0, 0.5, 42);

  @Test
  void anEnsembleOfIdenticalModelsEqualsTheModel() {
    ClassPredictions model = ModelCalibrationTest.overConfident(400, 4, "s");
    List<ClassPredictions> library = List.of(model, model, model);
    for (int budget : new int[] {0, 25}) {
      GreedyEnsemble.Selection s = GreedyEnsemble.select(library,
          new GreedyEnsemble.Settings(0.5, 5, budget, 0.5, 42));
      double[][] combined = GreedyEnsemble.combine(library.stream().map(ClassPredictions::probabilities).toList(),
          s.weights());
      double[][] single = model.probabilities();
      for (int i = 0; i < single.length; i++) {
        assertArrayEquals(single[i], combined[i], 1e-12, "row " + i);
      }
      assertEquals(1, Arrays.stream(s.weights()).sum(), 1e-12);
      int[] heldOut = s.heldOutRows();
      assertEquals(HeldOutMetrics.of(model, single, heldOut, List.of(new ClassificationMetrics.Accuracy())),
          HeldOutMetrics.of(model, combined, heldOut, List.of(new ClassificationMetrics.Accuracy())));
    }
  }

  @Test
  void complementaryModelsAreCombinedAndBeatEitherAlone() {
    // Model A knows class 0 vs the rest, model B class 1 vs 2: each alone is unsure, together they are right.
    int n = 300;
    String[] ids = IntStream.range(0, n).mapToObj(i -> "s" + i).toArray(String[]::new);
    int[] labels = IntStream.range(0, n).map(i -> i % 3).toArray();
    double[][] a = new double[n][];
    double[][] b = new double[n][];
    for (int i = 0; i < n; i++) {
      a[i] = labels[i] == 0 ? new double[] {2, 0, 0} : new double[] {0, 1, 1};
      b[i] = labels[i] == 0 ? new double[] {0, 0, 0} : labels[i] == 1 ? new double[] {0, 2, 0} : new double[] {0, 0, 2};
    }
    ClassPredictions ma = new ClassPredictions(List.of(ids), labels, a);
    ClassPredictions mb = new ClassPredictions(List.of(ids), labels, b);
    GreedyEnsemble.Selection s = GreedyEnsemble.select(List.of(ma, mb), SETTINGS);
    assertTrue(s.weights()[0] > 0 && s.weights()[1] > 0, Arrays.toString(s.weights()));
    int[] sel = s.selectionRows();
    double single = Math.min(LogLoss.mean(ma.probabilities(), labels, sel), LogLoss.mean(mb.probabilities(), labels, sel));
    assertTrue(s.greedyLoss() < single, s.greedyLoss() + " vs best single " + single);
    assertEquals(s.greedyLosses().stream().mapToDouble(Double::doubleValue).min().orElseThrow(), s.greedyLoss(), 1e-12,
        "the best prefix is kept");
  }

  @Test
  void weightSearchNeverMakesTheSelectionLossWorseAndIsSeeded() {
    ClassPredictions m1 = ModelCalibrationTest.overConfident(300, 5, "s");
    ClassPredictions m2 = m1.withLogits(Arrays.stream(m1.logits()).map(z -> TemperatureScalingTest.scale(z, 0.2))
        .toArray(double[][]::new));
    List<ClassPredictions> library = List.of(m1, m2);
    GreedyEnsemble.Settings searching = new GreedyEnsemble.Settings(0.5, 3, 200, 1.0, 7);
    GreedyEnsemble.Selection s = GreedyEnsemble.select(library, searching);
    assertTrue(s.loss() <= s.greedyLoss());
    assertTrue(s.accepted() > 0, "200 proposals around 3-step counts find a better mix: " + s);
    GreedyEnsemble.Selection again = GreedyEnsemble.select(library, searching);
    assertArrayEquals(s.weights(), again.weights(), 0, "same seed, same ensemble");
    assertArrayEquals(s.selectionRows(), again.selectionRows());
  }

  @Test
  void theSplitIsSeededIndependentOfRowOrderAndCoversEveryRowOnce() {
    List<String> ids = IntStream.range(0, 101).mapToObj(i -> "s" + i).toList();
    int[][] split = GreedyEnsemble.split(ids, 0.3, new java.util.Random(1));
    assertEquals(30, split[0].length);
    assertEquals(71, split[1].length);
    int[] all = IntStream.concat(Arrays.stream(split[0]), Arrays.stream(split[1])).sorted().toArray();
    assertArrayEquals(IntStream.range(0, 101).toArray(), all);
    List<String> reversed = new java.util.ArrayList<>(ids);
    java.util.Collections.reverse(reversed);
    int[][] other = GreedyEnsemble.split(reversed, 0.3, new java.util.Random(1));
    assertEquals(Arrays.stream(split[0]).mapToObj(ids::get).sorted().toList(),
        Arrays.stream(other[0]).mapToObj(reversed::get).sorted().toList(), "the same samples select");
  }

  @Test
  void settingsAreChecked() {
    assertThrows(IllegalArgumentException.class, () -> new GreedyEnsemble.Settings(1, 5, 0, 0.5, 1));
    assertThrows(IllegalArgumentException.class, () -> new GreedyEnsemble.Settings(0.5, 0, 0, 0.5, 1));
    assertThrows(IllegalArgumentException.class, () -> new GreedyEnsemble.Settings(0.5, 5, 0, 0, 1));
  }
}
