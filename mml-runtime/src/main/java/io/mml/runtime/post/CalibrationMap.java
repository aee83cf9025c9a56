package io.mml.runtime.post;

import java.util.Map;

/** A fitted calibration: maps a sample's logits to calibrated logits (softmax gives the probabilities). */
public interface CalibrationMap {
  /** The method that fitted it ({@link Calibrator#id()}). */
  String method();

  /** The calibrated logits of one sample. */
  double[] apply(double[] logits);

  /** The calibrated logits of every sample. */
  default double[][] apply(double[][] logits) {
    double[][] out = new double[logits.length][];
    for (int i = 0; i < logits.length; i++) {
      out[i] = apply(logits[i]);
    }
    return out;
  }

  /** The fitted parameters by name, for reports (numbers and arrays of numbers). */
  Map<String, Object> parameters();
}
