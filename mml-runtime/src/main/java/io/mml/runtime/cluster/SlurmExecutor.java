package io.mml.runtime.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mml.runtime.config.Config;
import io.mml.runtime.files.AtomicFiles;
import io.mml.runtime.errors.MmlException;
import io.mml.runtime.run.Hosts;
import io.mml.runtime.run.RunFolder;
import io.mml.runtime.run.StepLock;
import io.mml.runtime.run.StepMarker;
import io.mml.runtime.run.StepMarkers;
import io.mml.runtime.scheduler.Plan;
import io.mml.runtime.scheduler.RunExecutor;
import io.mml.runtime.scheduler.RunResult;
import io.mml.runtime.scheduler.Step;
import io.mml.runtime.scheduler.StepFailedException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code slurm} executor: every step of the plan becomes a Slurm job.
 *
 * <ul>
 *   <li>{@code prepare} runs in the submitting command (it builds the task structs and the dump every
 *       job starts from, and fails early, before anything is queued, when data is missing);
 *   <li>the per-task steps of one subroutine become one job array, each once-step one job; each
 *       submission depends ({@code afterok}, {@code --kill-on-invalid-dep=yes}) on the one before it,
 *       so the order of the local run is kept and a failure cancels everything after it;
 *   <li>{@code finish} is the last job; it writes the merged task dump and journal;
 *   <li>each job runs {@code <main> run-step <run> <step>} and records its outcome in its marker.
 * </ul>
 * With {@code executor.wait=true} the command then follows the run until it finishes or fails.
 */
public final class SlurmExecutor implements RunExecutor {
  private static final Logger LOG = LoggerFactory.getLogger(SlurmExecutor.class);
  private static final Logger PROGRESS = LoggerFactory.getLogger("mml.progress");
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The folder of the batch scripts and the submission record in the run folder. */
  public static final String DIR = "slurm";
  /** One JSON line per sbatch call: round, job id, steps, command line. */
  public static final String SUBMISSIONS = "submissions.jsonl";

  private final Function<SlurmConfig, SlurmClient> clients;

  /** The executor on the real Slurm commands (found through ServiceLoader). */
  public SlurmExecutor() {
    this(ProcessSlurmClient::new);
  }

  /** The executor on other clients (tests). */
  public SlurmExecutor(Function<SlurmConfig, SlurmClient> clients) {
    this.clients = clients;
  }

  @Override
  public String name() {
    return "slurm";
  }

  /** One sbatch call: consecutive per-task steps of one subroutine (an array), or one step. */
  record Group(String subroutine, List<Step> steps, boolean array) {}

  @Override
  public RunResult execute(Execution ex) throws Exception {
    Config config = ex.context().config();
    SlurmConfig cfg = SlurmConfig.from(config);
    SlurmClient client = clients.apply(cfg);
    Path runDir = ex.context().runDir();
    Plan plan = ex.plan();
    cfg.checkSubroutines(plan.steps().stream().map(Step::subroutine).collect(java.util.stream.Collectors.toSet()));
    if (ex.context().continued()) {
      refuseWhileActive(client, runDir, plan, ex.runId());
    }
    Set<String> done = new LinkedHashSet<>(ex.done());
    // 1. prepare, here: builds the structs and task_dump.json every job starts from.
    Step prepare = plan.steps().get(0);
    Instant t0 = Instant.now();
    ex.runHere(prepare);
    StepMarkers.write(runDir, new StepMarker(prepare.id(), StepMarker.Status.DONE, null, 1, Hosts.name(),
        ProcessHandle.current().pid(), null, t0, Instant.now(), Duration.between(t0, Instant.now()).toMillis() / 1000.0,
        null, null, Map.of()));
    // 2. the rest, as jobs.
    List<Group> groups = groups(plan, done);
    if (groups.isEmpty()) {
      LOG.info("Run {}: every step has finished; nothing to submit.", ex.runId());
      return new RunResult(runDir, ex.runId(), 1, plan.steps().size() - 1, returnValue(runDir));
    }
    Submission sub = submit(ex, cfg, client, groups);
    int steps = groups.stream().mapToInt(g -> g.steps().size()).sum();
    LOG.info("Run {}: submitted {} steps as {} Slurm jobs ({}). Follow it with: mml status {}; stop it with:"
        + " mml cancel {}", ex.runId(), steps, groups.size(), String.join(", ", sub.jobIds()), ex.runId(), ex.runId());
    if (!cfg.waitForRun()) {
      return new RunResult(runDir, ex.runId(), 1, plan.steps().size() - 1 - steps, returnValue(runDir));
    }
    waitFor(ex, cfg, client);
    return new RunResult(runDir, ex.runId(), 1 + steps, plan.steps().size() - 1 - steps, returnValue(runDir));
  }

  private static Optional<Double> returnValue(Path runDir) throws IOException {
    Path f = new RunFolder(runDir).returnValue();
    return Files.exists(f) ? Optional.of(JSON.readTree(f.toFile()).path("value").asDouble()) : Optional.empty();
  }

  /** The submissions of the steps not yet done, in plan order (prepare excluded). */
  static List<Group> groups(Plan plan, Set<String> done) {
    List<Group> out = new ArrayList<>();
    for (Step s : plan.steps()) {
      if (s.subroutine().equals(Step.PREPARE) || done.contains(s.id())) {
        continue;
      }
      Group last = out.isEmpty() ? null : out.get(out.size() - 1);
      if (s.hasTask() && last != null && last.array() && last.subroutine().equals(s.subroutine())) {
        last.steps().add(s);
      } else {
        List<Step> steps = new ArrayList<>();
        steps.add(s);
        out.add(new Group(s.subroutine(), steps, s.hasTask()));
      }
    }
    return out;
  }

  record Submission(List<String> jobIds) {}

  private Submission submit(Execution ex, SlurmConfig cfg, SlurmClient client, List<Group> groups) throws Exception {
    Path runDir = ex.context().runDir();
    Path dir = Files.createDirectories(runDir.resolve(DIR));
    Path logs = Files.createDirectories(runDir.resolve(StepMarkers.LOGS));
    int round = nextRound(dir);
    List<String> ids = new ArrayList<>();
    String previous = null;
    try {
      for (int gi = 0; gi < groups.size(); gi++) {
        Group g = groups.get(gi);
        Path script = dir.resolve(String.format(Locale.ROOT, "r%d-%02d-%s.sh", round, gi + 1, g.subroutine()));
        AtomicFiles.write(script, script(ex, cfg, g, runDir).getBytes(StandardCharsets.UTF_8));
        script.toFile().setExecutable(true);
        List<String> argv = SbatchCommand.build(cfg, cfg.jobNamePrefix() + "." + ex.mode() + "." + g.subroutine(),
            g.array() ? g.steps().size() : 0, previous == null ? List.of() : List.of(previous),
            cfg.resourcesFor(g.subroutine(), ex.resources(g.steps().get(0))), logs, script);
        Instant at = Instant.now();
        String id = client.submit(argv);
        ids.add(id);
        previous = id;
        record(dir, round, id, g, argv, at);
        for (int i = 0; i < g.steps().size(); i++) {
          String stepId = g.steps().get(i).id();
          markSubmitted(runDir, stepId, g.array() ? id + "_" + i : id, at);
        }
      }
    } catch (IOException | RuntimeException e) {
      if (!ids.isEmpty()) {
        LOG.error("Submission failed; cancelling the jobs submitted so far ({})", ids);
        try {
          client.cancel(ids);
        } catch (IOException ce) {
          LOG.warn("Could not cancel {}: {}", ids, ce.getMessage());
        }
      }
      throw new MmlException("Submitting run " + ex.runId() + " to Slurm failed: " + e.getMessage()
          + (ids.isEmpty() ? "" : " (cancelled the jobs submitted before: " + ids + ")") + hint(e.getMessage())
          + ". Fix the cause, then: mml " + ex.mode() + " continue=" + ex.runId() + " executor=slurm", e);
    }
    return new Submission(ids);
  }

  /** What to change when sbatch refused a request the cluster cannot satisfy. */
  static String hint(String sbatchError) {
    String m = sbatchError == null ? "" : sbatchError.toLowerCase(Locale.ROOT);
    if (m.contains("gres")) {
      return ". The cluster has no such GPUs (a subroutine's @Resources asks for gpus): run without them with"
          + " executor.resources.all.gpus=0, or for one subroutine +executor.resources.<subroutine>.gpus=0";
    }
    if (m.contains("node configuration is not available") || m.contains("can not be satisfied")) {
      return ". No node of the partition has what a step asks for (@Resources): lower it with"
          + " executor.resources.all.cpus=/.memory=/.time= or +executor.resources.<subroutine>.<key>=";
    }
    return "";
  }

  /**
   * Reasons for which Slurm keeps a job pending although it can never start (it asks for more than the
   * partition or the account allows); sbatch accepts such jobs.
   */
  static final Set<String> NEVER_STARTS = Set.of("PartitionConfig", "PartitionNodeLimit", "PartitionTimeLimit",
      "BadConstraints", "InvalidAccount", "InvalidQOS");

  /** Records a submission, unless the job already started and wrote a newer marker (under the step lock). */
  private static void markSubmitted(Path runDir, String stepId, String jobId, Instant at) throws IOException {
    try (StepLock lock = StepLock.acquire(runDir, stepId, Duration.ofSeconds(30))) {
      Optional<StepMarker> now = StepMarkers.read(runDir, stepId);
      if (now.isPresent() && jobId.equals(now.get().jobId())) {
        return; // the job was faster than us
      }
      int attempt = now.map(m -> m.attempt() + 1).orElse(1);
      StepMarkers.write(runDir, StepMarker.submitted(stepId, jobId, attempt,
          StepMarkers.logFile(runDir, stepId).toString(), at));
    } catch (MmlException busy) {
      // The job holds its lock: it started and keeps its own marker.
      LOG.debug("Step {} already started: {}", stepId, busy.getMessage());
    }
  }

  private static int nextRound(Path dir) throws IOException {
    Path f = dir.resolve(SUBMISSIONS);
    if (!Files.exists(f)) {
      return 1;
    }
    int max = 0;
    for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        max = Math.max(max, JSON.readTree(line).path("round").asInt(0));
      }
    }
    return max + 1;
  }

  private static void record(Path dir, int round, String id, Group g, List<String> argv, Instant at) {
    ObjectNode n = JSON.createObjectNode();
    n.put("round", round);
    n.put("job_id", id);
    n.put("subroutine", g.subroutine());
    n.put("array", g.array());
    n.put("at", at.toString());
    var steps = n.putArray("steps");
    g.steps().forEach(s -> steps.add(s.id()));
    var cmd = n.putArray("argv");
    argv.forEach(cmd::add);
    AtomicFiles.appendLine(dir.resolve(SUBMISSIONS), n.toString());
  }

  /** The batch script of a submission: picks its step by array index, logs to the step log, runs run-step. */
  static String script(Execution ex, SlurmConfig cfg, Group g, Path runDir) {
    StringBuilder sb = new StringBuilder("#!/bin/bash\n");
    sb.append("# Written by mml: run ").append(ex.runId()).append(", subroutine ").append(g.subroutine())
        .append(g.array() ? ", one array task per step" : "").append(".\n");
    sb.append("STEPS=(");
    g.steps().forEach(s -> sb.append(' ').append(quote(s.id())));
    sb.append(" )\nLOGS=(");
    g.steps().forEach(s -> sb.append(' ').append(quote(StepMarkers.logFile(runDir, s.id()).toString())));
    sb.append(" )\n");
    sb.append("i=${SLURM_ARRAY_TASK_ID:-0}\n");
    sb.append("exec >>\"${LOGS[$i]}\" 2>&1\n");
    sb.append("echo \"mml: step ${STEPS[$i]} as job ${SLURM_JOB_ID:-?} on $(hostname) at $(date '+%F %T')\"\n");
    List<String> cmd = new ArrayList<>();
    cmd.add(cfg.javaBinary());
    cmd.addAll(cfg.javaOpts());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(MainClass.get());
    cmd.add("run-step");
    cmd.add(runDir.toString());
    sb.append("exec");
    cmd.forEach(c -> sb.append(' ').append(quote(c)));
    sb.append(" \"${STEPS[$i]}\" ").append(quote("data_dir=" + ex.context().files().dataRoot())).append('\n');
    return sb.toString();
  }

  static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  /** Refuses to resubmit a run while jobs of it are still queued or running. */
  static void refuseWhileActive(SlurmClient client, Path runDir, Plan plan, String runId) throws IOException {
    RunStatus st = RunStatus.of(runDir, plan, Optional.of(client.queue()));
    List<String> active = st.steps().stream().filter(s -> s.state().active()).map(RunStatus.StepState::step).toList();
    if (!active.isEmpty()) {
      throw new MmlException("Run " + runId + " still has steps queued or running on Slurm: " + active
          + ". Wait for them (mml status " + runId + "), or cancel them (mml cancel " + runId + "), then continue.");
    }
  }

  /** Cancels the run's jobs and fails when one of them pends for a reason that never goes away. */
  private static void failIfStuck(Execution ex, SlurmClient client, RunStatus st,
      Map<String, SlurmClient.QueuedJob> queue) throws IOException {
    for (RunStatus.StepState s : st.steps()) {
      SlurmClient.QueuedJob job = s.marker() == null || s.marker().jobId() == null ? null
          : queue.get(s.marker().jobId());
      if (job == null || !job.state().equals("PENDING") || !NEVER_STARTS.contains(job.reason().strip())) {
        continue;
      }
      Set<String> ids = new LinkedHashSet<>();
      for (RunStatus.StepState a : st.steps()) {
        if (a.state().active() && a.marker() != null && a.marker().jobId() != null) {
          ids.add(a.marker().jobId().replaceFirst("_\\d+$", ""));
        }
      }
      client.cancel(new ArrayList<>(ids));
      throw new StepFailedException(s.step(), "Run " + ex.runId() + ": job " + job.id() + " of step " + s.step()
          + " can never start: Slurm keeps it pending with reason " + job.reason() + " (it asks for more than the"
          + " partition offers: see its sbatch flags in " + ex.context().runDir().resolve(DIR).resolve(SUBMISSIONS)
          + "). Cancelled the run's jobs " + ids + ". Lower the request with executor.resources.all.<gpus|cpus|memory"
          + "|time>= or +executor.resources.<subroutine>.<key>=, then: mml " + ex.mode() + " continue=" + ex.runId(),
          null);
    }
  }

  private void waitFor(Execution ex, SlurmConfig cfg, SlurmClient client) throws Exception {
    Path runDir = ex.context().runDir();
    Plan plan = ex.plan();
    Map<String, RunStatus.State> seen = new LinkedHashMap<>();
    long start = System.nanoTime();
    int total = plan.steps().size();
    while (true) {
      Optional<Map<String, SlurmClient.QueuedJob>> queue;
      try {
        queue = Optional.of(client.queue());
      } catch (IOException e) {
        LOG.warn("Cannot read the Slurm queue ({}); trying again.", e.getMessage());
        queue = Optional.empty();
      }
      RunStatus st = RunStatus.of(runDir, plan, queue);
      if (queue.isPresent()) {
        failIfStuck(ex, client, st, queue.get());
      }
      for (int i = 0; i < st.steps().size(); i++) {
        RunStatus.StepState s = st.steps().get(i);
        if (seen.get(s.step()) != s.state()) {
          seen.put(s.step(), s.state());
          if (s.state() != RunStatus.State.PENDING || i > 0) {
            PROGRESS.info("[{}/{}] {} {} {}", i + 1, total, s.step(), s.state().name().toLowerCase(Locale.ROOT),
                s.detail() == null ? "" : s.detail());
          }
        }
      }
      if (st.finished()) {
        LOG.info("Run {} finished on Slurm in {} s.", ex.runId(),
            String.format(Locale.ROOT, "%.1f", (System.nanoTime() - start) / 1e9));
        return;
      }
      if (queue.isPresent() && !st.active()) {
        List<RunStatus.StepState> bad = new ArrayList<>(st.in(RunStatus.State.FAILED));
        bad.addAll(st.in(RunStatus.State.LOST));
        StringBuilder msg = new StringBuilder("Run " + ex.runId() + " stopped on Slurm: ");
        if (bad.isEmpty()) {
          msg.append("its jobs left the queue without finishing (cancelled?).");
        }
        for (RunStatus.StepState b : bad) {
          msg.append("step ").append(b.step()).append(' ').append(b.state().name().toLowerCase(Locale.ROOT))
              .append(" (").append(b.detail()).append("), log: ")
              .append(b.marker() == null ? "-" : b.marker().log()).append("; ");
        }
        List<String> cancelled = st.in(RunStatus.State.CANCELLED).stream().map(RunStatus.StepState::step).toList();
        if (!cancelled.isEmpty()) {
          msg.append("cancelled after it: ").append(cancelled).append(". ");
        }
        msg.append("Fix the cause, then resubmit what has not finished with: mml ").append(ex.mode())
            .append(" continue=").append(ex.runId());
        throw new StepFailedException(bad.isEmpty() ? plan.ids().get(total - 1) : bad.get(0).step(), msg.toString(),
            null);
      }
      Thread.sleep((long) (cfg.pollSeconds() * 1000));
    }
  }
}
