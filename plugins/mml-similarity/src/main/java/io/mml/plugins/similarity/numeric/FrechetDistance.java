package io.mml.plugins.similarity.numeric;

/**
 * The Fréchet distance of two Gaussians (the FID of Heusel et al. 2017 when fitted to backbone
 * features): {@code |m1 - m2|^2 + tr(S1 + S2 - 2 (S1 S2)^(1/2))}. The trace of the square root of
 * the non-symmetric product {@code S1 S2} equals that of the symmetric PSD matrix
 * {@code S1^(1/2) S2 S1^(1/2)} (same eigenvalues), which {@link SymmetricEigen} decomposes.
 */
public final class FrechetDistance {
  private FrechetDistance() {}

  /** The distance of two fits of one dimension (never negative; rounding below 0 is clamped). */
  public static double between(GaussianFit a, GaussianFit b) {
    int d = a.mean().length;
    if (b.mean().length != d) {
      throw new IllegalArgumentException("Gaussians of dimensions " + d + " and " + b.mean().length);
    }
    double meanTerm = Matrices.squaredDistance(a.mean(), b.mean());
    double[][] s1h = a.sqrtCovariance();
    double[][] inner = Matrices.multiply(Matrices.multiply(s1h, b.covariance()), s1h);
    symmetrize(inner);
    double traceSqrt = 0;
    for (double lambda : SymmetricEigen.of(inner).values()) {
      traceSqrt += sqrtPsd(lambda);
    }
    double fid = meanTerm + Matrices.trace(a.covariance()) + Matrices.trace(b.covariance()) - 2 * traceSqrt;
    return Math.max(0, fid);
  }

  /** The square root of an eigenvalue of a PSD matrix: negative values are rounding noise and count as 0. */
  static double sqrtPsd(double lambda) {
    return lambda > 0 ? Math.sqrt(lambda) : 0;
  }

  private static void symmetrize(double[][] m) {
    for (int i = 0; i < m.length; i++) {
      for (int j = i + 1; j < m.length; j++) {
        double v = (m[i][j] + m[j][i]) / 2;
        m[i][j] = v;
        m[j][i] = v;
      }
    }
  }
}
