package io.mml.runtime.post;

/** The calibration methods of the {@code post} mode ({@code mode.method}). */
public enum CalibrationMethod {
  /** One temperature for all classes: {@code z / T} (Guo et al. 2017); keeps the arg-max. */
  TEMPERATURE,
  /** A scale and a bias per class: {@code a ⊙ z + b} (vector scaling); may change the arg-max. */
  AFFINE;

  /** The calibrator of this method with the given L2 penalty towards the identity map. */
  public Calibrator calibrator(double l2) {
    return switch (this) {
      case TEMPERATURE -> new TemperatureScaling(l2);
      case AFFINE -> new AffineCalibration(l2);
    };
  }
}
