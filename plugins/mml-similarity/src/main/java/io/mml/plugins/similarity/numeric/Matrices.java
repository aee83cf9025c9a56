package io.mml.plugins.similarity.numeric;

/** The few dense-matrix operations the distances need (row-major {@code double[][]}). */
public final class Matrices {
  private Matrices() {}

  /** Rows of floats as doubles. */
  public static double[][] toDouble(float[][] rows) {
    double[][] out = new double[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      out[i] = new double[rows[i].length];
      for (int j = 0; j < rows[i].length; j++) {
        out[i][j] = rows[i][j];
      }
    }
    return out;
  }

  /** The column means. */
  public static double[] mean(double[][] x) {
    int d = width(x);
    double[] mu = new double[d];
    for (double[] row : x) {
      for (int j = 0; j < d; j++) {
        mu[j] += row[j];
      }
    }
    for (int j = 0; j < d; j++) {
      mu[j] /= x.length;
    }
    return mu;
  }

  /** The sample covariance (divided by {@code n - 1}; at least two rows). */
  public static double[][] covariance(double[][] x) {
    if (x.length < 2) {
      throw new IllegalArgumentException("a covariance needs at least 2 rows: " + x.length);
    }
    int d = width(x);
    double[] mu = mean(x);
    double[][] c = new double[d][d];
    double[] centred = new double[d];
    for (double[] row : x) {
      for (int j = 0; j < d; j++) {
        centred[j] = row[j] - mu[j];
      }
      for (int i = 0; i < d; i++) {
        double ci = centred[i];
        for (int j = i; j < d; j++) {
          c[i][j] += ci * centred[j];
        }
      }
    }
    for (int i = 0; i < d; i++) {
      for (int j = i; j < d; j++) {
        c[i][j] /= x.length - 1;
        c[j][i] = c[i][j];
      }
    }
    return c;
  }

  /** {@code a b} for square matrices of one size. */
  public static double[][] multiply(double[][] a, double[][] b) {
    int n = a.length;
    double[][] out = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < n; k++) {
        double aik = a[i][k];
        if (aik == 0) {
          continue;
        }
        for (int j = 0; j < n; j++) {
          out[i][j] += aik * b[k][j];
        }
      }
    }
    return out;
  }

  /** The trace. */
  public static double trace(double[][] a) {
    double t = 0;
    for (int i = 0; i < a.length; i++) {
      t += a[i][i];
    }
    return t;
  }

  /** The squared Euclidean distance of two vectors of one length. */
  public static double squaredDistance(double[] a, double[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("vectors of lengths " + a.length + " and " + b.length);
    }
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      double d = a[i] - b[i];
      s += d * d;
    }
    return s;
  }

  /** The common row width; an error for ragged or empty input. */
  public static int width(double[][] x) {
    if (x.length == 0) {
      throw new IllegalArgumentException("no rows");
    }
    int d = x[0].length;
    for (double[] row : x) {
      if (row.length != d) {
        throw new IllegalArgumentException("rows of widths " + d + " and " + row.length);
      }
    }
    return d;
  }
}
