package io.mml.plugins.similarity.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The feature distances against direct computations and closed forms. */
class DistancesTest {
  private static final double[][] X = {{0.5, 1.0}, {1.5, -0.5}, {2.0, 0.0}, {-1.0, 0.5}};
  private static final double[][] Y = {{3.0, 1.0}, {2.5, 2.0}, {4.0, 0.5}};

  @Test
  void identicalFeatureSetsAreAtDistanceZero() {
    assertEquals(0, MaximumMeanDiscrepancy.between(X, X), 1e-12);
    assertEquals(0, FrechetDistance.between(GaussianFit.of(X), GaussianFit.of(X)), 1e-9);
    MarginalHistograms h = new MarginalHistograms(5);
    assertEquals(0, h.kullbackLeibler(X, X), 1e-15);
    assertEquals(0, h.earthMovers(X, X), 1e-15);
  }

  @Test
  void mmdEqualsTheDirectComputationOnAOneDimensionalExample() {
    // X = {0, 1}, Y = {3}: pooled distances 1, 3, 2, median 2, so k(a, b) = exp(-(a - b)^2 / 8).
    double kxx = (2 + 2 * Math.exp(-1 / 8.0)) / 4;
    double kyy = 1;
    double kxy = (Math.exp(-9 / 8.0) + Math.exp(-4 / 8.0)) / 2;
    double expected = Math.sqrt(kxx + kyy - 2 * kxy);
    assertEquals(expected, MaximumMeanDiscrepancy.between(new double[][] {{0}, {1}}, new double[][] {{3}}), 1e-12);
  }

  @Test
  void mmdEqualsTheDirectComputationOnFixedMatrices() {
    double[][] pooled = {X[0], X[1], X[2], X[3], Y[0], Y[1], Y[2]};
    java.util.List<Double> dists = new java.util.ArrayList<>();
    for (int i = 0; i < pooled.length; i++) {
      for (int j = i + 1; j < pooled.length; j++) {
        dists.add(Math.hypot(pooled[i][0] - pooled[j][0], pooled[i][1] - pooled[j][1]));
      }
    }
    java.util.Collections.sort(dists);
    double sigma = dists.get(dists.size() / 2); // 21 pairs: the 11th
    double mmd2 = mean(X, X, sigma) + mean(Y, Y, sigma) - 2 * mean(X, Y, sigma);
    assertEquals(Math.sqrt(mmd2), MaximumMeanDiscrepancy.between(X, Y), 1e-6);
    assertEquals(MaximumMeanDiscrepancy.between(X, Y), MaximumMeanDiscrepancy.between(Y, X), 1e-15, "symmetric");
  }

  private static double mean(double[][] a, double[][] b, double sigma) {
    double s = 0;
    for (double[] u : a) {
      for (double[] v : b) {
        double dx = u[0] - v[0];
        double dy = u[1] - v[1];
        s += Math.exp(-(dx * dx + dy * dy) / (2 * sigma * sigma));
      }
    }
    return s / (a.length * b.length);
  }

  @Test
  void fidEqualsTheDirectComputationOnFixedMatrices() {
    // Means and sample covariances by hand, then the 2x2 closed form tr sqrt(M) = sqrt(tr M + 2 sqrt(det M)).
    double[] m1 = {0.75, 0.25};
    double[] m2 = {19 / 6.0, 7 / 6.0};
    double[][] s1 = cov(X, m1);
    double[][] s2 = cov(Y, m2);
    double[][] prod = Matrices.multiply(s1, s2);
    double det = prod[0][0] * prod[1][1] - prod[0][1] * prod[1][0];
    double trSqrt = Math.sqrt(Matrices.trace(prod) + 2 * Math.sqrt(det));
    double expected = Math.pow(m1[0] - m2[0], 2) + Math.pow(m1[1] - m2[1], 2) + Matrices.trace(s1)
        + Matrices.trace(s2) - 2 * trSqrt;
    assertEquals(expected, FrechetDistance.between(GaussianFit.of(X), GaussianFit.of(Y)), 1e-6);
    assertEquals(expected, FrechetDistance.between(GaussianFit.of(Y), GaussianFit.of(X)), 1e-6, "symmetric");
  }

  private static double[][] cov(double[][] x, double[] m) {
    double[][] c = new double[2][2];
    for (double[] r : x) {
      for (int i = 0; i < 2; i++) {
        for (int j = 0; j < 2; j++) {
          c[i][j] += (r[i] - m[i]) * (r[j] - m[j]) / (x.length - 1);
        }
      }
    }
    return c;
  }

  @Test
  void shiftedGaussiansGiveTheClosedFormFid() {
    // N(0, diag(a)) and N(delta, diag(b)): FID = |delta|^2 + sum (sqrt a - sqrt b)^2.
    double[] a = {1, 4, 0.25};
    double[] b = {2, 1, 0.25};
    double[] delta = {1, -2, 0.5};
    double closed = 1 + 4 + 0.25;
    for (int i = 0; i < 3; i++) {
      closed += Math.pow(Math.sqrt(a[i]) - Math.sqrt(b[i]), 2);
    }
    double[][] ca = {{a[0], 0, 0}, {0, a[1], 0}, {0, 0, a[2]}};
    double[][] cb = {{b[0], 0, 0}, {0, b[1], 0}, {0, 0, b[2]}};
    assertEquals(closed, FrechetDistance.between(GaussianFit.of(new double[3], ca), GaussianFit.of(delta, cb)), 1e-9,
        "exact parameters");
    // Rotating both Gaussians by one orthogonal matrix leaves the distance unchanged (non-diagonal covariances).
    double c = Math.cos(0.7);
    double s = Math.sin(0.7);
    double[][] rot = {{c, -s, 0}, {s, c, 0}, {0, 0, 1}};
    double[][] rotT = {{c, s, 0}, {-s, c, 0}, {0, 0, 1}};
    double[] rd = {c * delta[0] - s * delta[1], s * delta[0] + c * delta[1], delta[2]};
    assertEquals(closed, FrechetDistance.between(GaussianFit.of(new double[3], Matrices.multiply(Matrices.multiply(rot,
        ca), rotT)), GaussianFit.of(rd, Matrices.multiply(Matrices.multiply(rot, cb), rotT))), 1e-9, "rotated");
    // Fitted to seeded samples of the two Gaussians: the estimate converges to the closed form.
    Random r = new Random(11);
    int n = 40000;
    double[][] xa = new double[n][3];
    double[][] xb = new double[n][3];
    for (int k = 0; k < n; k++) {
      for (int i = 0; i < 3; i++) {
        xa[k][i] = Math.sqrt(a[i]) * r.nextGaussian();
        xb[k][i] = delta[i] + Math.sqrt(b[i]) * r.nextGaussian();
      }
    }
    assertEquals(closed, FrechetDistance.between(GaussianFit.of(xa), GaussianFit.of(xb)), 0.02 * closed, "sampled");
  }

  @Test
  void marginalHistogramsMatchHandComputedValues() {
    // One dimension, values 0 and 1 (2 bins of width 0.5): X = three 0s and a 1, Y = a 0 and three 1s.
    double[][] x = {{0}, {0}, {0}, {1}};
    double[][] y = {{0}, {1}, {1}, {1}};
    MarginalHistograms h = new MarginalHistograms(2);
    // Half a count per bin: P = (3.5, 1.5) / 5, Q = (1.5, 3.5) / 5.
    double kl = 0.7 * Math.log(0.7 / 0.3) + 0.3 * Math.log(0.3 / 0.7);
    assertEquals(kl, h.kullbackLeibler(x, y), 1e-12);
    // CDFs after bin 0: 3/4 and 1/4, times the width 0.5.
    assertEquals(0.25, h.earthMovers(x, y), 1e-12);
    assertEquals(h.earthMovers(x, y), h.earthMovers(y, x), 1e-15);
    double[][] x2 = {{0, 5}, {0, 5}, {0, 5}, {1, 5}};
    double[][] y2 = {{0, 5}, {1, 5}, {1, 5}, {1, 5}};
    assertEquals(kl / 2, h.kullbackLeibler(x2, y2), 1e-12, "a constant second dimension adds 0 to the mean");
    assertTrue(h.kullbackLeibler(new double[][] {{0}, {0}, {0}, {0}, {1}}, y) != h.kullbackLeibler(y,
        new double[][] {{0}, {0}, {0}, {0}, {1}}), "asymmetric");
  }
}
