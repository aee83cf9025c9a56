package io.mml.runtime.data;

import io.mml.runtime.config.Config;
import io.mml.runtime.config.ConfigBinder;
import io.mml.runtime.config.ConfigException;

/**
 * The {@code sampling} config group plus the worker count and seed.
 *
 * @param batchSize samples per batch ({@code sampling.batch_size}); for multitask batches, split over the tasks
 * @param sampleNum samples per training epoch ({@code sampling.sample_num}); 0 = one pass over the data
 * @param balanced draw classes equally often on training data ({@code sampling.balanced}; classification only)
 * @param dropLast drop the last incomplete batch ({@code sampling.drop_last})
 * @param enableCaching keep decoded images in memory between epochs ({@code sampling.enable_caching})
 * @param cacheMaxSize at most this many decoded images/masks cached ({@code sampling.cache_max_size})
 * @param cacheMaxMb at most this many MiB of decoded pixels cached ({@code sampling.cache_max_mb})
 * @param numWorkers decoding/augmentation threads ({@code sampling.num_workers}: the top-level {@code num_workers}
 *     unless a sampling option sets its own)
 * @param seed base seed (top-level {@code seed}); per-sample randomness is derived from (seed, epoch, position)
 */
public record SamplingOptions(int batchSize, int sampleNum, boolean balanced, boolean dropLast, boolean enableCaching,
    int cacheMaxSize, long cacheMaxMb, int numWorkers, long seed) {
  public SamplingOptions {
    if (batchSize <= 0) {
      throw new ConfigException("sampling.batch_size", "Config key 'sampling.batch_size' must be positive; found "
          + batchSize + ".");
    }
    if (sampleNum < 0) {
      throw new ConfigException("sampling.sample_num", "Config key 'sampling.sample_num' must be 0 (one pass over the"
          + " data) or positive; found " + sampleNum + ".");
    }
    if (numWorkers < 0) {
      throw new ConfigException("sampling.num_workers", "Config key 'sampling.num_workers' (by default the top-level"
          + " num_workers) must be 0 or more; found " + numWorkers + ".");
    }
  }

  /** Batch size 32, one pass, no balancing, no cache, one worker, seed 42. */
  public static SamplingOptions defaults() {
    return new SamplingOptions(32, 0, false, false, false, 10000, 1024, 1, 42);
  }

  /** The {@code sampling} group as written in its YAML (every key required there). */
  private record Group(int batchSize, int sampleNum, boolean balanced, boolean dropLast, boolean enableCaching,
      int cacheMaxSize, long cacheMaxMb, int numWorkers) {}

  /**
   * Reads the {@code sampling} group and the top-level {@code seed} (null means 0, as for the
   * steps); every key of the group must be set (its YAML sets them: defaults live there).
   */
  public static SamplingOptions fromConfig(Config cfg) {
    Group g = ConfigBinder.bind(cfg, "sampling", Group.class);
    long seed = cfg.has("seed") && !cfg.node("seed").orElseThrow().isNull() ? cfg.getLong("seed") : 0L;
    return new SamplingOptions(g.batchSize(), g.sampleNum(), g.balanced(), g.dropLast(), g.enableCaching(),
        g.cacheMaxSize(), g.cacheMaxMb(), g.numWorkers(), seed);
  }

  /** A cache sized by these options, or null when caching is off. */
  public DecodedCache newCache() {
    return enableCaching ? new DecodedCache(cacheMaxSize, cacheMaxMb * 1024 * 1024) : null;
  }

  public SamplingOptions withBatchSize(int n) {
    return new SamplingOptions(n, sampleNum, balanced, dropLast, enableCaching, cacheMaxSize, cacheMaxMb, numWorkers,
        seed);
  }

  public SamplingOptions withNumWorkers(int n) {
    return new SamplingOptions(batchSize, sampleNum, balanced, dropLast, enableCaching, cacheMaxSize, cacheMaxMb, n,
        seed);
  }

  public SamplingOptions withBalanced(boolean b, int newSampleNum) {
    return new SamplingOptions(batchSize, newSampleNum, b, dropLast, enableCaching, cacheMaxSize, cacheMaxMb,
        numWorkers, seed);
  }

  public SamplingOptions withCaching(boolean on) {
    return new SamplingOptions(batchSize, sampleNum, balanced, dropLast, on, cacheMaxSize, cacheMaxMb, numWorkers,
        seed);
  }

  public SamplingOptions withDropLast(boolean b) {
    return new SamplingOptions(batchSize, sampleNum, balanced, b, enableCaching, cacheMaxSize, cacheMaxMb, numWorkers,
        seed);
  }
}
