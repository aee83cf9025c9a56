package io.mml.runtime.post;

/**
 * Fits a {@link CalibrationMap} from logits to calibrated logits by minimising the log-loss on
 * labelled samples (the validation split), plus an L2 penalty that pulls the parameters towards the
 * identity map: without it the fit of a perfectly separated validation split diverges (the loss
 * keeps falling as the logits are scaled up).
 */
public interface Calibrator {
  /** The method's id in configs and reports ({@code temperature}, {@code affine}). */
  String id();

  /**
   * Fits the map.
   *
   * @param logits per sample, one logit per class
   * @param labels per sample, its class index (every sample labelled)
   */
  CalibrationMap fit(double[][] logits, int[] labels);

  /** Checks the fitting data: equal lengths, at least one sample, labels in range. */
  static void checkData(double[][] logits, int[] labels) {
    if (logits.length == 0 || logits.length != labels.length) {
      throw new IllegalArgumentException("calibration needs labelled samples: " + logits.length + " logit rows, "
          + labels.length + " labels");
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= logits[i].length) {
        throw new IllegalArgumentException("sample " + i + " has label " + labels[i] + " outside 0.."
            + (logits[i].length - 1));
      }
    }
  }
}
