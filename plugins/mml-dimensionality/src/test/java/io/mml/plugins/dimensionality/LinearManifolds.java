package io.mml.plugins.dimensionality;

import java.util.Random;

/** Test data: Gaussian points on a d-dimensional linear subspace of a higher-dimensional space. */
final class LinearManifolds {
  private LinearManifolds() {}

  /**
   * {@code n} points {@code z Q^T} with {@code z ~ N(0, I_d)} and {@code Q} a random
   * {@code ambient x d} matrix with orthonormal columns (Gram–Schmidt), plus an offset.
   */
  static float[][] points(int n, int d, int ambient, long seed) {
    Random r = new Random(seed);
    double[][] q = new double[d][ambient];
    for (int c = 0; c < d; c++) {
      for (int i = 0; i < ambient; i++) {
        q[c][i] = r.nextGaussian();
      }
      for (int p = 0; p < c; p++) {
        double dot = 0;
        for (int i = 0; i < ambient; i++) {
          dot += q[c][i] * q[p][i];
        }
        for (int i = 0; i < ambient; i++) {
          q[c][i] -= dot * q[p][i];
        }
      }
      double norm = 0;
      for (int i = 0; i < ambient; i++) {
        norm += q[c][i] * q[c][i];
      }
      for (int i = 0; i < ambient; i++) {
        q[c][i] /= Math.sqrt(norm);
      }
    }
    float[][] out = new float[n][ambient];
    for (int s = 0; s < n; s++) {
      for (int c = 0; c < d; c++) {
        double z = r.nextGaussian();
        for (int i = 0; i < ambient; i++) {
          out[s][i] += (float) (z * q[c][i]);
        }
      }
      for (int i = 0; i < ambient; i++) {
        out[s][i] += 3f;
      }
    }
    return out;
  }
}
