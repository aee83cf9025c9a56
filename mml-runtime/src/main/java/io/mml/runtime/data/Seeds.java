package io.mml.runtime.data;

import java.util.Random;

/** Derives independent, reproducible seeds from (seed, epoch, position) with SplitMix64 mixing. */
public final class Seeds {
  private Seeds() {}

  /** SplitMix64's finaliser. */
  public static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** A seed for the given parts; different part lists give unrelated seeds. */
  public static long of(long... parts) {
    long h = 0x9e3779b97f4a7c15L;
    for (long p : parts) {
      h = mix(h + p * 0x9e3779b97f4a7c15L + 0x632be59bd9b4e019L);
    }
    return h;
  }

  /** A fresh Random for the given parts. */
  public static Random random(long... parts) {
    return new Random(of(parts));
  }
}
