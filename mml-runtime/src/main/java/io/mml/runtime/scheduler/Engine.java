package io.mml.runtime.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.mml.runtime.files.FileTrees;
import io.mml.runtime.run.Journal;
import io.mml.runtime.run.RunFolder;
import io.mml.runtime.run.RunLock;
import io.mml.runtime.config.ComposedConfig;
import io.mml.runtime.config.Config;
import io.mml.runtime.config.ConfigException;
import io.mml.runtime.config.Names;
import io.mml.runtime.files.RunDirs;
import io.mml.runtime.tasks.DemoTasks;
import io.mml.runtime.tasks.TaskIndex;
import io.mml.runtime.tasks.TaskNames;
import io.mml.runtime.tasks.tags.TaggedTasks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a mode: composed config -> scheduler + bound params -> tasks -> run folder + lock -> plan
 * (compared with the saved one on continue) -> steps, each journaled after it finished.
 *
 * <p>Everything that can be wrong with the user's input (types of parameters, subroutines, task
 * names, a continue that does not match) is checked before the first byte is written.
 */
public final class Engine implements RunLauncher {
  private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));
  private static final ObjectMapper JSON = new ObjectMapper();


  /**
   * Keys that may differ between a run and its continuation (they describe the machine or the presentation, not the
   * experiment).
   */
  static final Set<String> MACHINE_KEYS = Set.of("continue", "data_dir", "out_dir", "proj_path", "num_workers",
      "report");

  private final Clock clock;
  private final List<RunExecutor> executors;

  /** An engine on the system clock (used by the CLI through {@link RunLauncher}). */
  public Engine() {
    this(Clock.systemDefaultZone());
  }

  /** An engine on the given clock (tests). */
  public Engine(Clock clock) {
    this(clock, null);
  }

  /**
   * An engine on the given clock with the given executors besides {@code local} (tests); null finds
   * them through {@code ServiceLoader}.
   */
  public Engine(Clock clock, List<RunExecutor> executors) {
    this.clock = clock;
    this.executors = executors;
  }

  @Override
  public int launch(ModeRegistry registry, ComposedConfig composed) throws Exception {
    run(registry, composed);
    return 0;
  }

  /** Runs (or continues) the mode named by {@code mode.id} of the composed config. */
  public RunResult run(ModeRegistry registry, ComposedConfig composed) throws Exception {
    Config config = composed.config();
    String modeId = config.getString("mode.id");
    if (modeId == null) {
      throw new ConfigException("mode.id", "Config key 'mode.id' is null: no mode selected. Name one: mml <mode> ...");
    }
    Routine<?> routine = registry.get(modeId);
    return runTyped(routine, composed, null);
  }

  /**
   * Runs the mode in a given folder instead of a new one under {@code runs/} (a sweep's trial): a
   * folder that already holds a run is continued (finished steps skipped, an interrupted training
   * resumed), otherwise the run starts there. {@code continue} of the config is not consulted.
   */
  @Override
  public RunResult runIn(ModeRegistry registry, ComposedConfig composed, Path runDir) throws Exception {
    Config config = composed.config();
    String modeId = config.getString("mode.id");
    if (modeId == null) {
      throw new ConfigException("mode.id", "Config key 'mode.id' is null: no mode selected. Name one: mml <mode> ...");
    }
    return runTyped(registry.get(modeId), composed, runDir.toAbsolutePath().normalize());
  }

  private <S extends AbstractBaseScheduler> RunResult runTyped(Routine<S> routine, ComposedConfig requested,
      Path fixedDir) throws Exception {
    // 0. A continued run uses its saved configuration (plus the keys this command sets explicitly).
    Path requestedProject = Path.of(requested.config().getString("out_dir")).toAbsolutePath().normalize()
        .resolve(BoundScheduler.projectName(requested.config()));
    Optional<Path> continueDir = fixedDir == null ? continueTarget(requested.config(), requestedProject)
        : RunFolder.REQUIRED.stream().allMatch(f -> Files.isRegularFile(fixedDir.resolve(f))) ? Optional.of(fixedDir)
        : Optional.empty();
    Continuation continuation = null;
    ComposedConfig composed = requested;
    if (continueDir.isPresent()) {
      continuation = Continuation.of(continueDir.get(), RunDirs.runId(requestedProject, continueDir.get()),
          routine.modeId(), requested);
      composed = continuation.composed();
    }
    Config config = composed.config();
    // 1. Everything that only reads: bind params, check the config, subroutines, tasks, continue target.
    BoundScheduler<S> bound = BoundScheduler.bind(routine, config);
    RunEndHooks.check(config); // e.g. report=<not a boolean>
    S scheduler = bound.scheduler();
    List<String> selected = bound.subroutines();
    Path dataRoot = bound.dataRoot();
    Path projectDir = bound.projectDir();
    TaggedTasks.checkAll(bound.tasks().all()); // tags: a bad name or tag fails here, before anything is written
    if (bound.tasks().all().stream().map(TaskNames::base).anyMatch(DemoTasks.NAMES::contains)) {
      DemoTasks.ensureInstalled(dataRoot);
    }
    TaskIndex index = TaskIndex.scan(dataRoot);
    bound = bound.expand(index); // the mode's hook (e.g. train's nested)
    TaskLists.Expanded tasks = bound.tasks();
    TaggedTasks.checkAll(tasks.all());
    for (String t : tasks.all()) {
      index.resolve(t); // creates a tagged variant on first use; a clear message for a task that is not installed
    }
    if (tasks.all().isEmpty()) {
      List<String> perTask = new ArrayList<>();
      for (SubroutineInfo s : routine.subroutines()) {
        if (selected.contains(s.name()) && s.kind() != StepKind.ONCE) {
          perTask.add(s.name());
        }
      }
      if (!perTask.isEmpty()) {
        throw new ConfigException("task_list", "The task list is empty, but mode '" + routine.modeId()
            + "' runs its subroutines " + perTask + " once per task, so it would do nothing. Give tasks: tasks=demo,"
            + " task_list=[<task>,...] or pivot.name=<task>.");
      }
    }
    // 2. The run folder: a fresh one, or the one to continue (after checking it matches).
    Path runDir;
    boolean continued = continueDir.isPresent();
    RunLock lock;
    if (continued) {
      runDir = continueDir.get();
      lock = RunLock.acquire(runDir);
    } else {
      runDir = fixedDir != null ? Files.createDirectories(fixedDir) : RunDirs.create(projectDir, clock);
      lock = RunLock.acquire(runDir);
    }
    try (lock) {
      RunContext ctx = bound.attach(runDir, index, continued);
      Plan plan;
      try {
        plan = bound.plan(ctx);
      } catch (RuntimeException e) {
        if (!continued) {
          deleteFreshRunDir(runDir);
        }
        throw e;
      }
      String runId = RunDirs.runId(projectDir, runDir);
      Set<String> done;
      if (continued) {
        RunRecords.checkPlan(runDir, plan, runId);
        continuation.check(runId);
        done = RunRecords.finishedSteps(runDir);
        if (done.contains(Step.FINISH)) {
          LOG.info("Run {} already finished; nothing to continue.", runId);
          return new RunResult(runDir, runId, 0, plan.steps().size(), RunRecords.readReturnValue(runDir));
        }
        RunRecords.readReturnValue(runDir).ifPresent(scheduler::restoreReturnValue);
      } else {
        RunRecords.writeRunFiles(runDir, composed, routine.modeId(), runId);
        plan.write(runDir);
        done = Set.of();
      }
      // Only now, with every check passed, does the run's own log begin (a refused continue leaves it alone).
      try (RunLog runLog = RunLog.attach(runDir)) {
        if (continued) {
          LOG.info("Continuing run {} ({} of {} steps already finished).", runId,
              plan.steps().stream().filter(s -> done.contains(s.id())).count(), plan.steps().size());
        } else {
          LOG.info("Run {} of mode '{}' in {} ({} steps).", runId, routine.modeId(), runDir, plan.steps().size());
        }
        String executorName = executorName(config);
        if (executorName.equals(LOCAL_EXECUTOR)) {
          return execute(routine, scheduler, ctx, plan, done, runId);
        }
        return executor(executorName).execute(execution(routine, scheduler, ctx, plan, done, runId));
      }
    }
  }

  private <S extends AbstractBaseScheduler> RunResult execute(Routine<S> routine, S scheduler, RunContext ctx,
      Plan plan, Set<String> done, String runId) throws Exception {
    int ran = 0;
    int skipped = 0;
    int total = plan.steps().size();
    Progress progress = new Progress(total, ctx.config());
    StepRunner<S> runner = new StepRunner<>(routine, scheduler, ctx, runId, clock);
    try (Journal journal = Journal.open(ctx.runDir())) {
      StepRunner.Record record = StepRunner.journal(journal, ctx);
      for (int i = 0; i < total; i++) {
        Step step = plan.steps().get(i);
        // prepare always runs: it rebuilds the structs (from the dump when continuing) and runs the hook.
        if (done.contains(step.id()) && !step.subroutine().equals(Step.PREPARE)) {
          skipped++;
          progress.skipped(i, step);
          continue;
        }
        progress.started(i, step);
        double secs;
        try {
          secs = runner.run(step, done, record);
        } catch (StepFailedException e) {
          RunEndHooks.fire(ctx, runId); // a failed local run ends here: its report shows the failure
          throw e;
        }
        progress.finished(i, step, secs);
        ran++;
      }
    }
    Optional<Double> rv = scheduler.returnValue();
    LOG.info("Run {} finished: {} steps run, {} skipped{}.", runId, ran, skipped,
        rv.map(v -> ", return value " + v).orElse(""));
    return new RunResult(ctx.runDir(), runId, ran, skipped, rv);
  }

  /** The name of the built-in executor that runs every step in this process. */
  public static final String LOCAL_EXECUTOR = "local";

  /** The executor chosen by {@code executor.name} ({@code local} when the key is absent). */
  static String executorName(Config config) {
    if (!config.has("executor.name") || config.node("executor.name").orElseThrow().isNull()) {
      return LOCAL_EXECUTOR;
    }
    return config.getString("executor.name");
  }

  private RunExecutor executor(String name) {
    List<RunExecutor> all = new ArrayList<>();
    if (executors != null) {
      all.addAll(executors);
    } else {
      java.util.ServiceLoader.load(RunExecutor.class, Engine.class.getClassLoader()).forEach(all::add);
    }
    List<String> names = new ArrayList<>(List.of(LOCAL_EXECUTOR));
    for (RunExecutor e : all) {
      if (e.name().equals(name)) {
        return e;
      }
      names.add(e.name());
    }
    throw new ConfigException("executor.name", "No executor '" + name + "' (executor.name). Available: " + names + "."
        + ConfigException.didYouMean(Names.closest(name, names)));
  }

  private <S extends AbstractBaseScheduler> RunExecutor.Execution execution(Routine<S> routine, S scheduler,
      RunContext ctx, Plan plan, Set<String> done, String runId) {
    Map<String, ResourceSpec> resources = new LinkedHashMap<>();
    for (SubroutineInfo s : routine.subroutines()) {
      resources.put(s.name(), s.resources() == null ? ResourceSpec.DEFAULT : s.resources());
    }
    Set<String> doneBefore = Set.copyOf(done);
    return new RunExecutor.Execution() {
      @Override
      public RunContext context() {
        return ctx;
      }

      @Override
      public String mode() {
        return routine.modeId();
      }

      @Override
      public String runId() {
        return runId;
      }

      @Override
      public Plan plan() {
        return plan;
      }

      @Override
      public Set<String> done() {
        return doneBefore;
      }

      @Override
      public ResourceSpec resources(Step step) {
        return resources.getOrDefault(step.subroutine(), ResourceSpec.DEFAULT);
      }

      @Override
      public void runHere(Step step) throws Exception {
        runOneHere(routine, scheduler, ctx, step, doneBefore, runId);
      }
    };
  }

  /** One step in this process, exactly as the local loop runs it (used by other executors, e.g. for prepare). */
  private <S extends AbstractBaseScheduler> void runOneHere(Routine<S> routine, S scheduler, RunContext ctx, Step step,
      Set<String> done, String runId) throws Exception {
    try (Journal journal = Journal.open(ctx.runDir())) {
      new StepRunner<>(routine, scheduler, ctx, runId, clock).run(step, done, StepRunner.journal(journal, ctx));
    }
  }

  private Optional<Path> continueTarget(Config config, Path projectDir) {
    if (!config.has("continue")) {
      return Optional.empty();
    }
    JsonNode n = config.node("continue").orElseThrow();
    if (n.isNull() || (n.isBoolean() && !n.booleanValue()) || n.asText().equals("false")) {
      return Optional.empty();
    }
    String target = n.asText();
    if (target.equals("true")) {
      throw new ConfigException("continue", "Config key 'continue' must be false, 'latest' or a run id"
          + " (<YYYY-MM-DD>/<HH-MM-SS-mmm>); found true.");
    }
    if (target.equals("latest")) {
      return Optional.of(RunDirs.latest(projectDir).orElseThrow(() -> new ConfigException("continue",
          "continue=latest: project " + projectDir + " has no runs yet. Start one without continue.")));
    }
    try {
      return Optional.of(RunDirs.resolve(projectDir, target));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("continue", e.getMessage(), e);
    }
  }

  private static void deleteFreshRunDir(Path runDir) {
    FileTrees.deleteTreeQuietly(runDir);
    // The day folder too, when this run was its only one.
    try {
      Files.deleteIfExists(runDir.getParent());
    } catch (IOException e) {
      // not empty: other runs of the day live there
    }
  }


}
