package io.mml.runtime.tasktype.builtin;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.loss.Loss;

/**
 * Softmax cross entropy with a weight per class, averaged as PyTorch does:
 * {@code -Σ_i w_{y_i} log p_{i,y_i} / Σ_i w_{y_i}}. Predictions are logits {@code (N, C)}; labels
 * are class indices {@code (N)} or {@code (N, 1)}.
 */
public final class WeightedCrossEntropyLoss extends Loss {
  private final float[] weights;

  public WeightedCrossEntropyLoss(String name, float[] weights) {
    super(name);
    this.weights = weights.clone();
  }

  @Override
  public NDArray evaluate(NDList labels, NDList predictions) {
    NDArray logits = predictions.singletonOrThrow();
    int classes = (int) logits.getShape().get(logits.getShape().dimension() - 1);
    if (classes != weights.length) {
      throw new IllegalArgumentException("the model has " + classes + " outputs but " + weights.length
          + " class weights are set");
    }
    NDArray oneHot = labels.singletonOrThrow().reshape(-1).toType(DataType.INT64, false).oneHot(classes);
    NDArray picked = logits.logSoftmax(-1).mul(oneHot).sum(new int[] {-1});
    NDArray w = oneHot.mul(logits.getManager().create(weights)).sum(new int[] {-1});
    return picked.mul(w).sum().neg().div(w.sum());
  }
}
