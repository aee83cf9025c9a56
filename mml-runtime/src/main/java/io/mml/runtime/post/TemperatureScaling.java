package io.mml.runtime.post;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Temperature scaling (Guo et al. 2017): calibrated logits {@code z / T} with one temperature
 * {@code T > 0}. Fitted in {@code β = 1/T}, where the log-loss {@code mean(logΣexp(βz) − βz_y)} is
 * convex (its second derivative is the mean variance of the logits under the calibrated
 * probabilities), by safeguarded Newton steps with exact derivatives
 * ({@link ConvexScalarMinimiser}) within {@code T ∈ [1e-4, 1e4]}, plus {@code l2/2 · (β − 1)²}.
 */
public final class TemperatureScaling implements Calibrator {
  /** The id in configs and reports. */
  public static final String ID = "temperature";
  static final double MIN_BETA = 1e-4;
  static final double MAX_BETA = 1e4;

  private final double l2;

  /** A calibrator with the L2 penalty {@code l2 ≥ 0} towards {@code T = 1}. */
  public TemperatureScaling(double l2) {
    if (!(l2 >= 0) || Double.isInfinite(l2)) {
      throw new IllegalArgumentException("l2 must be a finite number >= 0: " + l2);
    }
    this.l2 = l2;
  }

  /**
   * A fitted temperature.
   *
   * @param temperature {@code T}: above 1 softens over-confident predictions, below 1 sharpens
   * @param atBound whether the fit stopped at the edge of {@code [1e-4, 1e4]} (e.g. a perfectly separated split)
   */
  public record Temperature(double temperature, boolean atBound) implements CalibrationMap {
    public Temperature {
      if (!(temperature > 0) || Double.isInfinite(temperature)) {
        throw new IllegalArgumentException("temperature must be a positive finite number: " + temperature);
      }
    }

    @Override
    public String method() {
      return ID;
    }

    @Override
    public double[] apply(double[] logits) {
      double[] out = new double[logits.length];
      for (int k = 0; k < logits.length; k++) {
        out[k] = logits[k] / temperature;
      }
      return out;
    }

    @Override
    public Map<String, Object> parameters() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("temperature", temperature);
      m.put("at_bound", atBound);
      return m;
    }
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Temperature fit(double[][] logits, int[] labels) {
    Calibrator.checkData(logits, labels);
    ConvexScalarMinimiser.Result r = ConvexScalarMinimiser.minimise(beta -> derivatives(logits, labels, beta),
        MIN_BETA, MAX_BETA, 1.0, 1e-12);
    return new Temperature(1 / r.x(), r.atBound());
  }

  /** {@code {f'(β), f''(β)}} of the mean log-loss plus the penalty. */
  private double[] derivatives(double[][] logits, int[] labels, double beta) {
    double g = 0;
    double h = 0;
    for (int i = 0; i < logits.length; i++) {
      double[] z = logits[i];
      double[] scaled = new double[z.length];
      for (int k = 0; k < z.length; k++) {
        scaled[k] = beta * z[k];
      }
      double[] p = Softmax.probabilities(scaled);
      double mean = 0;
      double square = 0;
      for (int k = 0; k < z.length; k++) {
        mean += p[k] * z[k];
        square += p[k] * z[k] * z[k];
      }
      g += mean - z[labels[i]];
      h += Math.max(0, square - mean * mean);
    }
    int n = logits.length;
    return new double[] {g / n + l2 * (beta - 1), h / n + l2};
  }
}
