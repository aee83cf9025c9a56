package io.mml.runtime.post;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Labelled logits whose label frequencies follow known probabilities without sampling noise: each of
 * {@code distinct} random logit vectors is repeated {@code copies} times, and its labels are split
 * over the classes in proportion to the softmax of the true (calibrated) logits (largest remainder).
 * A calibration fitted on them recovers the map from the given logits to the true ones up to the
 * rounding of {@code 1/copies}.
 *
 * @param logits the logits a model outputs, one row per sample
 * @param labels the labels
 */
record SyntheticPredictions(double[][] logits, int[] labels) {

  /** Maps true logits to the logits a model outputs. */
  interface Distortion {
    double[] apply(double[] trueLogits);
  }

  static SyntheticPredictions generate(int distinct, int copies, int classes, double spread, Distortion distortion,
      long seed) {
    Random random = new Random(seed);
    List<double[]> logits = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    for (int d = 0; d < distinct; d++) {
      double[] z = new double[classes];
      for (int k = 0; k < classes; k++) {
        z[k] = spread * random.nextGaussian();
      }
      double[] p = Softmax.probabilities(z);
      int[] counts = largestRemainder(p, copies);
      double[] out = distortion.apply(z);
      for (int k = 0; k < classes; k++) {
        for (int c = 0; c < counts[k]; c++) {
          logits.add(out);
          labels.add(k);
        }
      }
    }
    return new SyntheticPredictions(logits.toArray(double[][]::new),
        labels.stream().mapToInt(Integer::intValue).toArray());
  }

  /** Predictions (ids {@code s0, s1, ...}) of these rows. */
  ClassPredictions predictions() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < labels.length; i++) {
      ids.add("s" + i);
    }
    return new ClassPredictions(ids, labels, logits);
  }

  private static int[] largestRemainder(double[] p, int total) {
    int[] counts = new int[p.length];
    double[] remainder = new double[p.length];
    int used = 0;
    for (int k = 0; k < p.length; k++) {
      counts[k] = (int) Math.floor(p[k] * total);
      remainder[k] = p[k] * total - counts[k];
      used += counts[k];
    }
    for (; used < total; used++) {
      int best = 0;
      for (int k = 1; k < p.length; k++) {
        if (remainder[k] > remainder[best]) {
          best = k;
        }
      }
      counts[best]++;
      remainder[best] = -1;
    }
    return counts;
  }
}
