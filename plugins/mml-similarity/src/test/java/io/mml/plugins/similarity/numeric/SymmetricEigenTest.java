package io.mml.plugins.similarity.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SymmetricEigenTest {
  @Test
  void twoByTwoHasItsClosedFormEigenvalues() {
    // [[2, 1], [1, 2]]: eigenvalues 3 and 1, eigenvectors (1, 1) and (1, -1) / sqrt 2.
    SymmetricEigen e = SymmetricEigen.of(new double[][] {{2, 1}, {1, 2}});
    assertEquals(3, e.values()[0], 1e-12);
    assertEquals(1, e.values()[1], 1e-12);
    assertEquals(1, Math.abs(e.vectors()[0][0] + e.vectors()[1][0]) / Math.sqrt(2), 1e-12);
    assertEquals(0, e.vectors()[0][0] - e.vectors()[1][0], 1e-12);
  }

  @Test
  void randomSymmetricMatrixIsReconstructedFromOrthonormalEigenvectors() {
    int n = 40;
    Random r = new Random(3);
    double[][] a = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = i; j < n; j++) {
        a[i][j] = r.nextGaussian();
        a[j][i] = a[i][j];
      }
    }
    SymmetricEigen e = SymmetricEigen.of(a);
    double[][] back = e.apply(x -> x);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        assertEquals(a[i][j], back[i][j], 1e-10);
        double dot = 0;
        for (int k = 0; k < n; k++) {
          dot += e.vectors()[k][i] * e.vectors()[k][j];
        }
        assertEquals(i == j ? 1 : 0, dot, 1e-10, "orthonormal columns");
      }
    }
    for (int k = 1; k < n; k++) {
      assertTrue(e.values()[k - 1] >= e.values()[k], "descending");
    }
    assertEquals(Matrices.trace(a), java.util.Arrays.stream(e.values()).sum(), 1e-10);
  }

  @Test
  void squareRootOfAPsdMatrixSquaresBack() {
    double[][] s = {{4, 1, 0}, {1, 3, 1}, {0, 1, 2}};
    double[][] root = SymmetricEigen.of(s).apply(FrechetDistance::sqrtPsd);
    double[][] sq = Matrices.multiply(root, root);
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        assertEquals(s[i][j], sq[i][j], 1e-12);
      }
    }
  }

  @Test
  void classicalMdsRecoversTheDistancesOfPlanarPoints() {
    double[][] pts = {{0, 0}, {3, 0}, {0, 4}, {1, 1}, {-2, 5}};
    int n = pts.length;
    double[][] d = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        d[i][j] = Math.sqrt(Matrices.squaredDistance(pts[i], pts[j]));
      }
    }
    double[][] xy = ClassicalMds.embed(d);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        assertEquals(d[i][j], Math.sqrt(Matrices.squaredDistance(xy[i], xy[j])), 1e-9);
      }
    }
  }
}
