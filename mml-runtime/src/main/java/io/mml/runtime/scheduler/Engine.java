package io.mml.runtime.scheduler;

import io.mml.runtime.errors.MmlException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.mml.runtime.run.Journal;
import io.mml.runtime.run.RunFolder;
import io.mml.runtime.run.RunLock;
import io.mml.runtime.run.StepMarkers;
import io.mml.runtime.config.ComposedConfig;
import io.mml.runtime.config.Config;
import io.mml.runtime.config.ConfigException;
import io.mml.runtime.config.Names;
import io.mml.runtime.files.AtomicFiles;
import io.mml.runtime.files.RunDirs;
import io.mml.runtime.tasks.DemoTasks;
import io.mml.runtime.tasks.TaskIndex;
import io.mml.runtime.tasks.TaskNames;
import io.mml.runtime.tasks.TaskStruct;
import io.mml.runtime.tasks.TaskStructs;
import io.mml.runtime.tasks.tags.TaggedTasks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
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


  /** Keys that may differ between a run and its continuation (they describe the machine, not the experiment). */
  static final Set<String> MACHINE_KEYS = Set.of("continue", "data_dir", "out_dir", "proj_path", "num_workers");

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
    return runTyped(routine, composed);
  }

  private <S extends AbstractBaseScheduler> RunResult runTyped(Routine<S> routine, ComposedConfig requested)
      throws Exception {
    // 0. A continued run uses its saved configuration (plus the keys this command sets explicitly).
    Path requestedProject = Path.of(requested.config().getString("out_dir")).toAbsolutePath().normalize()
        .resolve(projectName(requested.config()));
    Optional<Path> continueDir = continueTarget(requested.config(), requestedProject);
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
      runDir = RunDirs.create(projectDir, clock);
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
        checkPlan(runDir, plan, runId);
        continuation.check(runId);
        done = finishedSteps(runDir);
        if (done.contains(Step.FINISH)) {
          LOG.info("Run {} already finished; nothing to continue.", runId);
          return new RunResult(runDir, runId, 0, plan.steps().size(), readReturnValue(runDir));
        }
        readReturnValue(runDir).ifPresent(scheduler::restoreReturnValue);
      } else {
        writeRunFiles(runDir, composed, routine.modeId(), runId);
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
        double secs = runner.run(step, done, record);
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

  /**
   * @param done the steps finished before this invocation (read before prepare journaled its own start,
   *     which would otherwise hide that an earlier prepare finished and discard its artifacts)
   */
  static void prepare(AbstractBaseScheduler scheduler, RunContext ctx, Set<String> done) throws Exception {
    Path dump = new RunFolder(ctx.runDir()).structs();
    TaskStructs structs = ctx.structs();
    if (ctx.continued() && Files.exists(dump)) {
      TaskStructs loaded = TaskStructs.load(dump, ctx.tasks(), ctx.files());
      for (var s : loaded.all()) {
        structs.add(s);
      }
      // Steps run as cluster jobs record their struct changes in their own markers (not in the dump).
      if (StepMarkers.any(ctx.runDir())) {
        StepMarkers.apply(structs, ctx.files(),
            StepMarkers.readAll(ctx.runDir(), Plan.read(ctx.runDir()).ids()).values());
      }
      ctx.files().discardUnfinishedArtifacts(done);
    } else {
      for (String name : ctx.taskList()) {
        String pp = scheduler.resolvedPreprocessingId();
        TaskStruct struct = new TaskStruct(name, ctx.tasks().header(name, pp), ctx.tasks().descriptionPath(name, pp));
        // Artifacts of earlier projects named by `reuse` are attached before the first step.
        ctx.files().reusables(name).forEach(struct::putPath);
        structs.add(struct);
      }
    }
    scheduler.runAfterPreparation();
  }

  static void finish(AbstractBaseScheduler scheduler, RunContext ctx) throws Exception {
    scheduler.runBeforeFinishing();
    ctx.files().removeIntermediates();
  }

  static void writeReturnValue(Path runDir, Optional<Double> rv) throws IOException {
    if (rv.isPresent()) {
      ObjectNode n = JSON.createObjectNode();
      double v = rv.get();
      // Like mml: an infinite objective is saved as a large finite number so optimisers can read it.
      n.put("value", Double.isInfinite(v) ? Math.copySign(1e5, v) : v);
      AtomicFiles.write(new RunFolder(runDir).returnValue(), JSON.writeValueAsBytes(n));
    }
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

  private static void checkPlan(Path runDir, Plan plan, String runId) throws IOException {
    Plan saved = Plan.read(runDir);
    Optional<String> diff = saved.firstDifference(plan);
    if (diff.isPresent()) {
      throw new MmlException("Cannot continue run " + runId + ": its plan differs from this command's: "
          + diff.get() + ". Continue with the same mode, tasks and subroutines as the original command, or start"
          + " a new run (drop continue=).");
    }
  }

  static Set<String> finishedSteps(Path runDir) throws IOException {
    Set<String> done = new LinkedHashSet<>();
    for (Journal.Entry e : Journal.latestByStep(Journal.read(runDir)).values()) {
      if (e.status() == Journal.Status.DONE) {
        done.add(e.step());
      }
    }
    // Steps run as cluster jobs: their markers are the truth (the journal is written by one process at a time).
    if (StepMarkers.any(runDir)) {
      done.addAll(StepMarkers.done(runDir, Plan.read(runDir).ids()));
    }
    return done;
  }

  private static void writeRunFiles(Path runDir, ComposedConfig composed, String mode, String runId)
      throws IOException {
    RunFolder folder = new RunFolder(runDir);
    AtomicFiles.write(folder.config(), YAML.writeValueAsBytes(composed.config().tree()));
    ObjectNode run = JSON.createObjectNode();
    run.put("run_id", runId);
    run.put("mode", mode);
    run.putPOJO("overrides", composed.overrides());
    run.putPOJO("choices", new LinkedHashMap<>(composed.choices()));
    run.put("pid", ProcessHandle.current().pid());
    AtomicFiles.write(folder.runFile(), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(run));
  }

  static Optional<Double> readReturnValue(Path runDir) throws IOException {
    Path f = new RunFolder(runDir).returnValue();
    if (!Files.exists(f)) {
      return Optional.empty();
    }
    return Optional.of(JSON.readTree(f.toFile()).path("value").asDouble());
  }

  private static void deleteFreshRunDir(Path runDir) {
    deleteTree(runDir);
    // The day folder too, when this run was its only one.
    try {
      Files.deleteIfExists(runDir.getParent());
    } catch (IOException e) {
      // not empty: other runs of the day live there
    }
  }

  private static void deleteTree(Path runDir) {
    try (var walk = Files.walk(runDir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          // best effort: an undeletable empty folder is harmless
        }
      });
    } catch (IOException e) {
      LOG.debug("Could not remove the unused run folder {}", runDir, e);
    }
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
