package io.mml.runtime.train;

import java.io.IOException;

/**
 * Tracks the monitored value ({@code trainer.monitor}, by {@code trainer.min_delta}): whether an
 * epoch improved it, the best value and epoch, epochs since the last improvement, and the best
 * parameters (kept in memory; the checkpoint listener writes them). Without a monitored value
 * (NaN, e.g. no validation data) the latest parameters count as the best.
 */
final class BestModelListener implements TrainingListener {
  private final String monitor;
  private final boolean higherIsBetter;
  private final double minDelta;

  BestModelListener(String monitor, boolean higherIsBetter, double minDelta) {
    this.monitor = monitor;
    this.higherIsBetter = higherIsBetter;
    this.minDelta = minDelta;
  }

  /** Whether {@code value} improves on {@code best}. */
  boolean improves(double value, double best) {
    return !Double.isNaN(value) && (Double.isNaN(best)
        || (higherIsBetter ? value > best + minDelta : value < best - minDelta));
  }

  @Override
  public void onEpochEnd(TrainingLoop loop, EpochRecord record) throws IOException {
    double value = record.value(monitor);
    boolean improved = improves(value, loop.bestValue());
    loop.setOutcome(improved, improved ? value : loop.bestValue(), improved ? record.epoch() : loop.bestEpoch(),
        improved ? 0 : loop.badEpochs() + 1);
    if (improved || Double.isNaN(value)) {
      loop.keepBest();
    }
  }
}
