package io.mml.runtime.scheduler;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.ServiceLoader;

/**
 * Seeds applied before every step. The step's own random source depends only on the run seed and
 * the step id, so a continued run draws the same numbers in a step as an uninterrupted one would.
 * Libraries with global generators (DJL's engine, later) plug in as {@link SeedHook}s.
 */
public final class Seeding {
  private static final List<SeedHook> HOOKS = ServiceLoader.load(SeedHook.class).stream()
      .map(ServiceLoader.Provider::get).toList();

  private Seeding() {}

  /** A library-wide generator to re-seed before every step (found with ServiceLoader). */
  public interface SeedHook {
    /** Re-seeds the library with this step's seed. */
    void seed(long stepSeed);
  }

  /** The seed of one step: a mix of the run seed and the step id. */
  public static long stepSeed(long runSeed, String stepId) {
    long h = 1125899906842597L;
    for (byte b : stepId.getBytes(StandardCharsets.UTF_8)) {
      h = 31 * h + b;
    }
    long z = runSeed ^ h;
    // SplitMix64 finaliser: spreads similar ids far apart.
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** A fresh random source for one step. */
  public static Random stepRandom(long runSeed, String stepId) {
    return new Random(stepSeed(runSeed, stepId));
  }

  /** Re-seeds every registered library hook for this step. */
  public static void apply(long runSeed, String stepId) {
    long s = stepSeed(runSeed, stepId);
    for (SeedHook h : HOOKS) {
      h.seed(s);
    }
  }
}
