package io.mml.plugins.similarity.numeric;

/**
 * Eigen decomposition of a real symmetric matrix by the cyclic Jacobi method: plane rotations
 * zero the off-diagonal entries one by one until they are negligible. Simple and accurate (it
 * converges quadratically; eigenvectors come out orthonormal to machine precision); cubic work per
 * sweep, so meant for the feature widths of a backbone (up to a few hundred).
 *
 * @param values the eigenvalues, descending
 * @param vectors {@code vectors[i][k]} is component {@code i} of the eigenvector of {@code values[k]}
 */
public record SymmetricEigen(double[] values, double[][] vectors) {
  private static final int MAX_SWEEPS = 100;

  /** Decomposes {@code a} (square, symmetric to within rounding; only read, never changed). */
  public static SymmetricEigen of(double[][] a) {
    int n = a.length;
    double[][] m = new double[n][];
    for (int i = 0; i < n; i++) {
      if (a[i].length != n) {
        throw new IllegalArgumentException("not square: row " + i + " has " + a[i].length + " entries, " + n + " rows");
      }
      m[i] = a[i].clone();
    }
    double[][] v = new double[n][n];
    for (int i = 0; i < n; i++) {
      v[i][i] = 1;
    }
    double scale = 0;
    for (double[] row : m) {
      for (double x : row) {
        scale += x * x;
      }
    }
    double tolerance = 1e-30 * Math.max(scale, Double.MIN_NORMAL);
    for (int sweep = 0; sweep < MAX_SWEEPS && offDiagonal(m) > tolerance; sweep++) {
      for (int p = 0; p < n - 1; p++) {
        for (int q = p + 1; q < n; q++) {
          if (m[p][q] != 0) {
            rotate(m, v, p, q);
          }
        }
      }
    }
    return sorted(m, v);
  }

  /** Zeroes {@code m[p][q]} by a rotation in the (p, q) plane, applied to both sides and to {@code v}. */
  private static void rotate(double[][] m, double[][] v, int p, int q) {
    int n = m.length;
    double theta = (m[q][q] - m[p][p]) / (2 * m[p][q]);
    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
    if (theta == 0) {
      t = 1;
    }
    double c = 1 / Math.sqrt(t * t + 1);
    double s = t * c;
    for (int k = 0; k < n; k++) {
      double mkp = m[k][p];
      double mkq = m[k][q];
      m[k][p] = c * mkp - s * mkq;
      m[k][q] = s * mkp + c * mkq;
    }
    for (int k = 0; k < n; k++) {
      double mpk = m[p][k];
      double mqk = m[q][k];
      m[p][k] = c * mpk - s * mqk;
      m[q][k] = s * mpk + c * mqk;
    }
    m[p][q] = 0;
    m[q][p] = 0;
    for (int k = 0; k < n; k++) {
      double vkp = v[k][p];
      double vkq = v[k][q];
      v[k][p] = c * vkp - s * vkq;
      v[k][q] = s * vkp + c * vkq;
    }
  }

  private static double offDiagonal(double[][] m) {
    double s = 0;
    for (int i = 0; i < m.length; i++) {
      for (int j = 0; j < m.length; j++) {
        if (i != j) {
          s += m[i][j] * m[i][j];
        }
      }
    }
    return s;
  }

  private static SymmetricEigen sorted(double[][] m, double[][] v) {
    int n = m.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (x, y) -> Double.compare(m[y][y], m[x][x]));
    double[] values = new double[n];
    double[][] vectors = new double[n][n];
    for (int k = 0; k < n; k++) {
      values[k] = m[order[k]][order[k]];
      for (int i = 0; i < n; i++) {
        vectors[i][k] = v[i][order[k]];
      }
    }
    return new SymmetricEigen(values, vectors);
  }

  /**
   * {@code V f(L) V^T}: the matrix function of the decomposed matrix, e.g. its square root with
   * {@code f = sqrt(max(0, x))} (negative eigenvalues of a PSD matrix are rounding noise).
   */
  public double[][] apply(java.util.function.DoubleUnaryOperator f) {
    int n = values.length;
    double[] fl = new double[n];
    for (int k = 0; k < n; k++) {
      fl[k] = f.applyAsDouble(values[k]);
    }
    double[][] out = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = i; j < n; j++) {
        double s = 0;
        for (int k = 0; k < n; k++) {
          s += vectors[i][k] * fl[k] * vectors[j][k];
        }
        out[i][j] = s;
        out[j][i] = s;
      }
    }
    return out;
  }
}
