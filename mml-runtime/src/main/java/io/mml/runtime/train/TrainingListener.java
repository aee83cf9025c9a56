package io.mml.runtime.train;

import java.io.IOException;

/**
 * One concern of the training loop (learning-rate schedule, progress, best model, early stopping,
 * checkpoints, the epoch log line), called by {@link FoldTrainer} at the loop's events, as DJL's
 * {@code TrainingListener} is by {@code EasyTrain}. Listeners run in the order the loop lists them
 * and talk to each other only through the {@link TrainingLoop} they are given.
 */
public interface TrainingListener {
  /** Before the first batch of an epoch (also of an epoch resumed in the middle). */
  default void onEpochBegin(TrainingLoop loop) throws IOException {}

  /** After each optimizer step. */
  default void onBatchEnd(TrainingLoop loop) throws IOException {}

  /**
   * After the epoch's validation, with the loop already advanced ({@link TrainingLoop#epoch()} is
   * the next epoch and the record is the last of {@link TrainingLoop#history()}).
   */
  default void onEpochEnd(TrainingLoop loop, EpochRecord record) throws IOException {}

  /** After the last epoch (or early stopping). */
  default void onTrainingEnd(TrainingLoop loop) throws IOException {}
}
