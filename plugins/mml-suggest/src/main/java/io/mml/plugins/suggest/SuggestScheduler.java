package io.mml.plugins.suggest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.mml.annotations.Mode;
import io.mml.annotations.Param;
import io.mml.annotations.PerTask;
import io.mml.annotations.Subroutine;
import io.mml.plugins.similarity.DistanceTable;
import io.mml.plugins.similarity.Measure;
import io.mml.runtime.config.Config;
import io.mml.runtime.config.ConfigException;
import io.mml.runtime.files.AtomicFiles;
import io.mml.runtime.files.PathKey;
import io.mml.runtime.scheduler.AbstractBaseScheduler;
import io.mml.runtime.tasks.TaskStruct;
import io.mml.runtime.train.ModelStorage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Mode {@code suggest}: blueprints (config fragments) for training the pivot task, from the
 * pipelines that trained the other tasks of the run ({@code reuse.models}) weighted by their
 * distance to the pivot (the tables of {@code mode.distances}, as mml-similarity stored them) and
 * their performance ({@link BlueprintSampler}). Writes {@code mode.n} YAML files under the built-in
 * path key {@code blueprint} ({@code BLUEPRINTS/<pivot>/}); each can be passed to a training run as a
 * config file.
 */
@Mode(id = "suggest", description = "Pipeline blueprints for the pivot task from the trained pipelines of similar"
    + " tasks (reuse.models, distance tables of mml-similarity).")
public class SuggestScheduler extends AbstractBaseScheduler {
  private static final YAMLMapper YAML = new YAMLMapper(new YAMLFactory()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

  @Param(defaultValue = "[mmd]", doc = "Distance tables (measures of mml-similarity) that relate the tasks; several are"
      + " averaged after dividing each by its mean. Read from +reuse.<measure>=<project>, else from the reuse.models"
      + " projects.")
  List<String> distances;

  @Param(defaultValue = "5", doc = "How many blueprints to write (the first takes the most probable value of each"
      + " config group).")
  int n;

  @Param(defaultValue = "0.5", doc = "Keep source tasks whose distance to the pivot is at most this quantile of"
      + " the distances (1: every source).")
  double simCutoff;

  @Param(defaultValue = "0.5", doc = "Keep a source's pipelines whose performance reaches this quantile of its"
      + " pipelines' performances (0: every pipeline).")
  double perfCutoff;

  @Param(defaultValue = "1.0", doc = "Weight exp(-distance / temperature) per pipeline: large values explore the"
      + " sources uniformly, small ones follow the closest.")
  double temperature;

  @Override
  protected List<PathKey> pathKeys() {
    return Measure.tableKeys();
  }

  @Override
  protected void checkConfig(Config config) {
    if (n < 1) {
      throw new ConfigException("mode.n", "mode.n=" + n + ": write at least one blueprint.");
    }
    if (!(simCutoff >= 0 && simCutoff <= 1)) {
      throw new ConfigException("mode.sim_cutoff", "mode.sim_cutoff=" + simCutoff + " is a quantile in [0, 1].");
    }
    if (!(perfCutoff >= 0 && perfCutoff <= 1)) {
      throw new ConfigException("mode.perf_cutoff", "mode.perf_cutoff=" + perfCutoff + " is a quantile in [0, 1].");
    }
    if (!(temperature > 0)) {
      throw new ConfigException("mode.temperature", "mode.temperature=" + temperature + " must be > 0.");
    }
    if (distances == null || distances.isEmpty()) {
      throw new ConfigException("mode.distances", "mode.distances is empty: name the distance tables, e.g."
          + " mode.distances=[mmd].");
    }
    distances.forEach(m -> Measure.of(m, "mode.distances"));
    if (!config.has("pivot.name") || config.node("pivot.name").orElseThrow().isNull()) {
      throw new ConfigException("pivot.name", "Mode suggest writes blueprints for the pivot task: set pivot.name=<task>.");
    }
    if (!config.has("reuse.models") || config.node("reuse.models").orElseThrow().isNull()) {
      throw new ConfigException("reuse.models", "Mode suggest learns from trained pipelines: name the project that"
          + " trained the source tasks with reuse.models=<project>.");
    }
  }

  @Subroutine("suggest")
  @PerTask(PerTask.Tasks.PIVOT)
  void suggest(TaskStruct pivot) throws IOException {
    List<String> sources = taskList().stream().filter(t -> !t.equals(pivot.name())).toList();
    Map<String, Double> distance = distances(pivot.name(), sources);
    List<Candidate> candidates = new ArrayList<>();
    for (String source : distance.keySet()) {
      for (Path p : reusedModels(source)) {
        JsonNode j = ModelStorage.read(p).json();
        if (!j.path("performance").isNumber() || !j.path("pipeline").isObject()) {
          log.warn("{}: model storage {} has no performance or pipeline, left out", source, p);
          continue;
        }
        boolean higher = !j.path("monitor").asText("val_loss").endsWith("loss");
        candidates.add(new Candidate(source, distance.get(source), j.get("performance").asDouble(), higher,
            (ObjectNode) j.get("pipeline")));
      }
    }
    if (candidates.isEmpty()) {
      throw new ConfigException("reuse.models", "No trained model of the source tasks " + distance.keySet()
          + " in the reused project(s) " + files().reuse().getOrDefault("models", List.of()) + ": train them first"
          + " (mml train task_list=[" + String.join(",", distance.keySet()) + "]).");
    }
    BlueprintSampler sampler = new BlueprintSampler(simCutoff, perfCutoff, temperature);
    List<BlueprintSampler.Weighted> weighted = sampler.weigh(candidates);
    double total = weighted.stream().mapToDouble(BlueprintSampler.Weighted::weight).sum();
    for (BlueprintSampler.Weighted w : weighted) {
      log.info("{}: pipeline of {} (distance {}, performance {}) weighs {}", pivot.name(), w.candidate().source(),
          fmt(w.candidate().distance()), fmt(w.candidate().performance()), fmt(w.weight() / total));
    }
    List<ObjectNode> blueprints = sampler.sample(weighted, n, random());
    for (int i = 0; i < blueprints.size(); i++) {
      StringBuilder text = new StringBuilder("# Blueprint ").append(i + 1).append(" of ").append(n).append(" for ")
          .append(pivot.name()).append(" (mml suggest, ").append(i == 0 ? "the most probable value per group"
              : "drawn").append("; sources ").append(String.join(", ", weighted.stream()
              .map(w -> w.candidate().source()).distinct().toList())).append(", distances ").append(distances)
          .append(").\n# Each top-level key is a config group as the source model was trained with it; apply them as"
              + " overrides of a train run of ").append(pivot.name()).append(".\n");
      text.append(YAML.writeValueAsString(blueprints.get(i)));
      Path file = files().constructSavingPath("blueprint", pivot.name());
      AtomicFiles.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
      if (i == 0) {
        pivot.putPath("blueprint", file);
      }
      log.info("{}: blueprint {}", pivot.name(), file);
    }
  }

  /**
   * Each source's distance to the pivot: per measure divided by the mean over the sources, then
   * averaged over the measures. Sources a table lacks are left out with a warning.
   */
  private Map<String, Double> distances(String pivot, List<String> sources) throws IOException {
    Map<String, Double> sum = new LinkedHashMap<>();
    sources.forEach(s -> sum.put(s, 0.0));
    for (String m : distances) {
      DistanceTable table = DistanceTable.read(tableFile(Measure.of(m, "mode.distances")));
      Map<String, Double> d = new LinkedHashMap<>();
      for (String s : sources) {
        double v = table.get(s, pivot);
        if (Double.isNaN(v)) {
          v = table.get(pivot, s);
        }
        if (Double.isNaN(v)) {
          log.warn("{}: the {} table has no distance to {}, left out", s, m, pivot);
          sum.remove(s);
        } else {
          d.put(s, v);
        }
      }
      double mean = d.values().stream().mapToDouble(Double::doubleValue).average().orElse(1);
      d.forEach((s, v) -> sum.computeIfPresent(s, (k, old) -> old + v / (mean == 0 ? 1 : mean)));
    }
    if (sum.isEmpty()) {
      throw new ConfigException("mode.distances", "No source task has a distance to " + pivot + " in the tables "
          + distances + ": compute them for this task list (mml similarity distance=<measure>).");
    }
    sum.replaceAll((s, v) -> v / distances.size());
    return sum;
  }

  /** The newest table of a measure: from {@code reuse.<measure>}, else from the {@code reuse.models} projects. */
  private Path tableFile(Measure m) throws IOException {
    Path reused = files().globalReusables().get(m.id());
    if (reused != null) {
      return reused;
    }
    List<String> projects = files().reuse().getOrDefault("models", List.of());
    Path newest = null;
    for (String project : projects) {
      Path dir = files().projectDir().resolveSibling(project).resolve(m.tableKey().folder());
      if (Files.isDirectory(dir)) {
        try (Stream<Path> s = Files.list(dir)) {
          newest = s.filter(p -> p.getFileName().toString().matches(m.id() + "_\\d{4,}\\.csv"))
              .filter(p -> p.toFile().length() > 0).max(Path::compareTo).orElse(newest);
        }
      }
    }
    if (newest == null) {
      throw new ConfigException("reuse." + m.id(), "No " + m.id() + " distance table in the reused project(s) "
          + projects + ": compute one (mml similarity tasks=... distance=" + m.id() + " proj=<project>) or name the"
          + " project that has it with +reuse." + m.id() + "=<project>.");
    }
    return newest;
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }
}
