package io.mml.plugins.similarity.numeric;

/**
 * Classical (Torgerson) multidimensional scaling: points in the plane whose distances approximate
 * a distance matrix. Double centring {@code B = -1/2 J D^2 J} and the two largest eigenpairs of
 * {@code B} ({@link SymmetricEigen}): {@code x_k = v_k sqrt(lambda_k)}. Exact for distances of points
 * in a plane; the best rank-2 fit of {@code B} otherwise.
 */
public final class ClassicalMds {
  private ClassicalMds() {}

  /**
   * Two coordinates per row of {@code distances} (square, symmetric, zero diagonal, no NaN);
   * {@code out[i] = {x, y}}.
   */
  public static double[][] embed(double[][] distances) {
    int n = distances.length;
    double[][] b = new double[n][n];
    double[] rowMean = new double[n];
    double total = 0;
    for (int i = 0; i < n; i++) {
      if (distances[i].length != n) {
        throw new IllegalArgumentException("not square: row " + i);
      }
      for (int j = 0; j < n; j++) {
        double d2 = distances[i][j] * distances[i][j];
        if (Double.isNaN(d2)) {
          throw new IllegalArgumentException("distance " + i + "," + j + " is missing");
        }
        b[i][j] = d2;
        rowMean[i] += d2 / n;
      }
      total += rowMean[i] / n;
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        // Symmetric by construction: row and column means of a symmetric D^2 agree.
        b[i][j] = -0.5 * (b[i][j] - rowMean[i] - rowMean[j] + total);
      }
    }
    SymmetricEigen e = SymmetricEigen.of(b);
    double[][] out = new double[n][2];
    for (int k = 0; k < Math.min(2, n); k++) {
      double scale = Math.sqrt(Math.max(0, e.values()[k]));
      for (int i = 0; i < n; i++) {
        out[i][k] = e.vectors()[i][k] * scale;
      }
    }
    return out;
  }
}
