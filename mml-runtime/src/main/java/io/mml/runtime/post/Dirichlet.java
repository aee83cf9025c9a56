package io.mml.runtime.post;

import java.util.Random;

/** Draws from a Dirichlet distribution: normalised Gamma variates (Marsaglia and Tsang 2000). */
final class Dirichlet {
  private Dirichlet() {}

  /** One draw with concentrations {@code alpha} (each > 0). */
  static double[] sample(double[] alpha, Random random) {
    double[] x = new double[alpha.length];
    double sum = 0;
    for (int i = 0; i < alpha.length; i++) {
      x[i] = gamma(alpha[i], random);
      sum += x[i];
    }
    if (!(sum > 0)) {
      // Every variate underflowed (all concentrations tiny): the draw is a corner; pick it by the concentrations.
      java.util.Arrays.fill(x, 0);
      x[argmax(alpha)] = 1;
      return x;
    }
    for (int i = 0; i < x.length; i++) {
      x[i] /= sum;
    }
    return x;
  }

  /** A Gamma(shape, 1) variate. */
  static double gamma(double shape, Random random) {
    if (!(shape > 0) || Double.isInfinite(shape)) {
      throw new IllegalArgumentException("Gamma shape must be a positive finite number: " + shape);
    }
    if (shape < 1) {
      // Gamma(a) = Gamma(a + 1) · U^(1/a)
      return gamma(shape + 1, random) * Math.pow(random.nextDouble(), 1 / shape);
    }
    double d = shape - 1.0 / 3;
    double c = 1 / Math.sqrt(9 * d);
    while (true) {
      double z = random.nextGaussian();
      double v = 1 + c * z;
      if (v <= 0) {
        continue;
      }
      v = v * v * v;
      double u = random.nextDouble();
      if (u < 1 - 0.0331 * z * z * z * z || Math.log(u) < 0.5 * z * z + d * (1 - v + Math.log(v))) {
        return d * v;
      }
    }
  }

  private static int argmax(double[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) {
      if (v[i] > v[best]) {
        best = i;
      }
    }
    return best;
  }
}
