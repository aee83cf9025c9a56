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

  /** The config name ({@code flip}, {@code rotate}, ...). */
  String name();

  /** Whether it draws random numbers (random steps run only on training data; deterministic ones everywhere). */
  boolean isRandom();
}
