package io.mml.runtime.train;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one training epoch measured.
 *
 * @param epoch the epoch (0-based)
 * @param lr the learning rate used
 * @param trainLoss mean training loss
 * @param valLoss mean validation loss (NaN without validation data)
 * @param metrics validation metrics by name
 * @param seconds wall time of the epoch
 */
public record EpochRecord(int epoch, double lr, double trainLoss, double valLoss, Map<String, Double> metrics,
    double seconds) {
  public EpochRecord {
    metrics = new LinkedHashMap<>(metrics);
  }

  /** The value of a monitored quantity: {@code val_loss}, {@code train_loss} or a metric name. */
  public double value(String monitor) {
    return switch (monitor) {
      case "val_loss" -> valLoss;
      case "train_loss" -> trainLoss;
      default -> metrics.getOrDefault(monitor, Double.NaN);
    };
  }
}
