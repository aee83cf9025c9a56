package io.mml.runtime.post;

/**
 * Minimises a convex, twice differentiable function of one variable on an interval {@code [lo, hi]}
 * ({@code 0 < lo < hi}): Newton's method on {@code f'}, safeguarded by a bracket of the root of
 * {@code f'} that shrinks every iteration; a Newton step that leaves the bracket (or a non-positive
 * curvature) is replaced by the bracket's geometric midpoint, so it converges even where Newton
 * alone would overshoot. When {@code f'} does not change sign on the interval the bound it points
 * to is the minimum.
 */
final class ConvexScalarMinimiser {
  /** At most this many iterations (Newton converges in a few, bisection halves the log-interval). */
  static final int MAX_ITERATIONS = 200;

  private ConvexScalarMinimiser() {}

  /** The first and second derivative of the function at a point. */
  @FunctionalInterface
  interface Derivatives {
    /** {@code {f'(x), f''(x)}}. */
    double[] at(double x);
  }

  /**
   * The minimiser.
   *
   * @param x where the minimum is
   * @param iterations the derivative evaluations used (bound checks included)
   * @param atBound whether it is a bound of the interval (the unconstrained minimum lies beyond)
   */
  record Result(double x, int iterations, boolean atBound) {}

  /**
   * Minimises on {@code [lo, hi]} starting at {@code start}, until a step is below
   * {@code relativeTolerance · x}.
   */
  static Result minimise(Derivatives f, double lo, double hi, double start, double relativeTolerance) {
    if (!(lo > 0 && hi > lo)) {
      throw new IllegalArgumentException("need 0 < lo < hi: " + lo + ", " + hi);
    }
    if (f.at(lo)[0] >= 0) {
      return new Result(lo, 1, true);
    }
    if (f.at(hi)[0] <= 0) {
      return new Result(hi, 2, true);
    }
    double a = lo;
    double b = hi;
    double x = start > a && start < b ? start : Math.sqrt(a * b);
    for (int it = 3; it <= MAX_ITERATIONS; it++) {
      double[] d = f.at(x);
      double g = d[0];
      if (g == 0) {
        return new Result(x, it, false);
      }
      if (g < 0) {
        a = x;
      } else {
        b = x;
      }
      double next = d[1] > 0 ? x - g / d[1] : Double.NaN;
      if (!(next > a && next < b)) {
        next = Math.sqrt(a * b);
      }
      if (Math.abs(next - x) <= relativeTolerance * x || (b - a) <= relativeTolerance * a) {
        return new Result(next, it, false);
      }
      x = next;
    }
    return new Result(x, MAX_ITERATIONS, false);
  }
}
