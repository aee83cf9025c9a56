package io.mml.runtime.train;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Stops when the monitored value has not improved for {@code trainer.early_stopping_patience} epochs (0: never). */
final class EarlyStoppingListener implements TrainingListener {
  private static final Logger LOG = LoggerFactory.getLogger(FoldTrainer.class);
  private final int patience;
  private final String monitor;

  EarlyStoppingListener(int patience, String monitor) {
    this.patience = patience;
    this.monitor = monitor;
  }

  @Override
  public void onEpochEnd(TrainingLoop loop, EpochRecord record) {
    if (patience > 0 && loop.badEpochs() >= patience) {
      LOG.info("{}: early stopping after epoch {}: {} did not improve for {} epochs (best {} at epoch {})",
          loop.job().name(), record.epoch() + 1, monitor, loop.badEpochs(), EpochLogListener.f(loop.bestValue()),
          loop.bestEpoch() + 1);
      loop.stop();
    }
  }
}
