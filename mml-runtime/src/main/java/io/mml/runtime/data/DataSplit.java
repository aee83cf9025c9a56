package io.mml.runtime.data;

import java.util.Locale;

/** Which samples of a task a data set holds (as mml's {@code DataSplit}). */
public enum DataSplit {
  /** All training folds except {@code fold}. */
  TRAIN,
  /** Fold {@code fold} (empty when out of range). */
  VAL,
  /** All training samples. */
  FULL_TRAIN,
  /** The test samples. */
  TEST,
  /** The unlabelled samples (image only). */
  UNLABELLED;

  /** Lower-case name as in configs and file names. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether samples carry targets. */
  public boolean labelled() {
    return this != UNLABELLED;
  }
}
