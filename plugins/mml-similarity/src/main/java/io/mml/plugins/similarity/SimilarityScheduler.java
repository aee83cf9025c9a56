package io.mml.plugins.similarity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mml.annotations.Mode;
import io.mml.annotations.Param;
import io.mml.annotations.PerTask;
import io.mml.annotations.Resources;
import io.mml.annotations.Subroutine;
import io.mml.plugins.similarity.numeric.FrechetDistance;
import io.mml.plugins.similarity.numeric.GaussianFit;
import io.mml.plugins.similarity.numeric.MarginalHistograms;
import io.mml.plugins.similarity.numeric.Matrices;
import io.mml.plugins.similarity.numeric.MaximumMeanDiscrepancy;
import io.mml.runtime.config.Config;
import io.mml.runtime.config.ConfigException;
import io.mml.runtime.files.AtomicFiles;
import io.mml.runtime.files.PathKey;
import io.mml.runtime.run.JsonLines;
import io.mml.runtime.scheduler.AbstractBaseScheduler;
import io.mml.runtime.tasks.TaskStruct;
import io.mml.runtime.toolkit.DataModule;
import io.mml.runtime.toolkit.Features;
import io.mml.runtime.toolkit.TaskModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Mode {@code similarity}: distances between tasks (mml's similarity plugin), the measure chosen
 * with config group {@code distance}. Step {@code features} embeds {@code sampling.sample_num}
 * samples per task with one backbone for all tasks (a fresh {@code arch} seeded with the run
 * seed, or with {@code reuse.models} the model trained on {@code mode.backbone_task}) and keeps them
 * as the task's {@code features} artifact, which a continued run or {@code +reuse.features} reloads.
 * Step {@code distance} computes the pairs {@link TaskPairs} plans and writes the measure's
 * reusable table ({@link Measure#tableKey()}) and a 2-D map of the tasks (PNG).
 */
@Mode(id = "similarity", defaults = {"distance=mmd", "sampling=extraction_default"},
    description = "Distances between tasks (distance=mmd|fid|kld|emd|semantic|ens): a reusable table and a 2-D map.")
public class SimilarityScheduler extends AbstractBaseScheduler {
  static final PathKey FEATURES = PathKey.builder("features").file("features.bin").perTask().numbered().reusable()
      .build();
  static final PathKey MAP = PathKey.builder("distance_map").folder("PLOTS/distances").file("map.png").numbered()
      .build();

  /** The run-local folder of the pair journals (partial results of step distance). */
  static final String PARTIAL_DIR = "similarity";
  /**
   * A kill point for tests, not a setting: {@code -Dmml.test.halt_after_pair=N} ends the JVM as
   * SIGKILL does right after pair N's distance was journaled.
   */
  private static final Integer HALT_AFTER_PAIR = Integer.getInteger("mml.test.halt_after_pair");

  @Param(doc = "With reuse.models: the task whose trained model (fold 0) embeds every task; empty = the pivot, else"
      + " the first task. Without reuse.models a fresh arch model, seeded with the run seed, embeds them.")
  String backboneTask;

  private DistanceOptions options;

  @Override
  protected List<PathKey> pathKeys() {
    List<PathKey> keys = new ArrayList<>(Measure.tableKeys());
    keys.add(FEATURES);
    keys.add(MAP);
    return keys;
  }

  @Override
  protected void checkConfig(Config config) {
    options = DistanceOptions.of(config);
    if (options instanceof DistanceOptions.Ensemble ens) {
      for (Map.Entry<String, Double> w : ens.weights().entrySet()) {
        if (w.getValue() > 0 && (!config.has("reuse." + w.getKey()) || config.node("reuse." + w.getKey())
            .orElseThrow().isNull())) {
          throw new ConfigException("reuse." + w.getKey(), noTable(w.getKey()));
        }
      }
    }
  }

  private static String noTable(String measure) {
    return "distance=ens combines stored tables, and no " + measure + " table is reused: name the project that"
        + " computed it with +reuse." + measure + "=<project> (mml similarity distance=" + measure + " wrote it), or"
        + " set distance.weights." + measure + "=0.";
  }

  private DistanceOptions options() {
    if (options == null) {
      options = DistanceOptions.of(config());
    }
    return options;
  }

  @Subroutine("features")
  @PerTask
  @Resources(gpus = 1, cpus = 2, memory = "8G", time = "2:00:00")
  void features(TaskStruct task) throws IOException {
    if (!options().measure().needsFeatures()) {
      log.info("{}: distance={} needs no features, none extracted", task.name(), options().measure().id());
      return;
    }
    if (task.path(FEATURES.key()).isPresent()) {
      log.info("{}: features reused from {}", task.name(), task.path(FEATURES.key()).get());
      return;
    }
    TaskModel backbone = backbone();
    DataModule data = toolkit().datamodule(task, 0, backbone.setup().channels());
    // The run seed, not the step's: every task is embedded by the same fresh weights.
    Features f = toolkit().featureExtractor(seed()).extract(backbone, data.sampled());
    Path file = files().claim(FEATURES, task.name());
    AtomicFiles.write(file, FeatureFile.encode(f));
    task.putPath(FEATURES.key(), file);
    log.info("{}: {} features of width {} from the backbone of {}", task.name(), f.size(), f.dim(),
        backbone.task().name());
  }

  /** The one backbone that embeds every task. */
  private TaskModel backbone() throws IOException {
    String name = backboneTask == null || backboneTask.isEmpty() ? pivot().orElse(taskList().get(0)) : backboneTask;
    if (!taskList().contains(name)) {
      throw new ConfigException("mode.backbone_task", "mode.backbone_task=" + name + " is not a task of this run "
          + taskList() + ": name one of them (its model embeds every task).");
    }
    TaskStruct owner = struct(name);
    if (!config().has("reuse.models") || config().node("reuse.models").orElseThrow().isNull()) {
      return model(owner);
    }
    List<Path> storages = reusedModels(name);
    if (storages.isEmpty()) {
      throw new ConfigException("reuse.models", "No trained model of task '" + name + "' in the reused project(s) "
          + files().reuse().getOrDefault("models", List.of()) + ": train it (mml train task_list=[" + name
          + "]), choose another with mode.backbone_task, or drop reuse.models for a fresh backbone.");
    }
    Path fold0 = storages.stream().filter(p -> p.getFileName().toString().contains("fold0")).reduce((a, b) -> b)
        .orElse(storages.get(storages.size() - 1));
    log.info("Backbone: the model of {} in {}", name, fold0);
    return model(owner, fold0);
  }

  @Subroutine("distance")
  @Resources(cpus = 2, memory = "8G", time = "2:00:00")
  void distance() throws IOException {
    Measure measure = options().measure();
    List<String> tasks = taskList();
    List<TaskPairs.Pair> pairs = TaskPairs.plan(tasks, pivot(), measure.symmetric());
    DistanceTable table = measure == Measure.ENS ? ensemble(tasks, pairs) : measured(measure, tasks, pairs);
    Path csv = files().claim(measure.tableKey());
    AtomicFiles.write(csv, table.toCsv());
    Path png = files().claim(MAP, null, measure.id() + "_map.png");
    AtomicFiles.write(png, DistancePlot.of(table, measure.id(), pivot()));
    OptionalDouble objective = table.intraGroupRatio();
    OptionalDouble mean = table.meanOffDiagonal();
    if (objective.isPresent()) {
      returnValue(objective.getAsDouble());
    } else if (mean.isPresent()) {
      returnValue(mean.getAsDouble());
    }
    log.info("{} distances of {} tasks ({} pairs): {} and {}", measure.id(), tasks.size(), pairs.size(), csv, png);
  }

  /**
   * Measures the planned pairs. Each pair's distance is appended to a fsync'd journal in the run
   * folder as soon as it is known, so a killed run continued with {@code continue=} reloads the pairs
   * it already has and measures only the rest.
   */
  private DistanceTable measured(Measure measure, List<String> tasks, List<TaskPairs.Pair> pairs) throws IOException {
    Map<String, double[][]> features = new HashMap<>();
    Map<String, GaussianFit> fits = new HashMap<>();
    DistanceTable.Builder b = new DistanceTable.Builder(tasks);
    Path journalFile = files().runDir().resolve(PARTIAL_DIR).resolve(measure.id() + "_pairs.jsonl");
    Map<String, Double> known = new HashMap<>();
    for (JsonNode n : JsonLines.read(journalFile)) {
      known.put(n.path("source").asText() + "\u0000" + n.path("target").asText(), n.path("value").asDouble());
    }
    if (!known.isEmpty()) {
      log.info("{}: {} of {} pairs reloaded from {}", measure.id(), known.size(), pairs.size(), journalFile);
    }
    Files.createDirectories(journalFile.getParent());
    try (JsonLines journal = JsonLines.open(journalFile)) {
      for (int i = 0; i < pairs.size(); i++) {
        TaskPairs.Pair p = pairs.get(i);
        Double before = known.get(p.source() + "\u0000" + p.target());
        double d = before != null ? before : measure(measure, p, features, fits);
        b.put(p.source(), p.target(), d);
        if (measure.symmetric()) {
          b.put(p.target(), p.source(), d);
        }
        if (before == null) {
          ObjectNode line = JsonNodeFactory.instance.objectNode();
          line.put("source", p.source()).put("target", p.target()).put("value", d);
          journal.append(line);
          log.info("{}({} -> {}) = {}", measure.id(), p.source(), p.target(), String.format(Locale.ROOT, "%.6g", d));
        }
        if (HALT_AFTER_PAIR != null && HALT_AFTER_PAIR == i) {
          Runtime.getRuntime().halt(137);
        }
      }
    }
    return b.build();
  }

  private double measure(Measure measure, TaskPairs.Pair p, Map<String, double[][]> features,
      Map<String, GaussianFit> fits) throws IOException {
    return switch (measure) {
      case MMD -> MaximumMeanDiscrepancy.between(features(p.source(), features), features(p.target(), features));
      case FID -> FrechetDistance.between(fit(p.source(), features, fits), fit(p.target(), features, fits));
      case KLD -> histograms().kullbackLeibler(features(p.source(), features), features(p.target(), features));
      case EMD -> histograms().earthMovers(features(p.source(), features), features(p.target(), features));
      case SEMANTIC -> TaskText.jaccardDistance(TaskText.words(struct(p.source()).header()),
          TaskText.words(struct(p.target()).header()));
      case ENS -> throw new IllegalStateException("ens combines tables; it is not measured");
    };
  }

  private MarginalHistograms histograms() {
    return new MarginalHistograms(((DistanceOptions.Histogram) options()).bins());
  }

  private double[][] features(String task, Map<String, double[][]> cache) throws IOException {
    double[][] f = cache.get(task);
    if (f == null) {
      Path file = struct(task).path(FEATURES.key()).orElseThrow(() -> new ConfigException("mode.subroutines",
          "Task " + task + " has no features: run subroutine features first (mode.subroutines=[features,distance]) or"
              + " reuse them (+reuse.features=<project>)."));
      f = Matrices.toDouble(FeatureFile.read(file).values());
      cache.put(task, f);
    }
    return f;
  }

  private GaussianFit fit(String task, Map<String, double[][]> features, Map<String, GaussianFit> fits)
      throws IOException {
    GaussianFit g = fits.get(task);
    if (g == null) {
      g = GaussianFit.of(features(task, features));
      fits.put(task, g);
    }
    return g;
  }

  private DistanceTable ensemble(List<String> tasks, List<TaskPairs.Pair> pairs) throws IOException {
    DistanceOptions.Ensemble ens = (DistanceOptions.Ensemble) options();
    Map<String, DistanceTable> tables = new LinkedHashMap<>();
    Map<String, Path> stored = files().globalReusables();
    for (String m : ens.weights().keySet()) {
      if (ens.weights().get(m) == 0) {
        continue;
      }
      Path file = stored.get(m);
      if (file == null) {
        throw new ConfigException("reuse." + m, noTable(m) + " (Nothing found in the reused project's DISTANCES/" + m
            + "/.)");
      }
      DistanceTable t = DistanceTable.read(file);
      for (String task : tasks) {
        if (!t.has(task)) {
          throw new ConfigException("reuse." + m, "The reused " + m + " table " + file + " has no task " + task
              + ": compute it for this task list (mml similarity distance=" + m + ") first.");
        }
      }
      tables.put(m, t);
    }
    return Ensemble.combine(tasks, pairs, tables, ens.weights(), ens.normalize());
  }
}
