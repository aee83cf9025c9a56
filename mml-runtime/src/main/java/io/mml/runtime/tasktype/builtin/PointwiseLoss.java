package io.mml.runtime.tasktype.builtin;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * The mean Huber loss of predicted values: {@code ½ d²} for {@code |d| ≤ δ}, else {@code δ (|d| − ½ δ)}.
 * With {@code δ = ∞} it is the plain mean squared error {@code d²} instead. Labels
 * are reshaped to the predictions' shape ({@code (N)} against {@code (N, 1)} would broadcast).
 */
public final class PointwiseLoss extends Loss {
  private final float delta;

  public PointwiseLoss(String name, float delta) {
    super(name);
    if (!(delta > 0)) {
      throw new IllegalArgumentException("delta must be > 0; got " + delta);
    }
    this.delta = delta;
  }

  @Override
  public NDArray evaluate(NDList labels, NDList predictions) {
    NDArray pred = predictions.singletonOrThrow();
    NDArray diff = pred.sub(labels.singletonOrThrow().reshape(pred.getShape()).toType(pred.getDataType(), false));
    if (Float.isInfinite(delta)) {
      return diff.square().mean();
    }
    NDArray abs = diff.abs();
    NDArray quadratic = abs.minimum(delta);
    return quadratic.square().mul(0.5f).add(abs.sub(quadratic).mul(delta)).mean();
  }
}
