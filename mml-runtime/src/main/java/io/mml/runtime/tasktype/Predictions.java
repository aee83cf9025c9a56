package io.mml.runtime.tasktype;

/**
 * Model outputs and targets of one evaluation, one row per sample (or per pixel for segmentation).
 *
 * @param scores per row: class probabilities ({@code C} values) or a predicted value (1 value)
 * @param targets per row: the class index (1 value), a multi-hot vector ({@code C} values) or the
 *     target value (1 value)
 */
public record Predictions(float[][] scores, float[][] targets) {
  public Predictions {
    if (scores.length != targets.length) {
      throw new IllegalArgumentException("scores and targets differ in length: " + scores.length + " vs "
          + targets.length);
    }
  }

  /** The number of rows. */
  public int size() {
    return scores.length;
  }
}
