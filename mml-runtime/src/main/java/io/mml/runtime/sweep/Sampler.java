package io.mml.runtime.sweep;

import java.util.List;
import java.util.Map;
import java.util.Random;

/** Proposes the next trial of a search from the finished ones. */
public interface Sampler {
  /**
   * The override values of trial {@code number}. Deterministic: the same history and seed give the
   * same proposal, so a continued sweep draws what the uninterrupted one would have.
   *
   * @param history the finished trials, in order
   */
  Map<String, String> propose(int number, List<Trial> history);

  /** The random source of trial {@code number} of a search seeded with {@code seed}. */
  static Random random(long seed, int number) {
    long z = seed * 0x9E3779B97F4A7C15L + number * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 31)) * 0x94D049BB133111EBL;
    return new Random(z ^ (z >>> 29));
  }
}
