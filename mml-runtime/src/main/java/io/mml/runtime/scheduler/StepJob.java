package io.mml.runtime.scheduler;

import io.mml.runtime.config.ConfigOverride;
import io.mml.runtime.errors.MmlException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mml.runtime.run.Hosts;
import io.mml.runtime.run.Journal;
import io.mml.runtime.run.RunFolder;
import io.mml.runtime.run.StepLock;
import io.mml.runtime.run.StepMarker;
import io.mml.runtime.run.StepMarkers;
import io.mml.runtime.config.Config;
import io.mml.runtime.config.ConfigException;
import io.mml.runtime.files.FileManager;
import io.mml.runtime.files.RunDirs;
import io.mml.runtime.tasks.TaskIndex;
import io.mml.runtime.tasks.TaskStruct;
import io.mml.runtime.tasks.TaskStructs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs exactly one step of an existing run folder in this process: what a cluster job does
 * ({@code mml run-step <run dir> <step id>}).
 *
 * <p>The job loads the run's saved config and plan, rebuilds the task structs from the dump written
 * after {@code prepare} plus the markers of finished steps (in plan order), runs the
 * {@code afterPreparation} hook (as every process running steps does), runs the step under the
 * step's own lock (never the whole-run lock: the tasks of an array run side by side) and records
 * the outcome and its struct changes in {@code <run>/steps/<step>.json}. The {@code finish} job, the
 * last of a run, also writes the merged {@code task_dump.json} and the journal entries of the job steps.
 */
public final class StepJob {
  private static final Logger LOG = LoggerFactory.getLogger(StepJob.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private StepJob() {}

  /**
   * Runs one step.
   *
   * @param registry the modes on the class path
   * @param runDir the run folder
   * @param stepId the step id, as in {@code plan.json}
   * @param machineKeys {@code key=value} for keys describing the machine ({@code data_dir})
   * @return 0 when the step finished (or had finished before)
   */
  public static int run(ModeRegistry registry, Path runDir, String stepId, List<String> machineKeys)
      throws Exception {
    Path dir = runDir.toAbsolutePath().normalize();
    RunFolder folder = new RunFolder(dir);
    if (!Files.isRegularFile(folder.plan()) || !Files.isRegularFile(folder.config())) {
      throw new MmlException("Not a run folder with a saved plan and config: " + dir);
    }
    JsonNode runJson = JSON.readTree(folder.runFile().toFile());
    String mode = runJson.path("mode").asText();
    ObjectNode tree = (ObjectNode) Engine.YAML.readTree(folder.config().toFile());
    // The results root is where the run folder is: <out>/<proj>/runs/<day>/<time>.
    Path projectDir = dir.getParent().getParent().getParent();
    tree.put("out_dir", projectDir.getParent().toString());
    for (String kv : machineKeys) {
      Optional<ConfigOverride> o = ConfigOverride.tryParse(kv);
      if (o.isEmpty() || o.get().op() != ConfigOverride.Op.SET || !Engine.MACHINE_KEYS.contains(o.get().key())) {
        throw new ConfigException(kv, "run-step takes only machine keys " + Engine.MACHINE_KEYS + " as key=value;"
            + " found '" + kv + "'.");
      }
      tree.put(o.get().key(), o.get().value());
    }
    Config config = Config.of(tree);
    String runId = RunDirs.runId(projectDir, dir);
    return runTyped(registry.get(mode), config, dir, runId, stepId);
  }

  private static <S extends AbstractBaseScheduler> int runTyped(Routine<S> routine, Config config, Path runDir,
      String runId, String stepId) throws Exception {
    // The same binding, config check (process options such as trainer.num_threads) and task expansion as the
    // command that submitted the run.
    BoundScheduler<S> bound = BoundScheduler.bind(routine, config);
    TaskIndex index = TaskIndex.scan(bound.dataRoot());
    bound = bound.expand(index);
    S scheduler = bound.scheduler();
    RunContext ctx = bound.attach(runDir, index, true);
    Plan saved = Plan.read(runDir);
    Plan plan = bound.plan(ctx);
    Optional<String> diff = saved.firstDifference(plan);
    if (diff.isPresent()) {
      throw new MmlException("Run " + runId + ": the plan of this build differs from the saved one (" + diff.get()
          + "). The jobs of a run must run the code it was submitted with.");
    }
    Step step = plan.steps().stream().filter(s -> s.id().equals(stepId)).findFirst().orElseThrow(() ->
        new MmlException("Run " + runId + " has no step '" + stepId + "'. Its steps: " + plan.ids()));
    if (step.subroutine().equals(Step.PREPARE)) {
      throw new MmlException("prepare runs in the submitting command, not as a job.");
    }
    String jobId = jobIdFromEnv();
    String log = StepMarkers.logFile(runDir, stepId).toString();
    try (StepLock lock = StepLock.acquire(runDir, stepId, Duration.ofSeconds(30))) {
      Optional<StepMarker> before = StepMarkers.read(runDir, stepId);
      if (before.isPresent() && before.get().status() == StepMarker.Status.DONE) {
        LOG.info("Step {} of run {} finished earlier; nothing to do.", stepId, runId);
        return 0;
      }
      StepMarker running = before.orElse(StepMarker.submitted(stepId, jobId, 1, log, null))
          .started(jobId, Hosts.name(), ProcessHandle.current().pid(), Instant.now(), log);
      StepMarkers.write(runDir, running);
      Thread onSignal = new Thread(() -> {
        // scancel, a time limit or preemption: SIGTERM reaches the JVM first.
        Optional<StepMarker> now = StepMarkers.read(runDir, stepId);
        if (now.isPresent() && now.get().status() == StepMarker.Status.RUNNING) {
          StepMarkers.write(runDir, running.ended(StepMarker.Status.FAILED, Instant.now(), 0,
              "terminated by a signal (scancel, time limit or preemption)", Map.of()));
        }
      }, "mml-step-terminated");
      Runtime.getRuntime().addShutdownHook(onSignal);
      try {
        // The state every process running steps starts from: the structs as the local loop would hold them, the
        // return value so far and the afterPreparation hook.
        discardEarlierAttempt(ctx.files(), stepId);
        rebuildStructs(ctx, plan, stepId);
        RunRecords.readReturnValue(runDir).ifPresent(scheduler::restoreReturnValue);
        scheduler.runAfterPreparation();
        LOG.info("Step {} of run {} (job {}) ...", stepId, runId, jobId);
        double secs = new StepRunner<>(routine, scheduler, ctx, runId, Clock.systemUTC())
            .run(step, Set.of(), new MarkerRecord(ctx, plan, running, log));
        LOG.info("Step {} done in {} s", stepId, String.format("%.2f", secs));
        return 0;
      } finally {
        try {
          Runtime.getRuntime().removeShutdownHook(onSignal);
        } catch (IllegalStateException shuttingDown) {
          // the hook is running or ran
        }
      }
    }
  }

  /**
   * A job's record: its step marker (start, end, struct changes) instead of the journal, which only
   * the submitting command and the {@code finish} job write. {@code finish} first merges the markers
   * into the journal and the struct dump, then journals its own end.
   */
  private static final class MarkerRecord implements StepRunner.Record {
    private final RunContext ctx;
    private final Plan plan;
    private final StepMarker running;
    private final String log;
    private Map<String, Map<String, Path>> snapshot = Map.of();
    private Map<String, Map<String, String>> changes = Map.of();

    MarkerRecord(RunContext ctx, Plan plan, StepMarker running, String log) {
      this.ctx = ctx;
      this.plan = plan;
      this.running = running;
      this.log = log;
    }

    @Override
    public void started(Step step, Instant at) throws IOException {
      snapshot = StepMarkers.snapshot(ctx.structs());
      if (step.subroutine().equals(Step.FINISH)) {
        consolidateJournal(ctx.runDir(), plan);
        ctx.structs().dump(new RunFolder(ctx.runDir()).structs(), ctx.files());
        try (Journal journal = Journal.open(ctx.runDir())) {
          journal.append(new Journal.Entry(step.id(), Journal.Status.STARTED, at, 0, null));
        }
      }
    }

    @Override
    public void persist(Step step) {
      changes = StepMarkers.changes(snapshot, ctx.structs(), ctx.files());
    }

    @Override
    public void done(Step step, Instant at, double seconds) throws IOException {
      StepMarkers.write(ctx.runDir(), running.ended(StepMarker.Status.DONE, at, seconds, null, changes));
      if (step.subroutine().equals(Step.FINISH)) {
        try (Journal journal = Journal.open(ctx.runDir())) {
          journal.append(new Journal.Entry(step.id(), Journal.Status.DONE, at, seconds, null));
        }
      }
    }

    @Override
    public void failed(Step step, Instant at, double seconds, Throwable cause) {
      StepMarkers.write(ctx.runDir(), running.ended(StepMarker.Status.FAILED, at, seconds, String.valueOf(cause),
          Map.of()));
    }

    @Override
    public String whereToLook() {
      return "Job log: " + log + ".";
    }
  }

  /** The structs as the local engine would hold them before this step: the dump, then every finished step. */
  private static void rebuildStructs(RunContext ctx, Plan plan, String stepId) {
    Path dump = new RunFolder(ctx.runDir()).structs();
    if (!Files.exists(dump)) {
      throw new MmlException("Run folder " + ctx.runDir() + " has no " + RunFolder.STRUCTS
          + ": prepare did not finish. Submit the run again with continue.");
    }
    for (TaskStruct s : TaskStructs.load(dump, ctx.tasks(), ctx.files()).all()) {
      ctx.structs().add(s);
    }
    List<String> others = new ArrayList<>(plan.ids());
    others.remove(stepId);
    StepMarkers.apply(ctx.structs(), ctx.files(), StepMarkers.readAll(ctx.runDir(), others).values());
  }

  /** Deletes what an earlier, unfinished attempt of this very step claimed (never another step's files). */
  private static void discardEarlierAttempt(FileManager files, String stepId) throws IOException {
    for (FileManager.CreatedPath c : files.createdPaths()) {
      if (stepId.equals(c.step()) && Files.deleteIfExists(c.path())) {
        LOG.info("Discarded {} left by an earlier attempt of {}", c.path(), stepId);
      }
    }
  }

  /** Appends a done entry for every step whose marker says done and whose journal does not. */
  private static void consolidateJournal(Path runDir, Plan plan) throws IOException {
    Set<String> journaled = new java.util.HashSet<>();
    Journal.latestByStep(Journal.read(runDir)).forEach((id, e) -> {
      if (e.status() == Journal.Status.DONE) {
        journaled.add(id);
      }
    });
    try (Journal journal = Journal.open(runDir)) {
      for (StepMarker m : StepMarkers.readAll(runDir, plan.ids()).values()) {
        if (m.status() == StepMarker.Status.DONE && !journaled.contains(m.step())) {
          if (m.startedAt() != null) {
            journal.append(new Journal.Entry(m.step(), Journal.Status.STARTED, m.startedAt(), 0, null));
          }
          journal.append(new Journal.Entry(m.step(), Journal.Status.DONE,
              m.endedAt() == null ? Instant.now() : m.endedAt(), m.seconds(), null));
        }
      }
    }
  }

  static String jobIdFromEnv() {
    String array = System.getenv("SLURM_ARRAY_JOB_ID");
    String task = System.getenv("SLURM_ARRAY_TASK_ID");
    if (array != null && task != null) {
      return array + "_" + task;
    }
    String job = System.getenv("SLURM_JOB_ID");
    return job == null ? "pid" + ProcessHandle.current().pid() : job;
  }

}
