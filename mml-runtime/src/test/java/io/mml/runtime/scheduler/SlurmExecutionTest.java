package io.mml.runtime.scheduler;

import io.mml.runtime.errors.MmlException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mml.runtime.cluster.RunStatus;
import io.mml.runtime.cluster.SbatchCommand;
import io.mml.runtime.cluster.SlurmExecutor;
import io.mml.runtime.run.Journal;
import io.mml.runtime.run.StepMarker;
import io.mml.runtime.run.StepMarkers;
import io.mml.runtime.config.ComposedConfig;
import io.mml.runtime.config.ConfigComposer;
import io.mml.runtime.config.ConfigSources;
import io.mml.runtime.modes.InfoScheduler_Routine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The slurm executor against recorded command lines and a fake controller that runs jobs in this JVM. */
class SlurmExecutionTest {
  private static final ConfigSources SOURCES = ConfigSources.load(SlurmExecutionTest.class.getClassLoader(), List.of());
  private static final List<String> TASKS = List.of("demo_shapes", "demo_stripes", "demo_tissue");

  @TempDir
  static Path data;

  @TempDir
  Path results;

  private final ModeRegistry registry = ModeRegistry.of(List.of(new EngineTestRoutine(), new InfoScheduler_Routine()));
  private FakeSlurm slurm;

  /** What the test scheduler did in this test's runs and jobs. */
  private Probe probe;

  @BeforeEach
  void reset() {
    slurm = new FakeSlurm(registry, data);
    probe = new Probe(results);
  }

  private ComposedConfig compose(String... overrides) {
    List<String> all = new ArrayList<>(List.of("data_dir=" + data, "out_dir=" + results, "proj=p", "tasks=demo",
        "executor=slurm"));
    all.addAll(List.of(overrides));
    return new ConfigComposer(SOURCES, Map.<String, String>of()::get).compose("enginetest", all);
  }

  private RunResult submit(String... overrides) throws Exception {
    return new Engine(java.time.Clock.systemDefaultZone(), List.of(new SlurmExecutor(c -> slurm)))
        .run(registry, compose(overrides));
  }

  private static Plan plan(Path run) throws Exception {
    return Plan.read(run);
  }

  @Test
  void everyStepBecomesAJobPerTaskStepsAnArrayWithRecordedCommandLines() throws Exception {
    RunResult r = submit("executor.partition=gpu", "executor.account=lab", "executor.extra_flags=[--qos=short]");
    Path run = r.runDir();
    String logs = run.resolve("logs").toString();
    String scripts = run.resolve("slurm").toString();
    List<String> common = List.of("--cpus-per-task=1", "--mem=2G", "--time=1:00:00", "--partition=gpu",
        "--account=lab", "--qos=short");
    List<List<String>> expected = new ArrayList<>();
    expected.add(concat(List.of("sbatch", "--parsable", "--job-name=mml.enginetest.per_task",
        "--output=" + logs + "/slurm-%A_%a.out", "--open-mode=append", "--array=0-2"), common,
        List.of(scripts + "/r1-01-per_task.sh")));
    expected.add(concat(List.of("sbatch", "--parsable", "--job-name=mml.enginetest.per_fold",
        "--output=" + logs + "/slurm-%A_%a.out", "--open-mode=append", "--array=0-5", "--dependency=afterok:100",
        "--kill-on-invalid-dep=yes"), common, List.of(scripts + "/r1-02-per_fold.sh")));
    expected.add(concat(List.of("sbatch", "--parsable", "--job-name=mml.enginetest.once",
        "--output=" + logs + "/slurm-%j.out", "--open-mode=append", "--dependency=afterok:101",
        "--kill-on-invalid-dep=yes"), common, List.of(scripts + "/r1-03-once.sh")));
    expected.add(concat(List.of("sbatch", "--parsable", "--job-name=mml.enginetest.finish",
        "--output=" + logs + "/slurm-%j.out", "--open-mode=append", "--dependency=afterok:102",
        "--kill-on-invalid-dep=yes"), common, List.of(scripts + "/r1-04-finish.sh")));
    assertEquals(expected, slurm.submitted);
    // prepare ran here; everything else is only submitted.
    assertEquals(List.of("afterPreparation"), probe.calls());
    RunStatus st = RunStatus.of(run, plan(run), Optional.of(slurm.queue()));
    assertEquals(RunStatus.State.DONE, st.step("prepare").state());
    assertEquals(RunStatus.State.PENDING, st.step("per_task[task=demo_stripes]").state());
    assertEquals("100_1", st.step("per_task[task=demo_stripes]").marker().jobId());
    assertEquals("102", st.step("once").marker().jobId());
    String script = Files.readString(run.resolve("slurm/r1-01-per_task.sh"));
    assertTrue(script.contains("'per_task[task=demo_shapes]' 'per_task[task=demo_stripes]'"), script);
    assertTrue(script.contains("'run-step' '" + run + "'"), script);
    assertTrue(script.contains(run.resolve("logs/per_task.task-demo_stripes.out").toString()), script);
  }

  private static List<String> concat(List<String> a, List<String> b, List<String> c) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    out.addAll(c);
    return out;
  }

  @Test
  void resourcesBecomeSbatchFlags() {
    assertEquals(List.of("--gres=gpu:2", "--cpus-per-task=8", "--mem=32G", "--time=12:00:00"),
        SbatchCommand.resourceFlags(new ResourceSpec(2, 8, "32G", "12:00:00")));
    assertEquals(List.of("--cpus-per-task=1", "--mem=2G", "--time=1:00:00"),
        SbatchCommand.resourceFlags(ResourceSpec.DEFAULT));
  }

  @Test
  void jobsRunOneStepEachAndTheRunEndsLikeALocalOne() throws Exception {
    RunResult r = submit();
    slurm.runAll();
    Path run = r.runDir();
    RunStatus st = RunStatus.of(run, plan(run), Optional.of(slurm.queue()));
    assertTrue(st.finished(), st.render("x"));
    // Concurrent array tasks each record their own struct change; the finish job merges them into the dump.
    String dump = Files.readString(run.resolve("task_dump.json"));
    for (String t : TASKS) {
      assertTrue(dump.contains("p/ENGINETEST/" + t + "/out_0000.txt"), dump);
    }
    assertEquals(0.25, RunRecords.readReturnValue(run).orElseThrow());
    Set<String> journalDone = RunRecords.finishedSteps(run);
    assertEquals(new HashSet<>(plan(run).ids()), journalDone);
    // The journal alone (without markers) names every step done: a local continue would skip them all.
    long doneLines = Journal.read(run).stream().filter(e -> e.status() == Journal.Status.DONE).count();
    assertEquals(plan(run).ids().size(), doneLines);
    // The finish job ran the run-end hooks: the HTML report, with the job id of every step its marker names.
    String report = Files.readString(run.resolve("report.html"));
    var markers = new java.util.LinkedHashMap<>(StepMarkers.readAll(run, plan(run).ids()));
    assertTrue(markers.size() > 3, markers.keySet().toString());
    markers.values().removeIf(m -> m.jobId() == null); // prepare runs in the submitting command
    markers.forEach((step, m) -> assertTrue(report.contains("&quot;" + step + "&quot;") && report.contains(
        ",&quot;" + m.jobId() + "&quot;,"), "job " + m.jobId() + " of " + step + " in the report's step data"));
  }

  @Test
  void aFailedStepCancelsItsDependentsAndContinueResubmitsFromIt() throws Exception {
    probe.failAt("per_task[task=demo_stripes]");
    RunResult r = submit();
    slurm.runAll();
    Path run = r.runDir();
    RunStatus st = RunStatus.of(run, plan(run), Optional.of(slurm.queue()));
    assertEquals(RunStatus.State.FAILED, st.step("per_task[task=demo_stripes]").state());
    assertEquals(RunStatus.State.DONE, st.step("per_task[task=demo_shapes]").state());
    assertEquals(RunStatus.State.CANCELLED, st.step("once").state());
    assertEquals(RunStatus.State.CANCELLED, st.step("finish").state());
    String table = st.render("r");
    assertTrue(table.contains("failed on purpose"), table);
    assertTrue(table.contains("log: " + run.resolve("logs/per_task.task-demo_stripes.out")), table);

    probe.clearFailures();
    probe.clearCalls();
    slurm.submitted.clear();
    submit("continue=latest");
    // Only the failed task and what depends on it are resubmitted.
    assertEquals(4, slurm.submitted.size());
    assertTrue(slurm.submitted.get(0).contains("--array=0-0"), slurm.submitted.get(0).toString());
    assertTrue(Files.readString(run.resolve("slurm/r2-01-per_task.sh")).contains("'per_task[task=demo_stripes]' )"));
    slurm.runAll();
    st = RunStatus.of(run, plan(run), Optional.of(slurm.queue()));
    assertTrue(st.finished(), st.render("x"));
    assertFalse(probe.calls().contains("per_task[task=demo_shapes]"), probe.calls().toString());
    assertTrue(probe.calls().contains("per_task[task=demo_stripes]"));
    assertEquals(2, StepMarkers.read(run, "per_task[task=demo_stripes]").orElseThrow().attempt());
    String dump = Files.readString(run.resolve("task_dump.json"));
    for (String t : TASKS) {
      assertTrue(dump.contains("p/ENGINETEST/" + t + "/"), dump);
    }
  }

  @Test
  void aJobLostWithItsNodeShowsAsLostAndIsResubmitted() throws Exception {
    RunResult r = submit();
    Path run = r.runDir();
    // per_task[demo_tissue] started on a node that then died: its marker says running, its job is gone.
    String lostStep = "per_task[task=demo_tissue]";
    StepMarker m = StepMarkers.read(run, lostStep).orElseThrow();
    StepMarkers.write(run, m.started("100_2", "node7", 4242, Instant.now(), m.log()));
    slurm.queued.clear();
    RunStatus st = RunStatus.of(run, plan(run), Optional.of(slurm.queue()));
    assertEquals(RunStatus.State.LOST, st.step(lostStep).state());
    assertTrue(st.step(lostStep).detail().contains("node7"), st.step(lostStep).detail());
    assertEquals(RunStatus.State.CANCELLED, st.step("once").state());

    slurm.submitted.clear();
    submit("continue=latest");
    assertTrue(slurm.submitted.get(0).contains("--array=0-2"), slurm.submitted.get(0).toString());
    slurm.runAll();
    assertTrue(RunStatus.of(run, plan(run), Optional.of(slurm.queue())).finished());
  }

  @Test
  void continueIsRefusedWhileJobsOfTheRunAreQueued() throws Exception {
    submit();
    MmlException e = assertThrows(MmlException.class, () -> submit("continue=latest"));
    assertTrue(e.getMessage().contains("still has steps queued or running"), e.getMessage());
    assertTrue(e.getMessage().contains("mml cancel"), e.getMessage());
  }

  @Test
  void aSlurmRunCanBeFinishedLocallyAndALocalOneOnSlurm() throws Exception {
    probe.failAt("once");
    RunResult r = submit();
    slurm.runAll();
    probe.clearFailures();
    probe.clearCalls();
    // continue locally: the markers say which steps are done, and their struct changes are restored.
    List<String> local = List.of("data_dir=" + data, "out_dir=" + results, "proj=p", "tasks=demo", "continue=latest",
        "executor=local");
    new Engine().run(registry, new ConfigComposer(SOURCES, Map.<String, String>of()::get).compose("enginetest", local));
    assertEquals(List.of("afterPreparation", "once", "beforeFinishing"), probe.calls());
    assertTrue(Files.readString(r.runDir().resolve("task_dump.json")).contains("demo_tissue/out_0000.txt"));
  }

  @Test
  void stepIdsBecomeDistinctFileNames() {
    assertEquals("a.task-demo_shapes", StepMarkers.sanitise("a[task=demo_shapes]"));
    assertEquals("train.task-x.fold-2", StepMarkers.sanitise("train[task=x,fold=2]"));
    assertEquals("b", StepMarkers.sanitise("b"));
    assertEquals("a.task-t%3Fpp%2D1", StepMarkers.sanitise("a[task=t?pp-1]"));
    assertFalse(StepMarkers.sanitise("a[task=x_fold]").equals(StepMarkers.sanitise("a[task=x,fold=1]")));
  }

  private static String flagsOf(List<String> argv, String prefix) {
    return String.join(" ", argv.stream().filter(a -> a.startsWith(prefix)).toList());
  }

  @Test
  void resourceOverridesApplyToEverySubroutineThenToNamedOnes() throws Exception {
    submit("executor.resources.all.memory=1G", "executor.resources.all.gpus=0", "+executor.resources.per_fold.cpus=2",
        "+executor.resources.once.gpus=2", "+executor.resources.once.time=0:10:00");
    List<String> perTask = slurm.submitted.get(0);
    List<String> perFold = slurm.submitted.get(1);
    List<String> once = slurm.submitted.get(2);
    assertEquals("--cpus-per-task=1 --mem=1G --time=1:00:00", flagsOf(perTask, "--cpus") + " "
        + flagsOf(perTask, "--mem") + " " + flagsOf(perTask, "--time"));
    assertEquals("", flagsOf(perTask, "--gres"));
    assertEquals("--cpus-per-task=2", flagsOf(perFold, "--cpus"));
    assertEquals("--mem=1G", flagsOf(perFold, "--mem"));
    assertEquals("--gres=gpu:2", flagsOf(once, "--gres"));
    assertEquals("--time=0:10:00", flagsOf(once, "--time"));
  }

  @Test
  void aResourceOverrideForAnUnknownSubroutineOrKeyFailsBeforeSubmitting() {
    var e = assertThrows(io.mml.runtime.config.ConfigException.class,
        () -> submit("+executor.resources.per_tsak.gpus=0"));
    assertTrue(e.getMessage().contains("executor.resources.per_tsak") && e.getMessage().contains("per_task"),
        e.getMessage());
    var f = assertThrows(io.mml.runtime.config.ConfigException.class, () -> submit("+executor.resources.all.gpu=0"));
    assertTrue(f.getMessage().contains("executor.resources.all.gpu") && f.getMessage().contains("gpus"),
        f.getMessage());
    var g = assertThrows(io.mml.runtime.config.ConfigException.class, () -> submit("executor.resources.all.gpus=-1"));
    assertTrue(g.getMessage().contains(">= 0"), g.getMessage());
    assertTrue(slurm.submitted.isEmpty());
  }

  @Test
  void sbatchRefusingAGpuRequestFailsAtOnceWithItsErrorAndTheOverride() {
    slurm.submitError = new java.io.IOException("sbatch failed (exit 1): sbatch: error: Invalid generic resource"
        + " (gres) specification");
    MmlException e = assertThrows(MmlException.class, () -> submit());
    assertTrue(e.getMessage().contains("Invalid generic resource (gres) specification"), e.getMessage());
    assertTrue(e.getMessage().contains("executor.resources.all.gpus=0"), e.getMessage());
  }

  @Test
  void aJobThatCanNeverStartIsCancelledAndTheWaitFails() throws Exception {
    slurm.pendingReason = "PartitionConfig";
    StepFailedException e = assertThrows(StepFailedException.class,
        () -> submit("executor.wait=true", "executor.poll_seconds=0.05"));
    assertTrue(e.getMessage().contains("can never start") && e.getMessage().contains("PartitionConfig"),
        e.getMessage());
    assertTrue(e.getMessage().contains("executor.resources"), e.getMessage());
    assertEquals(List.of(List.of("100", "101", "102", "103")), slurm.cancelled);
  }

  @Test
  void continueWithExecutorKeysButWithoutExecutorSlurmComposesUnderTheSavedExecutor() throws Exception {
    RunResult r = submit("executor.partition=gpu");
    slurm.queued.clear(); // the jobs are gone (cancelled): continue resubmits them
    slurm.submitted.clear();
    ConfigComposer composer = new ConfigComposer(SOURCES, Map.<String, String>of()::get);
    List<String> overrides = List.of("data_dir=" + data, "out_dir=" + results, "proj=p", "tasks=demo",
        "continue=latest", "executor.job_name_prefix=again");
    // Without the saved executor, the default (local) option has no such key.
    assertThrows(io.mml.runtime.config.ConfigException.class, () -> composer.compose("enginetest", overrides));
    ComposedConfig c = io.mml.runtime.cluster.ContinuedExecutor.compose(composer, "enginetest", overrides);
    assertEquals("slurm", c.choices().get("executor"));
    assertEquals(overrides, c.overrides());
    new Engine(java.time.Clock.systemDefaultZone(), List.of(new SlurmExecutor(x -> slurm))).run(registry, c);
    assertEquals(4, slurm.submitted.size());
    // The run keeps its saved executor settings; the new key applies on top.
    assertTrue(slurm.submitted.get(0).contains("--partition=gpu"), slurm.submitted.get(0).toString());
    assertTrue(slurm.submitted.get(0).contains("--job-name=again.enginetest.per_task"), slurm.submitted.toString());
    slurm.runAll();
    assertTrue(RunStatus.of(r.runDir(), plan(r.runDir()), Optional.of(slurm.queue())).finished());
  }

  @Test
  void aLocalRunContinuedWithSlurmKeysStillFailsOnTheUnknownKey() throws Exception {
    ConfigComposer composer = new ConfigComposer(SOURCES, Map.<String, String>of()::get);
    List<String> base = List.of("data_dir=" + data, "out_dir=" + results, "proj=p", "tasks=demo");
    probe.failAt("once");
    assertThrows(Exception.class, () -> new Engine().run(registry, composer.compose("enginetest", base)));
    List<String> again = new ArrayList<>(base);
    again.addAll(List.of("continue=latest", "executor.wait=true"));
    var e = assertThrows(io.mml.runtime.config.ConfigException.class,
        () -> io.mml.runtime.cluster.ContinuedExecutor.compose(composer, "enginetest", again));
    assertTrue(e.getMessage().contains("executor.wait"), e.getMessage());
  }
}
