package io.mml.runtime.data;

import io.mml.runtime.config.Config;
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
 * @param numWorkers decoding/augmentation threads ({@code sampling.num_workers}, else top-level {@code num_workers})
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
      throw new ConfigException("num_workers", "The worker count must be 0 or more; found " + numWorkers + ".");
    }
  }

  /** Batch size 32, one pass, no balancing, no cache, one worker, seed 42. */
  public static SamplingOptions defaults() {
    return new SamplingOptions(32, 0, false, false, false, 10000, 1024, 1, 42);
  }

  /** Reads {@code sampling.*}, {@code num_workers} and {@code seed}; missing keys keep the defaults. */
  public static SamplingOptions fromConfig(Config cfg) {
    SamplingOptions d = defaults();
    int workers = cfg.has("sampling.num_workers") ? cfg.getInt("sampling.num_workers")
        : cfg.has("num_workers") ? cfg.getInt("num_workers") : d.numWorkers();
    return new SamplingOptions(
        cfg.has("sampling.batch_size") ? cfg.getInt("sampling.batch_size") : d.batchSize(),
        cfg.has("sampling.sample_num") ? cfg.getInt("sampling.sample_num") : d.sampleNum(),
        cfg.has("sampling.balanced") && cfg.getBoolean("sampling.balanced"),
        cfg.has("sampling.drop_last") && cfg.getBoolean("sampling.drop_last"),
        cfg.has("sampling.enable_caching") && cfg.getBoolean("sampling.enable_caching"),
        cfg.has("sampling.cache_max_size") ? cfg.getInt("sampling.cache_max_size") : d.cacheMaxSize(),
        cfg.has("sampling.cache_max_mb") ? cfg.getLong("sampling.cache_max_mb") : d.cacheMaxMb(),
        workers,
        cfg.has("seed") ? cfg.getLong("seed") : d.seed());
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
