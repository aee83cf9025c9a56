package io.mml.runtime.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;
import java.util.List;

/**
 * The weighted sum of one loss per head: head {@code i}'s loss sees label {@code i} and prediction
 * {@code i} (model outputs are in head order, see {@link ModelSpec}).
 */
public final class MultitaskLoss extends Loss {
  private final List<Loss> losses;
  private final float[] weights;

  /**
   * @param losses one loss per head, head order
   * @param weights one non-negative weight per head
   */
  public MultitaskLoss(List<Loss> losses, List<Float> weights) {
    super("MultitaskLoss");
    if (losses.isEmpty() || losses.size() != weights.size()) {
      throw new IllegalArgumentException("Need one weight per loss: " + losses.size() + " losses, " + weights.size() + " weights");
    }
    this.losses = List.copyOf(losses);
    this.weights = new float[weights.size()];
    for (int i = 0; i < this.weights.length; i++) {
      float w = weights.get(i);
      if (!(w >= 0) || Float.isInfinite(w)) {
        throw new IllegalArgumentException("Loss weight " + i + " must be finite and >= 0, got " + w);
      }
      this.weights[i] = w;
    }
  }

  /** The per-head losses, head order. */
  public List<Loss> losses() {
    return losses;
  }

  @Override
  public NDArray evaluate(NDList labels, NDList predictions) {
    if (labels.size() != losses.size() || predictions.size() != losses.size()) {
      throw new IllegalArgumentException("Expected " + losses.size() + " labels and predictions, got " + labels.size()
          + " and " + predictions.size());
    }
    NDArray total = null;
    for (int i = 0; i < losses.size(); i++) {
      NDArray l = losses.get(i).evaluate(new NDList(labels.get(i)), new NDList(predictions.get(i))).mul(weights[i]);
      total = total == null ? l : total.add(l);
    }
    return total;
  }
}
