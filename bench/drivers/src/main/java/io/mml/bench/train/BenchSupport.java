package io.mml.bench.train;

import io.mml.runtime.config.Config;
import io.mml.runtime.config.ConfigComposer;
import io.mml.runtime.config.ConfigSources;
import io.mml.runtime.data.DataSplit;
import io.mml.runtime.data.DecodedCache;
import io.mml.runtime.data.Sample;
import io.mml.runtime.data.SampleBatches;
import io.mml.runtime.data.TaskDataset;
import io.mml.runtime.tasks.DemoTasks;
import io.mml.runtime.tasks.TaskIndex;
import io.mml.runtime.tasks.TaskStruct;
import io.mml.runtime.train.TrainingSetup;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Shared pieces of the train/inference bench drivers: arguments, the composed train config, demo data, statistics. */
final class BenchSupport {
  private BenchSupport() {}

  /** {@code --key value} pairs. */
  static Map<String, String> args(String[] args) {
    Map<String, String> a = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      a.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    return a;
  }

  /**
   * The config the train mode composes for {@code train tasks=demo} (mode defaults sampling=train,
   * augmentations=basic, arch=cnn unless overridden), with the given extra overrides.
   */
  static Config trainConfig(Path data, Path results, List<String> extra) {
    ConfigComposer composer = new ConfigComposer(ConfigSources.load(BenchSupport.class.getClassLoader(), List.of()));
    List<String> overrides = new ArrayList<>(List.of("tasks=demo", "task_list=[demo_shapes]", "data_dir=" + data,
        "out_dir=" + results));
    overrides.addAll(extra);
    return composer.compose("train", overrides).config();
  }

  /** The config {@code train task_list=[<task>]} composes on a data folder, with extra overrides. */
  static Config trainConfigFor(Path data, Path results, String task, List<String> extra) {
    ConfigComposer composer = new ConfigComposer(ConfigSources.load(BenchSupport.class.getClassLoader(), List.of()));
    List<String> overrides = new ArrayList<>(List.of("task_list=[" + task + "]", "data_dir=" + data,
        "out_dir=" + results));
    overrides.addAll(extra);
    return composer.compose("train", overrides).config();
  }

  /** Installs the demo tasks (once) and returns demo_shapes. */
  static TaskStruct demoShapes(Path data) {
    DemoTasks.ensureInstalled(data);
    return TaskStruct.of(TaskIndex.scan(data), "demo_shapes");
  }

  /** Decodes every image of the splits once through the cache (so timed passes compare loops, not decoding). */
  static void warm(TaskStruct task, Config cfg, DecodedCache cache, DataSplit... splits) throws IOException {
    for (DataSplit s : splits) {
      TaskDataset d = TrainingSetup.dataset(task, s, 0, cfg, cache, false);
      try (SampleBatches it = d.sampleBatches(0, 64)) {
        while (it.hasNext()) {
          List<Sample> unused = it.next();
          if (unused.isEmpty()) {
            throw new IllegalStateException();
          }
        }
      }
    }
  }

  /** "median [min..max]" with the given format. */
  static String stats(List<Double> v, String fmt) {
    double[] s = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return String.format(Locale.ROOT, fmt + " [" + fmt + ".." + fmt + "]", median(v), s[0], s[s.length - 1]);
  }

  static double median(List<Double> v) {
    double[] s = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }

  static double mean(double[] v, int from) {
    return Arrays.stream(v, from, v.length).average().orElse(Double.NaN);
  }
}
