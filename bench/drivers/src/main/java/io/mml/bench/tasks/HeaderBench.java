package io.mml.bench.tasks;

import io.mml.runtime.tasks.TaskDescription;
import io.mml.runtime.tasks.TaskDescriptions;
import io.mml.runtime.tasks.TaskHeader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Issue 3 benchmark (a): reading only the header of a task description with 1,000,000 samples
 * versus reading the whole description, alternating, median of the repetitions.
 * Usage: HeaderBench <out dir> [samples=1000000] [reps=5]
 */
public final class HeaderBench {
  private HeaderBench() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args[0]);
    int samples = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
    int reps = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    Path dir = Files.createTempDirectory(Files.createDirectories(out), "header-bench");
    Path file = dir.resolve("TASK_big.json");
    long t0 = System.nanoTime();
    TaskDescriptions.write(file, description(samples));
    double writeS = (System.nanoTime() - t0) / 1e9;
    long bytes = Files.size(file);
    double[] header = new double[reps];
    double[] whole = new double[reps];
    for (int r = 0; r < reps; r++) {
      long a = System.nanoTime();
      TaskHeader h = TaskDescriptions.readHeader(file);
      header[r] = (System.nanoTime() - a) / 1e9;
      if (h.numSamples() != samples) {
        throw new AssertionError("header says " + h.numSamples());
      }
      long b = System.nanoTime();
      TaskDescription d = TaskDescriptions.read(file);
      whole[r] = (System.nanoTime() - b) / 1e9;
      if (d.trainSamples().size() != samples) {
        throw new AssertionError("body has " + d.trainSamples().size());
      }
    }
    double mh = median(header);
    double mw = median(whole);
    String report = String.format(Locale.ROOT,
        "task description with %,d samples: %.1f MB, written in %.2f s%n"
            + "read header only: median %.4f s [%.4f..%.4f]%n"
            + "read whole:       median %.3f s [%.3f..%.3f]%n"
            + "ratio whole/header: %.0fx%n",
        samples, bytes / 1e6, writeS, mh, min(header), max(header), mw, min(whole), max(whole), mw / mh);
    System.out.print(report);
    Files.writeString(out.resolve("tasks-header.txt"), report);
    Files.delete(file);
    Files.delete(dir);
  }

  static TaskDescription description(int n) {
    int folds = 5;
    List<List<String>> foldIds = new ArrayList<>();
    for (int f = 0; f < folds; f++) {
      foldIds.add(new ArrayList<>());
    }
    Map<String, Map<String, Object>> train = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      String id = "s" + i;
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("sample_id", id);
      e.put("image", "train/c" + (i % 10) + "/" + id + ".png");
      e.put("class", i % 10);
      train.put(id, e);
      foldIds.get(i % folds).add(id);
    }
    TreeMap<Integer, String> idx = new TreeMap<>();
    Map<String, Long> occ = new LinkedHashMap<>();
    for (int c = 0; c < 10; c++) {
      idx.put(c, "c" + c);
      occ.put("c" + c, (long) n / 10);
    }
    TaskHeader h = new TaskHeader("big", "classification", List.of(), Map.of("image", List.of(".png")),
        List.of(0.5, 0.5, 0.5), List.of(0.25, 0.25, 0.25), List.of(32, 32, 32, 32), idx, occ, folds, n,
        "synthetic", "unknown", "", "", "", "bench");
    return new TaskDescription(h, foldIds, train, Map.of(), Map.of());
  }

  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  static double min(double[] v) {
    return Arrays.stream(v).min().orElse(Double.NaN);
  }

  static double max(double[] v) {
    return Arrays.stream(v).max().orElse(Double.NaN);
  }
}
