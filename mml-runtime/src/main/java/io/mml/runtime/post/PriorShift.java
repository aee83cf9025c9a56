package io.mml.runtime.post;

/**
 * Moves posteriors from one class prior to another by Bayes' rule: the logits gain
 * {@code log to_k − log from_k} (see {@link PriorOption}).
 *
 * @param from the prior the probabilities were calibrated for
 * @param to the prior they are meant for
 */
public record PriorShift(double[] from, double[] to) {
  public PriorShift {
    if (from.length != to.length) {
      throw new IllegalArgumentException("priors differ in classes: " + from.length + " vs " + to.length);
    }
    for (int k = 0; k < from.length; k++) {
      if (!(from[k] > 0) || !(to[k] > 0)) {
        throw new IllegalArgumentException("prior probabilities must be > 0");
      }
    }
    from = from.clone();
    to = to.clone();
  }

  /** The shifted logits of one sample. */
  public double[] apply(double[] logits) {
    double[] out = new double[logits.length];
    for (int k = 0; k < logits.length; k++) {
      out[k] = logits[k] + Math.log(to[k]) - Math.log(from[k]);
    }
    return out;
  }

  /** The shifted logits of every sample. */
  public double[][] apply(double[][] logits) {
    double[][] out = new double[logits.length][];
    for (int i = 0; i < logits.length; i++) {
      out[i] = apply(logits[i]);
    }
    return out;
  }

  /** Whether it changes nothing (equal priors). */
  public boolean identity() {
    return java.util.Arrays.equals(from, to);
  }

  @Override
  public double[] from() {
    return from.clone();
  }

  @Override
  public double[] to() {
    return to.clone();
  }
}
