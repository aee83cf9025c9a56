package io.mml.runtime.train;

/** The per-epoch progress bar; it reads the running loss only when it redraws. */
final class ProgressListener implements TrainingListener {
  private ProgressBar bar;

  @Override
  public void onEpochBegin(TrainingLoop loop) {
    bar = ProgressBar.forEpoch(loop.job().name(), loop.epoch() + 1, loop.options().maxEpochs(), loop.batches(),
        loop.options().progressBar());
  }

  @Override
  public void onBatchEnd(TrainingLoop loop) {
    bar.step(loop.batch(), loop::meanTrainLoss);
  }

  @Override
  public void onEpochEnd(TrainingLoop loop, EpochRecord record) {
    bar.done();
  }
}
