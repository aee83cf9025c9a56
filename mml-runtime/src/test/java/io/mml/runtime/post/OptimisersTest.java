package io.mml.runtime.post;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OptimisersTest {
  @Test
  void lbfgsFindsTheMinimumOfTheRosenbrockFunction() {
    Lbfgs.Result r = Lbfgs.minimise((x, g) -> {
      double a = 1 - x[0];
      double b = x[1] - x[0] * x[0];
      g[0] = -2 * a - 400 * x[0] * b;
      g[1] = 200 * b;
      return a * a + 100 * b * b;
    }, new double[] {-1.2, 1}, 1e-10, 1000);
    assertTrue(r.converged(), r.toString());
    assertArrayEquals(new double[] {1, 1}, r.x(), 1e-6);
    assertEquals(0, r.value(), 1e-12);
  }

  @Test
  void lbfgsSolvesAnIllConditionedQuadratic() {
    double[] d = {1, 10, 100, 1000};
    double[] c = {1, -2, 3, -4};
    Lbfgs.Result r = Lbfgs.minimise((x, g) -> {
      double f = 0;
      for (int i = 0; i < x.length; i++) {
        g[i] = d[i] * (x[i] - c[i]);
        f += 0.5 * d[i] * (x[i] - c[i]) * (x[i] - c[i]);
      }
      return f;
    }, new double[4], 1e-10, 500);
    assertTrue(r.converged());
    assertArrayEquals(c, r.x(), 1e-9);
  }

  @Test
  void scalarMinimiserFindsTheMinimumOfAConvexFunction() {
    // f(x) = x - 3 log x has its minimum at 3; f' = 1 - 3/x, f'' = 3/x²
    ConvexScalarMinimiser.Result r = ConvexScalarMinimiser.minimise(x -> new double[] {1 - 3 / x, 3 / (x * x)},
        1e-4, 1e4, 1, 1e-12);
    assertEquals(3, r.x(), 1e-10);
    assertFalse(r.atBound());
  }

  @Test
  void scalarMinimiserFallsBackToBisectionWhereNewtonOvershoots() {
    // f = sqrt(1 + (x-2)²): Newton from far away overshoots wildly; the bracket keeps it converging.
    ConvexScalarMinimiser.Result r = ConvexScalarMinimiser.minimise(x -> {
      double u = x - 2;
      double s = Math.sqrt(1 + u * u);
      return new double[] {u / s, 1 / (s * s * s)};
    }, 1e-4, 1e4, 500, 1e-12);
    assertEquals(2, r.x(), 1e-9);
  }

  @Test
  void scalarMinimiserStopsAtTheBoundTheSlopePointsTo() {
    ConvexScalarMinimiser.Result r = ConvexScalarMinimiser.minimise(x -> new double[] {-1, 0}, 0.5, 8, 1, 1e-12);
    assertEquals(8, r.x());
    assertTrue(r.atBound());
  }
}
