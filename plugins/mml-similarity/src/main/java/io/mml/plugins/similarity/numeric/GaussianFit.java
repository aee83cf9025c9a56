package io.mml.plugins.similarity.numeric;

/**
 * A Gaussian fitted to feature rows (mean and covariance), with the covariance's square root kept
 * for {@link FrechetDistance} (computed once per task, not once per pair).
 *
 * @param mean the mean
 * @param covariance the covariance (symmetric positive semi-definite)
 * @param sqrtCovariance its symmetric square root
 */
public record GaussianFit(double[] mean, double[][] covariance, double[][] sqrtCovariance) {
  /** The fit of given parameters. */
  public static GaussianFit of(double[] mean, double[][] covariance) {
    if (covariance.length != mean.length) {
      throw new IllegalArgumentException("mean of length " + mean.length + ", covariance of " + covariance.length);
    }
    return new GaussianFit(mean.clone(), covariance, SymmetricEigen.of(covariance).apply(FrechetDistance::sqrtPsd));
  }

  /** The maximum-likelihood mean and the sample covariance of {@code rows}. */
  public static GaussianFit of(double[][] rows) {
    return of(Matrices.mean(rows), Matrices.covariance(rows));
  }
}
