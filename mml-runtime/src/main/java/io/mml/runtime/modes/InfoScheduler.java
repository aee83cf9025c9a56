package io.mml.runtime.modes;

import io.mml.annotations.Mode;
import io.mml.annotations.Param;
import io.mml.annotations.PerTask;
import io.mml.annotations.Subroutine;
import io.mml.runtime.files.AtomicFiles;
import io.mml.runtime.files.PathKey;
import io.mml.runtime.plots.SampleGrid;
import io.mml.runtime.scheduler.AbstractBaseScheduler;
import io.mml.runtime.sweep.SweepFolder;
import io.mml.runtime.tasks.TaskDescription;
import io.mml.runtime.tasks.TaskHeader;
import io.mml.runtime.tasks.TaskStruct;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The built-in {@code info} mode: what each task holds, then a summary table over all tasks. */
@Mode(id = "info", defaults = {"augmentations=no_norm"},
    description = "Shows each task's type, classes, samples, folds and statistics, example images, a summary table"
        + " and the trial tables of the project's sweeps.")
public class InfoScheduler extends AbstractBaseScheduler {
  static final PathKey SUMMARY = PathKey.builder("info_summary").folder("INFO").file("tasks.csv").numbered().build();

  @Param(defaultValue = "true", doc = "Print the class occurrences of every task.")
  boolean classes;

  @Param(defaultValue = "20", doc = "Print at most this many classes per task (the most frequent first).")
  int maxClasses;

  @Param(defaultValue = "4", doc = "Sample images per class in the per-task example grids (samples).")
  int samplesPerClass;

  @Param(defaultValue = "6", doc = "Sample images per task in the grid across tasks (grid).")
  int samplesPerTask;

  @Param(defaultValue = "64", doc = "Edge length in pixels of one tile in the sample grids.")
  int tile;

  @Param(defaultValue = "all", doc = "Sweeps whose trial table hpo prints: all, latest or a sweep's folder name.")
  String sweep;

  @Override
  protected List<PathKey> pathKeys() {
    return List.of(SUMMARY);
  }

  @Subroutine("tasks")
  @PerTask
  void infoTask(TaskStruct task) {
    TaskHeader h = task.header();
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%nTask %s (%s)%n", h.name(), h.taskType()));
    sb.append(String.format(Locale.ROOT, "  samples: %d train in %d folds%n", h.numSamples(), h.numFolds()));
    sb.append(String.format(Locale.ROOT, "  classes: %d, sizes (h x w): %s%n", h.numClasses(), sizes(h.sizes())));
    sb.append(String.format(Locale.ROOT, "  mean: %s, std: %s%n", vector(h.means()), vector(h.stds())));
    if (!h.keywords().isEmpty()) {
      sb.append("  keywords: ").append(String.join(", ", h.keywords())).append('\n');
    }
    if (classes && !h.classOcc().isEmpty()) {
      sb.append("  class occurrences:\n");
      h.classOcc().entrySet().stream()
          .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
          .limit(maxClasses)
          .forEach(e -> sb.append(String.format(Locale.ROOT, "    %-24s %8d%n", e.getKey(), e.getValue())));
      if (h.classOcc().size() > maxClasses) {
        sb.append(String.format(Locale.ROOT, "    ... and %d more%n", h.classOcc().size() - maxClasses));
      }
    }
    log.info("{}", sb);
  }

  @Subroutine("samples")
  @PerTask
  void samples(TaskStruct task) throws IOException {
    TaskDescription d = task.description();
    SampleGrid grid = new SampleGrid(tile);
    Map<String, Integer> taken = new LinkedHashMap<>();
    for (Map<String, Object> sample : d.trainSamples().values()) {
      Object image = sample.get("image");
      if (image == null) {
        continue;
      }
      String row = rowLabel(task.header(), sample);
      int n = taken.merge(row, 1, Integer::sum);
      if (n <= samplesPerClass) {
        grid.add(row, task.resolveSample(image.toString()));
      }
    }
    if (grid.isEmpty()) {
      log.info("Task {} has no training images to show.", task.name());
      return;
    }
    Path out = files().constructSavingPath("img_examples", task.name());
    AtomicFiles.write(out, grid.toPng());
    task.putPath("img_examples", out);
    log.info("Example images of {}: {}", task.name(), out);
  }

  @Subroutine("grid")
  void grid() throws IOException {
    SampleGrid grid = new SampleGrid(tile);
    for (TaskStruct s : structs()) {
      int n = 0;
      for (Map<String, Object> sample : s.description().trainSamples().values()) {
        Object image = sample.get("image");
        if (image != null && n++ < samplesPerTask) {
          grid.add(s.name(), s.resolveSample(image.toString()));
        }
      }
    }
    if (grid.isEmpty()) {
      return;
    }
    Path out = files().constructSavingPath("sample_grid", null);
    AtomicFiles.write(out, grid.toPng());
    log.info("Sample grid of {} tasks: {}", structs().size(), out);
  }

  /** The grid row of a sample: its class name where the task has single class labels. */
  private static String rowLabel(TaskHeader h, Map<String, Object> sample) {
    Object c = sample.get("class");
    if (c instanceof Number n) {
      return h.idxToClass().getOrDefault(n.intValue(), "class " + n.intValue());
    }
    return "samples";
  }

  @Subroutine("summary")
  void summary() throws IOException {
    StringBuilder csv = new StringBuilder("task,type,classes,samples,folds,min_h,max_h,min_w,max_w\n");
    StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "%n%-28s %-16s %7s %8s %5s%n",
        "task", "type", "classes", "samples", "folds"));
    for (TaskStruct s : structs()) {
      TaskHeader h = s.header();
      table.append(String.format(Locale.ROOT, "%-28s %-16s %7d %8d %5d%n", h.name(), h.taskType(), h.numClasses(),
          h.numSamples(), h.numFolds()));
      List<Integer> z = h.sizes();
      csv.append(String.format(Locale.ROOT, "%s,%s,%d,%d,%d,%s%n", h.name(), h.taskType(), h.numClasses(),
          h.numSamples(), h.numFolds(), z.size() == 4 ? z.get(0) + "," + z.get(1) + "," + z.get(2) + "," + z.get(3)
              : ",,,"));
    }
    Path out = files().constructSavingPath(SUMMARY.key(), null);
    AtomicFiles.write(out, csv.toString().getBytes(StandardCharsets.UTF_8));
    log.info("{}", table);
    log.info("Summary of {} tasks written to {}", structs().size(), out);
  }

  /** The trial tables of the project's sweeps (as far as each got: a running or killed sweep shows its journal). */
  @Subroutine("hpo")
  void hpo() {
    Path project = files().projectDir();
    List<SweepFolder> sweeps = sweep.equals("all") ? SweepFolder.list(project)
        : List.of(SweepFolder.resolve(project, sweep, "mode.sweep"));
    if (sweeps.isEmpty()) {
      log.info("Project {} has no sweeps (mml <mode> -m key=a,b ... or hpo=tpe starts one).", project);
      return;
    }
    for (SweepFolder s : sweeps) {
      log.info("{}{}", System.lineSeparator(), s.table());
    }
  }

  @Override
  protected void beforeFinishing() {
    if (structs().isEmpty()) {
      return; // e.g. info mode.subroutines=[hpo]: no tasks to sum up
    }
    long total = structs().stream().mapToLong(s -> s.header().numSamples()).sum();
    log.info("{} tasks with {} training samples in total.", structs().size(), total);
  }

  private static String sizes(List<Integer> z) {
    return z.size() == 4 ? z.get(0) + "-" + z.get(1) + " x " + z.get(2) + "-" + z.get(3) : "unknown";
  }

  private static String vector(List<Double> v) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < v.size(); i++) {
      sb.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.3f", v.get(i)));
    }
    return sb.append(']').toString();
  }
}
