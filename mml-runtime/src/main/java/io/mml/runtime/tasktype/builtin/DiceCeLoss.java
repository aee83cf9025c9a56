package io.mml.runtime.tasktype.builtin;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.loss.Loss;

/**
 * Cross entropy plus soft Dice for segmentation. Predictions are logits {@code (N, C, H, W)};
 * labels are class indices {@code (N, H, W)} or {@code (N, 1, H, W)}. CE is the mean over pixels;
 * Dice per class is {@code (2 Σ p·g + s) / (Σ p + Σ g + s)} over the batch, and the Dice term is
 * {@code 1 −} its mean over classes. Pixels labelled 255 (the documented ignore value, also what resize
 * padding writes) are left out of both terms.
 */
public final class DiceCeLoss extends Loss {
  private final float ceWeight;
  private final float diceWeight;
  private final float smooth;

  public DiceCeLoss(String name, float ceWeight, float diceWeight, float smooth) {
    super(name);
    this.ceWeight = ceWeight;
    this.diceWeight = diceWeight;
    this.smooth = smooth;
  }

  @Override
  public NDArray evaluate(NDList labels, NDList predictions) {
    NDArray logits = predictions.singletonOrThrow();
    long[] s = logits.getShape().getShape();
    int classes = (int) s[1];
    NDArray label = labels.singletonOrThrow().reshape(s[0], s[2], s[3]).toType(DataType.INT64, false);
    // Pixels labelled 255 (ignore; also the padding of resize steps) or outside the classes count nowhere.
    NDArray valid = label.gte(0).logicalAnd(label.lt(classes));
    NDArray validF = valid.toType(DataType.FLOAT32, false).expandDims(1);
    NDArray oneHot = label.mul(valid.toType(DataType.INT64, false)).oneHot(classes).transpose(0, 3, 1, 2)
        .mul(validF);
    NDArray ce = logits.logSoftmax(1).mul(oneHot).sum().div(validF.sum().maximum(1f)).neg();
    NDArray prob = logits.softmax(1).mul(validF);
    int[] pooled = {0, 2, 3};
    NDArray intersection = prob.mul(oneHot).sum(pooled);
    NDArray denominator = prob.sum(pooled).add(oneHot.sum(pooled));
    NDArray dice = intersection.mul(2).add(smooth).div(denominator.add(smooth));
    NDArray diceLoss = dice.mean().neg().add(1);
    return ce.mul(ceWeight).add(diceLoss.mul(diceWeight));
  }
}
