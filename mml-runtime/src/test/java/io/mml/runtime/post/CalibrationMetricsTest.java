package io.mml.runtime.post;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class CalibrationMetricsTest {
  @Test
  void knownValuesOfTwoRows() {
    // Probabilities (0.8, 0.2) with target 0 and (0.4, 0.6) with target 0 (log-probabilities as logits).
    ClassPredictions p = ClassPredictions.fromProbabilities(List.of("a", "b"), new int[] {0, 0},
        new double[][] {{0.8, 0.2}, {0.4, 0.6}});
    CalibrationMetrics m = CalibrationMetrics.of(p);
    assertEquals(-(Math.log(0.8) + Math.log(0.4)) / 2, m.nll(), 1e-12);
    assertEquals((0.04 + 0.04 + 0.36 + 0.36) / 2, m.brier(), 1e-12);
    assertEquals(0.5, m.accuracy(), 0);
    // Bins: 0.8 (correct) and 0.6 (wrong) fall into different bins: |1 - 0.8| / 2 + |0 - 0.6| / 2.
    assertEquals(0.4, m.ece(), 1e-6);
    assertEquals(2, m.samples());
  }

  @Test
  void theReportHasOneRowPerModelAndSplit() {
    CalibrationMetrics a = new CalibrationMetrics(0.5, 0.1, 0.3, 0.9, 10);
    CalibrationMetrics b = new CalibrationMetrics(0.4, 0.05, 0.25, 0.9, 10);
    String csv = new CalibrationReport().add("p/MODELS/t/m.json", 0, "temperature", "test", a, b).csv();
    assertEquals(CalibrationReport.HEADER + "\np/MODELS/t/m.json,0,temperature,test,10,0.500000,0.400000,0.100000,"
        + "0.050000,0.300000,0.250000,0.900000,0.900000\n", csv);
  }
}
