package io.mml.bench.train;

import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.Batch;
import io.mml.runtime.config.Config;
import io.mml.runtime.data.DataSplit;
import io.mml.runtime.data.DecodedCache;
import io.mml.runtime.data.SamplingOptions;
import io.mml.runtime.data.TaskDataset;
import io.mml.runtime.models.SpecToDjl;
import io.mml.runtime.tasks.TaskIndex;
import io.mml.runtime.tasks.TaskStruct;
import io.mml.runtime.train.TrainingSetup;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Driver of bench/data/vs-pil.sh: images/s of a training epoch through {@link TaskDataset} batches
 * with {@code augmentations=basic} (flip, rotate by up to 15 degrees, random 28x28 crop, resize to
 * 32x32, ImageNet normalisation; one NDArray per batch of 64) on the
 * task's full training split, cold (no cache: decode every pass) and warm (decoded-image cache
 * filled), with {@code num_workers} given. Prints JSON lines like bench/data/pil_pipeline.py.
 */
public final class DataPipelineBench {
  private DataPipelineBench() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> a = BenchSupport.args(args);
    Path data = Path.of(a.get("data"));
    String task = a.get("task");
    int passes = Integer.parseInt(a.getOrDefault("passes", "3"));
    int workers = Integer.parseInt(a.getOrDefault("workers", "0"));
    Config cfg = BenchSupport.trainConfigFor(data, data.resolveSibling("bench-results"), task, List.of(
        "num_workers=" + workers, "sampling.batch_size=64", "augmentations=basic"));
    TaskStruct t = TaskStruct.of(TaskIndex.scan(data), task);
    try (NDManager manager = NDManager.newBaseManager(SpecToDjl.ENGINE)) {
      for (String mode : List.of("cold", "warm")) {
        DecodedCache cache = mode.equals("warm") ? SamplingOptions.fromConfig(cfg).newCache() : null;
        TaskDataset d = TrainingSetup.dataset(t, DataSplit.FULL_TRAIN, 0, cfg, cache, true);
        for (int p = 0; p < passes + (cache != null ? 1 : 0); p++) {
          long t0 = System.nanoTime();
          int n = 0;
          for (Batch b : d.epochBatches(manager, p)) {
            n += b.getSize();
            b.close();
          }
          if (cache != null && p == 0) {
            continue; // fills the cache
          }
          System.out.printf(Locale.ROOT, "{\"mode\": \"%s\", \"images\": %d, \"seconds\": %.6f}%n", mode, n,
              (System.nanoTime() - t0) / 1e9);
        }
      }
    }
  }
}
