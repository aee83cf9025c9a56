package io.mml.runtime.post;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

/**
 * Minimises a smooth function of several variables with limited-memory BFGS (Nocedal and Wright,
 * Numerical Optimization, algorithms 7.4 and 7.5): the two-loop recursion on the last
 * {@link #MEMORY} steps, a backtracking line search with the Armijo condition, and only curvature
 * pairs with {@code sᵀy > 0} kept, so the search direction is always a descent direction. It stops
 * when the gradient is small, when no step lowers the function, or when a step lowers it only at
 * the rounding level ({@link #STAGNATION}). Meant for the small convex problems of calibration (a few
 * parameters per class).
 */
final class Lbfgs {
  /** Step pairs kept. */
  static final int MEMORY = 10;
  private static final double ARMIJO = 1e-4;
  private static final int MAX_HALVINGS = 60;
  /** A step that lowers f by less than this share of |f| ends the search. */
  static final double STAGNATION = 1e-13;

  private Lbfgs() {}

  /** A function and its exact gradient. */
  @FunctionalInterface
  interface Objective {
    /** Returns {@code f(x)} and writes {@code ∇f(x)} into {@code gradient}. */
    double valueAndGradient(double[] x, double[] gradient);
  }

  /**
   * The minimiser found.
   *
   * @param x the point
   * @param value the function there
   * @param iterations the iterations used
   * @param converged whether the gradient norm fell below the tolerance (or no descent step was left)
   */
  record Result(double[] x, double value, int iterations, boolean converged) {}

  /**
   * Minimises {@code f} from {@code start} until {@code max |∇f| <= gradientTolerance} or {@code
   * maxIterations}.
   */
  static Result minimise(Objective f, double[] start, double gradientTolerance, int maxIterations) {
    int n = start.length;
    double[] x = start.clone();
    double[] g = new double[n];
    double fx = f.valueAndGradient(x, g);
    Deque<double[][]> pairs = new ArrayDeque<>(); // {s, y, {1 / sᵀy}}, newest first
    double[] xNew = new double[n];
    double[] gNew = new double[n];
    for (int it = 0; it < maxIterations; it++) {
      if (maxAbs(g) <= gradientTolerance) {
        return new Result(x, fx, it, true);
      }
      double[] d = direction(g, pairs);
      double slope = dot(g, d);
      if (!(slope < 0)) {
        pairs.clear();
        d = negate(g);
        slope = dot(g, d);
      }
      // Without curvature pairs the scale of -g is unknown: the first trial step moves at most 1 in any coordinate.
      double t = pairs.isEmpty() ? Math.min(1, 1 / maxAbs(d)) : 1;
      double fNew = Double.NaN;
      boolean accepted = false;
      for (int h = 0; h < MAX_HALVINGS; h++, t *= 0.5) {
        for (int i = 0; i < n; i++) {
          xNew[i] = x[i] + t * d[i];
        }
        fNew = f.valueAndGradient(xNew, gNew);
        if (fNew <= fx + ARMIJO * t * slope) {
          accepted = true;
          break;
        }
      }
      if (!accepted) {
        return new Result(x, fx, it, true); // no descent left at machine precision
      }
      double[] s = new double[n];
      double[] y = new double[n];
      for (int i = 0; i < n; i++) {
        s[i] = xNew[i] - x[i];
        y[i] = gNew[i] - g[i];
      }
      double sy = dot(s, y);
      if (sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) {
        pairs.addFirst(new double[][] {s, y, {1 / sy}});
        if (pairs.size() > MEMORY) {
          pairs.removeLast();
        }
      }
      double decrease = fx - fNew;
      System.arraycopy(xNew, 0, x, 0, n);
      System.arraycopy(gNew, 0, g, 0, n);
      fx = fNew;
      if (decrease <= STAGNATION * Math.abs(fx)) {
        // The decrease is at the rounding level of f: further steps only chase noise.
        return new Result(x, fx, it + 1, true);
      }
    }
    return new Result(x, fx, maxIterations, maxAbs(g) <= gradientTolerance);
  }

  /** {@code −H g} by the two-loop recursion, {@code H₀ = (sᵀy / yᵀy) I} from the newest pair. */
  private static double[] direction(double[] g, Deque<double[][]> pairs) {
    double[] q = g.clone();
    double[] alpha = new double[pairs.size()];
    int j = 0;
    for (double[][] p : pairs) {
      alpha[j] = p[2][0] * dot(p[0], q);
      axpy(-alpha[j], p[1], q);
      j++;
    }
    if (!pairs.isEmpty()) {
      double[][] newest = pairs.peekFirst();
      double gamma = 1 / (newest[2][0] * dot(newest[1], newest[1]));
      for (int i = 0; i < q.length; i++) {
        q[i] *= gamma;
      }
    }
    j = pairs.size() - 1;
    for (Iterator<double[][]> it = pairs.descendingIterator(); it.hasNext(); j--) {
      double[][] p = it.next();
      double beta = p[2][0] * dot(p[1], q);
      axpy(alpha[j] - beta, p[0], q);
    }
    return negate(q);
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static void axpy(double a, double[] x, double[] y) {
    for (int i = 0; i < x.length; i++) {
      y[i] += a * x[i];
    }
  }

  private static double[] negate(double[] v) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = -v[i];
    }
    return out;
  }

  private static double maxAbs(double[] v) {
    double m = 0;
    for (double x : v) {
      m = Math.max(m, Math.abs(x));
    }
    return m;
  }
}
