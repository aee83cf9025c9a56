package io.mml.runtime.data.augment;

import java.util.Random;

/**
 * One step of an augmentation pipeline. Implementations are immutable and thread-safe; all
 * randomness comes from the {@code rng} passed in, so a seeded {@code Random} per sample makes
 * the result reproducible regardless of which thread runs it. Inputs are never modified.
 */
public interface Transform {
  /** Applies the step. */
  ImageAndMask apply(ImageAndMask in, Random rng);

  /**
   * As {@link #apply}, but allowed to overwrite the pixel and label arrays of {@code in}: the
   * pipeline calls it once an earlier step has made arrays nobody else holds, which saves one
   * array per pointwise step and sample. Must give exactly what {@link #apply} gives.
   */
  default ImageAndMask applyOwned(ImageAndMask in, Random rng) {
    return apply(in, rng);
  }

  /** The config name ({@code flip}, {@code rotate}, ...). */
  String name();

  /** Whether it draws random numbers (random steps run only on training data; deterministic ones everywhere). */
  boolean isRandom();
}
