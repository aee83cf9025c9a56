package io.mml.runtime.post;

/** The log-loss (negative log-likelihood of the target class): the loss of classification tasks. */
final class LogLoss {
  /**
   * The smallest probability a loss term sees: {@code −log} of it (≈ 690) bounds the loss of a row
   * whose target probability underflowed to 0, instead of making the mean infinite.
   */
  static final double MIN_PROBABILITY = Double.MIN_NORMAL;

  private LogLoss() {}

  /** {@code −log p_y} of one row. */
  static double of(double[] probabilities, int label) {
    return -Math.log(Math.max(probabilities[label], MIN_PROBABILITY));
  }

  /** The mean log-loss of the rows {@code rows} of {@code probabilities}. */
  static double mean(double[][] probabilities, int[] labels, int[] rows) {
    double sum = 0;
    for (int i : rows) {
      sum += of(probabilities[i], labels[i]);
    }
    return sum / rows.length;
  }
}
