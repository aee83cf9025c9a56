package io.mml.runtime.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import io.mml.runtime.config.Config;
import io.mml.runtime.config.ConfigException;
import io.mml.runtime.config.Names;
import io.mml.runtime.files.FileManager;
import io.mml.runtime.tasks.TaskIndex;
import io.mml.runtime.tasks.TaskStructs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A mode's scheduler bound to a run's configuration, with everything every process running its
 * steps derives from that configuration the same way: the bound parameters, the mode's own
 * {@code checkConfig} (which also sets process-wide options such as {@code trainer.num_threads}),
 * the selected subroutines, the roots, the project, the expanded task list and the seed. The
 * submitting command, an in-process executor and a cluster job all start here, so a step sees the
 * same scheduler state wherever it runs.
 *
 * @param <S> the scheduler type
 * @param routine the generated wiring of the mode
 * @param scheduler the bound scheduler
 * @param config the run's configuration
 * @param subroutines the selected subroutines, in source order
 * @param dataRoot the data folder
 * @param resultsRoot the results folder
 * @param project the project name
 * @param tasks the task list (before the mode's {@code expandTasks} hook until {@link #expand} ran)
 * @param seed the seed applied before every step
 */
record BoundScheduler<S extends AbstractBaseScheduler>(Routine<S> routine, S scheduler, Config config,
    List<String> subroutines, Path dataRoot, Path resultsRoot, String project, TaskLists.Expanded tasks, long seed) {

  /** Binds a fresh scheduler of {@code routine} to {@code config} and runs its {@code checkConfig}. */
  static <S extends AbstractBaseScheduler> BoundScheduler<S> bind(Routine<S> routine, Config config) throws Exception {
    S scheduler = routine.newScheduler();
    routine.bind(scheduler, config);
    scheduler.runCheckConfig(config);
    List<String> selected = selectedSubroutines(routine, config);
    Path dataRoot = Path.of(config.getString("data_dir")).toAbsolutePath().normalize();
    Path resultsRoot = Path.of(config.getString("out_dir")).toAbsolutePath().normalize();
    String project = projectName(config);
    long seed = config.has("seed") && !config.node("seed").orElseThrow().isNull() ? config.getLong("seed") : 0L;
    return new BoundScheduler<>(routine, scheduler, config, selected, dataRoot, resultsRoot, project,
        TaskLists.expand(config), seed);
  }

  /** The project folder. */
  Path projectDir() {
    return resultsRoot.resolve(project);
  }

  /** The same, with the task list rewritten by the mode's {@code expandTasks} hook. */
  BoundScheduler<S> expand(TaskIndex index) {
    List<String> expanded = scheduler.runExpandTasks(tasks.all(), index);
    if (expanded.equals(tasks.all())) {
      return this;
    }
    return new BoundScheduler<>(routine, scheduler, config, subroutines, dataRoot, resultsRoot, project,
        new TaskLists.Expanded(expanded, tasks.pivot()), seed);
  }

  /** Attaches the scheduler to the run folder {@code runDir}; returns the run's context. */
  RunContext attach(Path runDir, TaskIndex index, boolean continued) {
    FileManager files = new FileManager(dataRoot, resultsRoot, project, runDir, scheduler.pathKeys(),
        stringListMap(config, "reuse"), booleanMap(config, "remove"));
    RunContext ctx = new RunContext(config, runDir, files, index, new TaskStructs(), tasks.all(), tasks.pivot(),
        subroutines, seed, continued);
    scheduler.attach(ctx);
    return ctx;
  }

  /** The plan of the attached scheduler. */
  Plan plan(RunContext ctx) {
    return Plan.of(routine.modeId(), routine.plan(scheduler, planContext(scheduler, ctx)));
  }

  static PlanContext planContext(AbstractBaseScheduler scheduler, RunContext ctx) {
    Set<String> selected = new LinkedHashSet<>(ctx.subroutines());
    return new PlanContext() {
      @Override
      public List<String> tasks() {
        return ctx.taskList();
      }

      @Override
      public Optional<String> pivot() {
        return ctx.pivot();
      }

      @Override
      public boolean selected(String subroutine) {
        return selected.contains(subroutine);
      }

      @Override
      public List<Integer> folds(String task) {
        return scheduler.folds(task);
      }
    };
  }

  static List<String> selectedSubroutines(Routine<?> routine, Config config) {
    List<String> available = new ArrayList<>();
    for (SubroutineInfo s : routine.subroutines()) {
      available.add(s.name());
    }
    if (!config.has("mode.subroutines") || config.node("mode.subroutines").orElseThrow().isNull()) {
      return available;
    }
    List<String> chosen = config.getList("mode.subroutines", String.class);
    if (chosen.isEmpty()) {
      throw new ConfigException("mode.subroutines", "Config key 'mode.subroutines' is empty: select at least one of "
          + available + " (or leave it out to run all).");
    }
    for (String c : chosen) {
      if (!available.contains(c)) {
        throw new ConfigException("mode.subroutines", "Mode '" + routine.modeId() + "' has no subroutine '" + c
            + "' (mode.subroutines). Available: " + available + "." + ConfigException.didYouMean(
                Names.closest(c, available)));
      }
    }
    // Execution order is the source order, whatever order the user listed them in.
    List<String> ordered = new ArrayList<>();
    for (String a : available) {
      if (chosen.contains(a)) {
        ordered.add(a);
      }
    }
    return ordered;
  }

  static String projectName(Config config) {
    String proj = config.getString("proj");
    if (proj == null || proj.isBlank() || proj.contains("/") || proj.contains("\\") || proj.contains("#")
        || proj.equals("..") || proj.equals(".")) {
      throw new ConfigException("proj", "Config key 'proj' must be a plain folder name (no '/', '\\' or '#'); found '"
          + proj + "'.");
    }
    return proj;
  }

  static Map<String, List<String>> stringListMap(Config config, String path) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (!config.has(path) || !config.node(path).orElseThrow().isObject()) {
      return out;
    }
    for (String key : config.keys(path)) {
      JsonNode v = config.node(path + "." + key).orElseThrow();
      if (v.isNull()) {
        continue;
      }
      if (v.isArray()) {
        out.put(key, config.getList(path + "." + key, String.class));
      } else {
        out.put(key, List.of(v.asText()));
      }
    }
    return out;
  }

  static Map<String, Boolean> booleanMap(Config config, String path) {
    Map<String, Boolean> out = new LinkedHashMap<>();
    if (!config.has(path) || !config.node(path).orElseThrow().isObject()) {
      return out;
    }
    for (String key : config.keys(path)) {
      out.put(key, config.getBoolean(path + "." + key));
    }
    return out;
  }
}
