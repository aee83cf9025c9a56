package io.mml.runtime.tasktype.builtin;

import io.mml.runtime.tasktype.Predictions;

/**
 * Single-label predictions grouped by their top-class confidence into equal-width bins
 * {@code (k/B, (k+1)/B]} (a confidence of 0 goes to the first bin): what a reliability diagram
 * shows and what the expected calibration error ({@link ClassificationMetrics.Ece}) sums.
 *
 * @param count the rows per bin
 * @param meanConfidence per bin, the mean top-class probability (NaN for an empty bin)
 * @param accuracy per bin, the share of rows whose arg-max is the target (NaN for an empty bin)
 */
public record ReliabilityBins(long[] count, double[] meanConfidence, double[] accuracy) {
  /** The number of bins mml and the calibration literature use (Guo et al. 2017). */
  public static final int DEFAULT_BINS = 15;

  public ReliabilityBins {
    if (count.length == 0 || count.length != meanConfidence.length || count.length != accuracy.length) {
      throw new IllegalArgumentException("bins need equal, non-zero lengths: " + count.length + ", "
          + meanConfidence.length + ", " + accuracy.length);
    }
    count = count.clone();
    meanConfidence = meanConfidence.clone();
    accuracy = accuracy.clone();
  }

  /** Bins the rows of {@code p} (class probabilities, class-index targets) into {@code bins} bins. */
  public static ReliabilityBins of(Predictions p, int bins) {
    if (bins < 1) {
      throw new IllegalArgumentException("bins must be at least 1: " + bins);
    }
    long[] count = new long[bins];
    double[] confidence = new double[bins];
    double[] correct = new double[bins];
    for (int i = 0; i < p.size(); i++) {
      int pred = Stats.argmax(p.scores()[i]);
      double conf = p.scores()[i][pred];
      int bin = Math.min(bins - 1, Math.max(0, (int) Math.ceil(conf * bins) - 1));
      confidence[bin] += conf;
      correct[bin] += pred == Stats.label(p.targets()[i]) ? 1 : 0;
      count[bin]++;
    }
    double[] meanConfidence = new double[bins];
    double[] accuracy = new double[bins];
    for (int b = 0; b < bins; b++) {
      meanConfidence[b] = count[b] == 0 ? Double.NaN : confidence[b] / count[b];
      accuracy[b] = count[b] == 0 ? Double.NaN : correct[b] / count[b];
    }
    return new ReliabilityBins(count, meanConfidence, accuracy);
  }

  /** The number of bins. */
  public int bins() {
    return count.length;
  }

  /** The rows over all bins. */
  public long total() {
    long n = 0;
    for (long c : count) {
      n += c;
    }
    return n;
  }

  /** The row-weighted mean of |accuracy − mean confidence| over the bins; NaN without rows. */
  public double ece() {
    long n = total();
    if (n == 0) {
      return Double.NaN;
    }
    double ece = 0;
    for (int b = 0; b < count.length; b++) {
      if (count[b] > 0) {
        ece += Math.abs(accuracy[b] - meanConfidence[b]) * count[b] / n;
      }
    }
    return ece;
  }

  @Override
  public long[] count() {
    return count.clone();
  }

  @Override
  public double[] meanConfidence() {
    return meanConfidence.clone();
  }

  @Override
  public double[] accuracy() {
    return accuracy.clone();
  }
}
