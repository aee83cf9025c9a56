package io.mml.plugins.dimensionality;

import io.mml.annotations.Mode;
import io.mml.annotations.Param;
import io.mml.annotations.PerTask;
import io.mml.annotations.Resources;
import io.mml.annotations.Subroutine;
import io.mml.runtime.config.Config;
import io.mml.runtime.config.ConfigException;
import io.mml.runtime.data.Sample;
import io.mml.runtime.data.SampleBatches;
import io.mml.runtime.data.TaskDataset;
import io.mml.runtime.files.AtomicFiles;
import io.mml.runtime.files.PathKey;
import io.mml.runtime.scheduler.AbstractBaseScheduler;
import io.mml.runtime.tasks.TaskStruct;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Mode {@code dim}: the intrinsic dimension of each task's images (mml's dimensionality plugin).
 * Step {@code estimate} draws {@code sampling.sample_num} images as the composed sampling does
 * (raw pixels: {@code augmentations=no_norm}), drops repeated draws and estimates the dimension
 * with the MLE of Levina and Bickel on random subsets ({@link SubsetEstimator}); the result is the
 * task's reusable {@code dimension} artifact. Step {@code plot} draws the dimension against the
 * performance of the models {@code reuse.models} gives, or per task without them. With a pivot,
 * only the pivot is estimated.
 */
@Mode(id = "dim", defaults = {"augmentations=no_norm", "sampling=extraction_default"},
    description = "Intrinsic dimension (MLE, Levina and Bickel 2004) of each task's images, plotted against reused"
        + " model performance.")
public class DimensionalityScheduler extends AbstractBaseScheduler {
  static final PathKey DIMENSION = PathKey.builder("dimension").file("dimension.json").perTask().numbered()
      .reusable().build();
  static final PathKey PLOT = PathKey.builder("dimension_plot").folder("PLOTS/dimension").file("dimension.png")
      .numbered().build();
  static final PathKey TABLE = PathKey.builder("dimension_table").folder("PLOTS/dimension").file("dimensions.csv")
      .numbered().build();

  @Param(defaultValue = "20", doc = "Nearest neighbours per image of the MLE (Levina and Bickel suggest 10 to 20).")
  int k;

  @Param(defaultValue = "5", doc = "The most random disjoint subsets of a task's images; the estimate is their mean.")
  int maxSubsets;

  @Param(defaultValue = "200", doc = "The fewest distinct images per subset (a task with fewer images is one subset).")
  int subsetMinSize;

  @Param(defaultValue = "false", doc = "Invert the mean of the inverse estimates (MacKay and Ghahramani) instead of"
      + " averaging the estimates.")
  boolean invMle;

  @Override
  protected List<PathKey> pathKeys() {
    return List.of(DIMENSION, PLOT, TABLE);
  }

  @Override
  protected void checkConfig(Config config) {
    if (k < 2) {
      throw new ConfigException("mode.k", "mode.k=" + k + ": the MLE needs at least 2 neighbours; use e.g. mode.k=20.");
    }
    if (maxSubsets < 1) {
      throw new ConfigException("mode.max_subsets", "mode.max_subsets=" + maxSubsets + " must be at least 1.");
    }
    if (subsetMinSize <= k) {
      throw new ConfigException("mode.subset_min_size", "mode.subset_min_size=" + subsetMinSize
          + " must exceed mode.k=" + k + " (each image needs k neighbours in its subset).");
    }
  }

  @Subroutine("estimate")
  @PerTask
  @Resources(cpus = 2, memory = "4G", time = "1:00:00")
  void estimate(TaskStruct task) throws IOException {
    if (pivot().isPresent() && !pivot().get().equals(task.name())) {
      log.info("{}: not the pivot {}, not estimated", task.name(), pivot().get());
      return;
    }
    if (task.path(DIMENSION.key()).isPresent()) {
      log.info("{}: dimension reused from {}", task.name(), task.path(DIMENSION.key()).get());
      return;
    }
    TaskDataset images = datamodule(task).sampled();
    List<float[]> rows = new ArrayList<>();
    try (SampleBatches batches = images.sampleBatches(0, images.sampling().batchSize())) {
      while (batches.hasNext()) {
        for (Sample s : batches.next()) {
          float[] px = s.image().pixels();
          if (!rows.isEmpty() && px.length != rows.get(0).length) {
            throw new ConfigException("preprocessing", "Task " + task.name() + " has images of different sizes (sample "
                + s.sampleId() + "): the dimension compares images pixel by pixel. Resize them, e.g. run mml pp with"
                + " preprocessing=size64 and then mml dim preprocessing=size64.");
          }
          rows.add(px);
        }
      }
    }
    float[][] distinct = DistinctRows.of(rows.toArray(new float[0][]));
    if (distinct.length <= k) {
      throw new ConfigException("mode.k", "Task " + task.name() + " has " + distinct.length + " distinct images among "
          + rows.size() + " drawn, not more than mode.k=" + k + ": lower mode.k or draw more (sampling.sample_num).");
    }
    SubsetEstimator estimator = new SubsetEstimator(k, maxSubsets, subsetMinSize, invMle);
    DimensionEstimate e = estimator.estimate(distinct, random());
    TaskDimension result = new TaskDimension(task.name(), e, k, invMle, rows.size(), distinct[0].length);
    Path file = files().claim(DIMENSION, task.name());
    AtomicFiles.write(file, result.toJson());
    task.putPath(DIMENSION.key(), file);
    log.info("{}: intrinsic dimension {} (std {} over {} subsets of {} of {} distinct images, {} values each)",
        task.name(), fmt(e.dimension()), fmt(e.std()), e.subsets().size(), e.subsetSize(), e.points(),
        distinct[0].length);
  }

  @Subroutine("plot")
  void plot() throws IOException {
    List<TaskDimension> dims = new ArrayList<>();
    for (TaskStruct s : structs()) {
      if (s.path(DIMENSION.key()).isPresent()) {
        dims.add(TaskDimension.read(s.path(DIMENSION.key()).get()));
      }
    }
    if (dims.isEmpty()) {
      log.warn("No task has a dimension: nothing to plot (run subroutine estimate first: mode.subroutines=[estimate,plot]).");
      return;
    }
    Map<String, ModelPerformance> performance = reusedPerformance(dims);
    byte[] png = performance.isEmpty() ? DimensionPlot.perTask(dims)
        : DimensionPlot.versusPerformance(dims, performance);
    Path plotFile = files().claim(PLOT);
    AtomicFiles.write(plotFile, png);
    StringBuilder csv = new StringBuilder("task,dimension,std,subsets,distinct_samples,monitor,performance,models\n");
    for (TaskDimension d : dims) {
      ModelPerformance p = performance.get(d.task());
      csv.append(String.format(Locale.ROOT, "%s,%.6f,%.6f,%d,%d,%s,%s,%d%n", d.task(), d.estimate().dimension(),
          d.estimate().std(), d.estimate().subsets().size(), d.estimate().points(), p == null ? "" : p.monitor(),
          p == null ? "" : String.format(Locale.ROOT, "%.6f", p.value()), p == null ? 0 : p.models()));
    }
    Path table = files().claim(TABLE);
    AtomicFiles.write(table, csv.toString().getBytes(StandardCharsets.UTF_8));
    returnValue(dims.stream().mapToDouble(d -> d.estimate().dimension()).average().orElseThrow());
    log.info("Dimensions of {} tasks{}: {} and {}", dims.size(), performance.isEmpty() ? ""
        : " against reused model performance", table, plotFile);
  }

  /** The performance of each task's reused models; empty without {@code reuse.models}. */
  private Map<String, ModelPerformance> reusedPerformance(List<TaskDimension> dims) throws IOException {
    Map<String, ModelPerformance> out = new LinkedHashMap<>();
    if (!config().has("reuse.models") || config().node("reuse.models").orElseThrow().isNull()) {
      return out;
    }
    for (TaskDimension d : dims) {
      List<Path> storages = reusedModels(d.task());
      if (storages.isEmpty()) {
        log.warn("{}: no model in the reused project(s) {}, left out of the plot against performance", d.task(),
            files().reuse().getOrDefault("models", List.of()));
        continue;
      }
      out.put(d.task(), ModelPerformance.of(d.task(), storages));
    }
    if (out.isEmpty()) {
      throw new ConfigException("reuse.models", "reuse.models names " + files().reuse().getOrDefault("models",
          List.of()) + " but none of the tasks has a trained model there: train them first (mml train task_list=["
          + String.join(",", dims.stream().map(TaskDimension::task).toList()) + "]) or drop reuse.models.");
    }
    return out;
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.3f", v);
  }
}
