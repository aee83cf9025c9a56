package io.mml.plugins.similarity.numeric;

/**
 * Distances between two feature samples through the histograms of each feature dimension on its
 * own (the marginals; joint structure across dimensions is ignored), averaged over the
 * dimensions. Both samples share each dimension's bins: {@code bins} of equal width between the
 * smallest and largest value of the two; a dimension constant in both contributes 0.
 *
 * @param bins bins per dimension (at least 2)
 */
public record MarginalHistograms(int bins) {
  /**
   * The additive smoothing of {@link #kullbackLeibler}: half a count per bin (the
   * Krichevsky–Trofimov estimator), so an empty bin never gives an infinite divergence.
   */
  public static final double PSEUDO_COUNT = 0.5;

  public MarginalHistograms {
    if (bins < 2) {
      throw new IllegalArgumentException("at least 2 bins: " + bins);
    }
  }

  /** The mean over dimensions of {@code KL(P || Q)}, P of {@code source}, Q of {@code target} (natural log; asymmetric). */
  public double kullbackLeibler(double[][] source, double[][] target) {
    return average(source, target, (p, q, n, m, width) -> {
      double kl = 0;
      double zp = n + bins * PSEUDO_COUNT;
      double zq = m + bins * PSEUDO_COUNT;
      for (int b = 0; b < bins; b++) {
        double pb = (p[b] + PSEUDO_COUNT) / zp;
        double qb = (q[b] + PSEUDO_COUNT) / zq;
        kl += pb * Math.log(pb / qb);
      }
      return kl;
    });
  }

  /**
   * The mean over dimensions of the earth mover's distance of the two histograms (mass at the bin
   * centres): {@code sum_b |CDF_P(b) - CDF_Q(b)| * width}, in the units of the features.
   */
  public double earthMovers(double[][] source, double[][] target) {
    return average(source, target, (p, q, n, m, width) -> {
      double cp = 0;
      double cq = 0;
      double emd = 0;
      for (int b = 0; b < bins - 1; b++) {
        cp += (double) p[b] / n;
        cq += (double) q[b] / m;
        emd += Math.abs(cp - cq) * width;
      }
      return emd;
    });
  }

  /** A distance of two histograms of one dimension. */
  @FunctionalInterface
  private interface PerDimension {
    double of(long[] p, long[] q, int n, int m, double width);
  }

  private double average(double[][] source, double[][] target, PerDimension f) {
    int d = Matrices.width(source);
    if (Matrices.width(target) != d) {
      throw new IllegalArgumentException("features of widths " + d + " and " + target[0].length);
    }
    double sum = 0;
    for (int j = 0; j < d; j++) {
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (double[] r : source) {
        lo = Math.min(lo, r[j]);
        hi = Math.max(hi, r[j]);
      }
      for (double[] r : target) {
        lo = Math.min(lo, r[j]);
        hi = Math.max(hi, r[j]);
      }
      if (hi <= lo) {
        continue;
      }
      double width = (hi - lo) / bins;
      sum += f.of(histogram(source, j, lo, width), histogram(target, j, lo, width), source.length, target.length,
          width);
    }
    return sum / d;
  }

  private long[] histogram(double[][] rows, int j, double lo, double width) {
    long[] h = new long[bins];
    for (double[] r : rows) {
      int b = (int) ((r[j] - lo) / width);
      h[Math.min(bins - 1, Math.max(0, b))]++;
    }
    return h;
  }
}
