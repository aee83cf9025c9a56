package io.mml.runtime.data.bench;

import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.Batch;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.mml.runtime.config.Config;
import io.mml.runtime.data.DataSplit;
import io.mml.runtime.data.SamplingOptions;
import io.mml.runtime.data.TaskDataset;
import io.mml.runtime.data.augment.AugmentationPipeline;
import io.mml.runtime.tasks.TaskDescription;
import io.mml.runtime.tasks.TaskDescriptions;
import io.mml.runtime.tasks.TaskFiles;
import io.mml.runtime.tasks.TaskHeader;
import io.mml.runtime.tasks.TaskStruct;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;

/**
 * Benchmark (b): images per second through {@link TaskDataset} (decode + augmentation pipeline +
 * NDArray batches, no cache) versus a bare {@code ImageIO.read} loop over the same PNGs, with 1
 * and 2 threads. Runs alternate (bare 1, dataset 1, bare 2, dataset 2) for 5 rounds after a
 * warm-up; medians are reported.
 * Usage: {@code DatasetThroughput <workDir> <outFile> [images=2000] [rounds=5]}.
 */
public final class DatasetThroughput {
  private static final String PIPELINE = "seed: 1\naugmentations:\n  normalization: imagenet\n  pipeline:\n"
      + "    - {name: flip, p: 0.5}\n    - {name: rotate, degrees: 15}\n    - {name: crop, size: [56, 56]}\n"
      + "    - {name: resize, size: [64, 64]}\n    - {name: color_jitter, brightness: 0.2, contrast: 0.2,"
      + " saturation: 0.2}\n";

  private DatasetThroughput() {}

  public static void main(String[] args) throws Exception {
    Path work = Path.of(args[0]).toAbsolutePath();
    Path out = Path.of(args[1]).toAbsolutePath();
    int n = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 5;
    TaskStruct task = generate(work, n);
    List<Path> files = task.imagePaths();
    Config cfg = Config.of((ObjectNode) new ObjectMapper(new YAMLFactory()).readTree(PIPELINE));
    AugmentationPipeline pipeline = AugmentationPipeline.fromConfig(cfg, task.header(), 3);
    int[] threads = {1, 2};
    double[][] bare = new double[threads.length][rounds];
    double[][] ds = new double[threads.length][rounds];
    double[][] plain = new double[threads.length][rounds];
    AugmentationPipeline none = AugmentationPipeline.identity(3);
    try (NDManager manager = NDManager.newBaseManager()) {
      for (int t : threads) { // warm-up
        bare(files, t);
        dataset(task, pipeline, t, manager, 0);
      }
      for (int r = 0; r < rounds; r++) {
        for (int i = 0; i < threads.length; i++) {
          bare[i][r] = bare(files, threads[i]);
          ds[i][r] = dataset(task, pipeline, threads[i], manager, r + 1);
          plain[i][r] = dataset(task, none, threads[i], manager, r + 1);
          System.out.printf("round %d, %d thread(s): bare %.0f img/s, dataset %.0f img/s, no-aug dataset %.0f img/s%n",
              r + 1, threads[i], bare[i][r], ds[i][r], plain[i][r]);
        }
      }
    }
    StringBuilder sb = new StringBuilder();
    sb.append(String.format("# dataset-throughput: %d PNGs 64x64 RGB, pipeline flip+rotate+crop56+resize64+"
        + "color_jitter+imagenet norm, no cache, batch 32; median of %d alternating rounds%n", files.size(), rounds));
    sb.append(String.format("# java %s, %d cores%n", System.getProperty("java.version"),
        Runtime.getRuntime().availableProcessors()));
    sb.append("# ratio = dataset / bare; no-aug = the same Dataset with no augmentation and no normalisation\n");
    sb.append(String.format("%-8s %12s %14s %8s %14s %12s%n", "threads", "bare img/s", "dataset img/s", "ratio",
        "no-aug img/s", "no-aug ratio"));
    for (int i = 0; i < threads.length; i++) {
      double b = median(bare[i]);
      double d = median(ds[i]);
      double p = median(plain[i]);
      sb.append(String.format("%-8d %12.0f %14.0f %8.2f %14.0f %12.2f%n", threads[i], b, d, d / b, p, p / b));
    }
    System.out.print(sb);
    Files.createDirectories(out.getParent());
    Files.writeString(out, sb.toString());
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  private static double bare(List<Path> files, int threads) throws Exception {
    long t0 = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Long>> fs = new ArrayList<>();
      for (int k = 0; k < threads; k++) {
        int start = k;
        fs.add(pool.submit(() -> {
          long sum = 0;
          for (int i = start; i < files.size(); i += threads) {
            BufferedImage img = ImageIO.read(files.get(i).toFile());
            sum += img.getWidth();
          }
          return sum;
        }));
      }
      for (Future<Long> f : fs) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    return files.size() / ((System.nanoTime() - t0) / 1e9);
  }

  private static double dataset(TaskStruct task, AugmentationPipeline p, int threads, NDManager m, int epoch)
      throws Exception {
    TaskDataset d = TaskDataset.builder(task, DataSplit.FULL_TRAIN, 0).optPipeline(p)
        .optSampling(SamplingOptions.defaults().withNumWorkers(threads)).build();
    d.setEpoch(epoch);
    long t0 = System.nanoTime();
    long n = 0;
    for (Batch b : d.getData(m)) {
      n += b.getSize();
      b.close();
    }
    return n / ((System.nanoTime() - t0) / 1e9);
  }

  private static TaskStruct generate(Path dir, int n) throws Exception {
    Path file = TaskFiles.descriptionFile(dir, "bench_png");
    Map<String, Map<String, Object>> train = new LinkedHashMap<>();
    List<List<String>> folds = List.of(new ArrayList<>(), new ArrayList<>());
    Random r = new Random(42);
    for (int i = 0; i < n; i++) {
      String id = "s" + i;
      Path img = dir.resolve("img/" + id + ".png");
      if (!Files.exists(img)) {
        BufferedImage b = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        int base = r.nextInt(1 << 24);
        for (int y = 0; y < 64; y++) {
          for (int x = 0; x < 64; x++) {
            b.setRGB(x, y, (base + ((x / 8 + y / 8) % 2) * 0x303030 + r.nextInt(16)) & 0xffffff);
          }
        }
        Files.createDirectories(img.getParent());
        ImageIO.write(b, "png", img.toFile());
      }
      train.put(id, Map.of("image", "img/" + id + ".png", "class", i % 2));
      folds.get(i % 2).add(id);
    }
    Map<String, List<String>> mods = new LinkedHashMap<>();
    mods.put("class", List.of());
    mods.put("image", List.of(".png"));
    TaskHeader h = new TaskHeader("bench_png", "classification", List.of(), mods, List.of(0.5, 0.5, 0.5),
        List.of(0.25, 0.25, 0.25), List.of(64, 64, 64, 64), new TreeMap<>(Map.of(0, "a", 1, "b")),
        Map.of("a", (long) (n - n / 2), "b", (long) (n / 2)), 2, n, "benchmark", "MIT", "2024", "", "", "");
    TaskDescriptions.write(file, new TaskDescription(h, folds, train, Map.of(), Map.of()));
    return new TaskStruct("bench_png", h, file);
  }
}
