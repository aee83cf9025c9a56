package io.mml.runtime.modes;

import io.mml.annotations.Mode;
import io.mml.annotations.Param;
import io.mml.annotations.PerTask;
import io.mml.annotations.Subroutine;
import io.mml.runtime.files.AtomicFiles;
import io.mml.runtime.files.PathKey;
import io.mml.runtime.scheduler.AbstractBaseScheduler;
import io.mml.runtime.tasks.TaskHeader;
import io.mml.runtime.tasks.TaskStruct;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The built-in {@code info} mode: what each task holds, then a summary table over all tasks. */
@Mode(id = "info", defaults = {"augmentations=no_norm"},
    description = "Shows each task's type, classes, samples, folds and statistics, then a summary table.")
public class InfoScheduler extends AbstractBaseScheduler {
  static final PathKey SUMMARY = new PathKey("info_summary", "INFO", "tasks.csv", false, true, false);

  @Param(defaultValue = "true", doc = "Print the class occurrences of every task.")
  boolean classes;

  @Param(defaultValue = "20", doc = "Print at most this many classes per task (the most frequent first).")
  int maxClasses;

  private long totalSamples;

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

  @Subroutine("summary")
  void summary() throws IOException {
    StringBuilder csv = new StringBuilder("task,type,classes,samples,folds,min_h,max_h,min_w,max_w\n");
    StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "%n%-28s %-16s %7s %8s %5s%n",
        "task", "type", "classes", "samples", "folds"));
    totalSamples = 0;
    for (TaskStruct s : structs()) {
      TaskHeader h = s.header();
      totalSamples += h.numSamples();
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

  @Override
  protected void beforeFinishing() {
    log.info("{} tasks with {} training samples in total.", structs().size(), totalSamples);
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
