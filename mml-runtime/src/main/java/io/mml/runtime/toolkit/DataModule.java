package io.mml.runtime.toolkit;

import io.mml.runtime.config.Config;
import io.mml.runtime.data.DataSplit;
import io.mml.runtime.data.DecodedCache;
import io.mml.runtime.data.TaskDataset;
import io.mml.runtime.tasks.TaskStruct;
import io.mml.runtime.train.TrainingSetup;

/**
 * The data of one task and fold as the composed config shapes it (the seed's
 * {@code create_datamodule}): {@code sampling} (batch size, {@code sample_num}, balancing, workers,
 * caching), {@code augmentations} (the training pipeline, normalisation) and {@code preprocessing}
 * (which preprocessed images are read). Its data sets are DJL {@code RandomAccessDataset}s; the
 * train mode trains on exactly these. A mode's {@code defaults} (e.g. {@code augmentations=no_norm
 * sampling=extraction_default}) therefore shape what a step gets here.
 *
 * @param task the task
 * @param fold the fold whose complement is the training split (the fold itself is validation)
 * @param channels the images' channel count after conversion (from {@code arch.input_channels})
 * @param config the composed run config
 * @param cache the run's decoded-image cache (shared by every data module of the run)
 */
public record DataModule(TaskStruct task, int fold, int channels, Config config, DecodedCache cache) {
  /** The training split of this fold, augmented (the training pipeline of {@code augmentations}). */
  public TaskDataset train() {
    return dataset(DataSplit.TRAIN, true);
  }

  /** The validation split (this fold), with only the deterministic steps. */
  public TaskDataset val() {
    return dataset(DataSplit.VAL, false);
  }

  /** The held-out test split. */
  public TaskDataset test() {
    return dataset(DataSplit.TEST, false);
  }

  /** Every training sample (all folds), with only the deterministic steps: for statistics and features. */
  public TaskDataset all() {
    return dataset(DataSplit.FULL_TRAIN, false);
  }

  /**
   * Every training sample (all folds) as {@code sampling} draws them for training
   * ({@code sample_num} random draws when set, balancing), through the training steps of
   * {@code augmentations}: the extraction data of mml. With {@code augmentations=no_norm} these
   * are the images as stored, values in [0, 1]; statistics and feature extraction read this.
   */
  public TaskDataset sampled() {
    return dataset(DataSplit.FULL_TRAIN, true);
  }

  /** The unlabelled split. */
  public TaskDataset unlabelled() {
    return dataset(DataSplit.UNLABELLED, false);
  }

  /**
   * A split; {@code training} applies the random augmentation steps and the training sampling
   * (shuffling, balancing, {@code sample_num}), otherwise only the deterministic steps.
   */
  public TaskDataset dataset(DataSplit split, boolean training) {
    return TrainingSetup.dataset(task, split, fold, config, cache, training, channels);
  }
}
