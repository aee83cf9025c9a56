package io.mml.runtime.post;

import io.mml.runtime.tasktype.Predictions;
import java.util.List;

/**
 * One model's predictions of one split of a classification task, as logits per sample.
 *
 * <p>Prediction CSVs ({@code io.mml.runtime.infer.PredictionWriter}) hold softmax probabilities,
 * not logits. Since softmax is invariant to adding a constant to every logit, log-probabilities
 * are logits of the same model; {@link #fromProbabilities} uses them, with probabilities below
 * {@link #PROBABILITY_FLOOR} (a CSV stores 6 decimals, so 0.000000 means "below 5e-7") raised to it.
 *
 * @param sampleIds the sample ids, in row order
 * @param labels the class index per row, or {@link #UNLABELLED}
 * @param logits per row, one logit per class
 */
public record ClassPredictions(List<String> sampleIds, int[] labels, double[][] logits) {
  /** The label of a row without target (the unlabelled split). */
  public static final int UNLABELLED = -1;
  /** Half the resolution of a CSV probability (6 decimals): what a written 0.000000 stands for. */
  public static final double PROBABILITY_FLOOR = 5e-7;

  public ClassPredictions {
    sampleIds = List.copyOf(sampleIds);
    if (labels.length != sampleIds.size() || logits.length != sampleIds.size()) {
      throw new IllegalArgumentException("rows differ in length: " + sampleIds.size() + " ids, " + labels.length
          + " labels, " + logits.length + " logit rows");
    }
    int classes = logits.length == 0 ? 0 : logits[0].length;
    for (int i = 0; i < logits.length; i++) {
      if (logits[i].length != classes) {
        throw new IllegalArgumentException("sample " + sampleIds.get(i) + " has " + logits[i].length
            + " logits, the first row " + classes);
      }
      if (labels[i] < UNLABELLED || labels[i] >= classes) {
        throw new IllegalArgumentException("sample " + sampleIds.get(i) + " has label " + labels[i] + " outside 0.."
            + (classes - 1));
      }
    }
    labels = labels.clone();
    double[][] copy = new double[logits.length][];
    for (int i = 0; i < logits.length; i++) {
      copy[i] = logits[i].clone();
    }
    logits = copy;
  }

  /** Predictions whose logits are the logarithms of {@code probabilities} (floored, see the class doc). */
  public static ClassPredictions fromProbabilities(List<String> sampleIds, int[] labels, double[][] probabilities) {
    return fromProbabilities(sampleIds, labels, probabilities, PROBABILITY_FLOOR);
  }

  /** Predictions whose logits are {@code log(max(p, floor))} of {@code probabilities}. */
  public static ClassPredictions fromProbabilities(List<String> sampleIds, int[] labels, double[][] probabilities,
      double floor) {
    double[][] logits = new double[probabilities.length][];
    for (int i = 0; i < probabilities.length; i++) {
      logits[i] = new double[probabilities[i].length];
      for (int k = 0; k < probabilities[i].length; k++) {
        logits[i][k] = Math.log(Math.max(probabilities[i][k], floor));
      }
    }
    return new ClassPredictions(sampleIds, labels, logits);
  }

  /** The number of rows. */
  public int size() {
    return labels.length;
  }

  /** The number of classes (0 without rows). */
  public int numClasses() {
    return logits.length == 0 ? 0 : logits[0].length;
  }

  /** Whether every row has a label. */
  public boolean labelled() {
    for (int l : labels) {
      if (l == UNLABELLED) {
        return false;
      }
    }
    return size() > 0;
  }

  @Override
  public int[] labels() {
    return labels.clone();
  }

  /** The label of row {@code i}. */
  public int label(int i) {
    return labels[i];
  }

  @Override
  public double[][] logits() {
    double[][] copy = new double[logits.length][];
    for (int i = 0; i < logits.length; i++) {
      copy[i] = logits[i].clone();
    }
    return copy;
  }

  /** The softmax probabilities per row. */
  public double[][] probabilities() {
    double[][] p = new double[logits.length][];
    for (int i = 0; i < logits.length; i++) {
      p[i] = Softmax.probabilities(logits[i]);
    }
    return p;
  }

  /** The same samples with other logits (e.g. calibrated ones). */
  public ClassPredictions withLogits(double[][] newLogits) {
    return new ClassPredictions(sampleIds, labels, newLogits);
  }

  /** The rows {@code rows} (indices into this), in that order. */
  public ClassPredictions rows(int[] rows) {
    List<String> ids = new java.util.ArrayList<>(rows.length);
    int[] l = new int[rows.length];
    double[][] z = new double[rows.length][];
    for (int j = 0; j < rows.length; j++) {
      ids.add(sampleIds.get(rows[j]));
      l[j] = labels[rows[j]];
      z[j] = logits[rows[j]];
    }
    return new ClassPredictions(ids, l, z);
  }

  /**
   * The same predictions with rows in the order of {@code ids}; empty when the sample ids are not
   * exactly {@code ids} (another model predicted other samples).
   */
  public java.util.Optional<ClassPredictions> inOrderOf(List<String> ids) {
    if (ids.size() != size()) {
      return java.util.Optional.empty();
    }
    java.util.Map<String, Integer> index = new java.util.HashMap<>();
    for (int i = 0; i < size(); i++) {
      if (index.put(sampleIds.get(i), i) != null) {
        return java.util.Optional.empty(); // a duplicate id cannot be matched
      }
    }
    int[] rows = new int[ids.size()];
    for (int j = 0; j < ids.size(); j++) {
      Integer i = index.get(ids.get(j));
      if (i == null) {
        return java.util.Optional.empty();
      }
      rows[j] = i;
    }
    return java.util.Optional.of(rows(rows));
  }

  /** Class frequencies of the labels, Laplace-smoothed ({@code (n_k + 1) / (n + C)}) so none is 0. */
  public double[] labelPrior() {
    int classes = numClasses();
    double[] prior = new double[classes];
    int n = 0;
    for (int l : labels) {
      if (l != UNLABELLED) {
        prior[l]++;
        n++;
      }
    }
    for (int k = 0; k < classes; k++) {
      prior[k] = (prior[k] + 1) / (n + classes);
    }
    return prior;
  }

  /** The rows as metric input (probabilities and class-index targets); labelled rows only. */
  public Predictions toMetricInput() {
    return toMetricInput(probabilities());
  }

  /** Given probabilities for these rows as metric input; labelled rows only. */
  Predictions toMetricInput(double[][] probabilities) {
    int n = 0;
    for (int l : labels) {
      n += l == UNLABELLED ? 0 : 1;
    }
    float[][] scores = new float[n][];
    float[][] targets = new float[n][];
    int j = 0;
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] == UNLABELLED) {
        continue;
      }
      scores[j] = new float[probabilities[i].length];
      for (int k = 0; k < probabilities[i].length; k++) {
        scores[j][k] = (float) probabilities[i][k];
      }
      targets[j] = new float[] {labels[i]};
      j++;
    }
    return new Predictions(scores, targets);
  }
}
