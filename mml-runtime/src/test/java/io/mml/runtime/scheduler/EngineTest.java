package io.mml.runtime.scheduler;

import io.mml.runtime.errors.MmlException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mml.runtime.config.ComposedConfig;
import io.mml.runtime.config.ConfigComposer;
import io.mml.runtime.config.ConfigException;
import io.mml.runtime.config.ConfigSources;
import io.mml.runtime.files.RunDirs;
import io.mml.runtime.modes.InfoScheduler_Routine;
import io.mml.runtime.run.Journal;
import io.mml.runtime.run.RunFolder;
import io.mml.runtime.run.RunLock;
import io.mml.runtime.tasks.TaskException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> TASKS = List.of("demo_shapes", "demo_stripes", "demo_tissue");
  private static final ConfigSources SOURCES = ConfigSources.load(EngineTest.class.getClassLoader(), List.of());

  /** Shared by all tests: the demo tasks are generated once. */
  @TempDir
  static Path data;

  @TempDir
  Path results;

  private final ModeRegistry registry = ModeRegistry.of(List.of(new EngineTestRoutine(), new InfoScheduler_Routine()));

  /** What the test scheduler did in this test's runs. */
  private Probe probe;

  @BeforeEach
  void probe() {
    probe = new Probe(results);
  }

  private ComposedConfig compose(String mode, String... overrides) {
    List<String> all = new ArrayList<>(List.of("data_dir=" + data, "out_dir=" + results, "proj=p", "tasks=demo"));
    all.addAll(List.of(overrides));
    return new ConfigComposer(SOURCES, Map.<String, String>of()::get).compose(mode, all);
  }

  private RunResult run(String... overrides) throws Exception {
    return new Engine().run(registry, compose("enginetest", overrides));
  }

  private Path projectDir() {
    return results.resolve("p");
  }

  private static List<String> fullPlan() {
    List<String> ids = new ArrayList<>();
    ids.add("prepare");
    for (String t : TASKS) {
      ids.add("per_task[task=" + t + "]");
    }
    for (String t : TASKS) {
      for (int f = 0; f < 2; f++) {
        ids.add("per_fold[task=" + t + ",fold=" + f + "]");
      }
    }
    ids.add("once");
    ids.add("finish");
    return ids;
  }

  /** The calls a run of the given plan ids makes (hooks in place of prepare and finish). */
  private static List<String> calls(List<String> planIds) {
    List<String> out = new ArrayList<>();
    for (String id : planIds) {
      out.add(switch (id) {
        case "prepare" -> "afterPreparation";
        case "finish" -> "beforeFinishing";
        default -> id;
      });
    }
    return out;
  }

  private static Map<String, Journal.Status> latest(Path runDir) {
    Map<String, Journal.Status> m = new java.util.LinkedHashMap<>();
    Journal.latestByStep(Journal.read(runDir)).forEach((k, v) -> m.put(k, v.status()));
    return m;
  }

  private void assertNothingWritten() throws Exception {
    assertEquals(List.of(), RunDirs.list(projectDir()), "no run folder may be created");
    if (Files.exists(results)) {
      try (Stream<Path> s = Files.walk(results)) {
        List<Path> files = s.filter(Files::isRegularFile).toList();
        assertEquals(List.of(), files, "no file may be written under the results root");
      }
    }
  }

  // ------------------------------------------------------------------ plain runs

  @Test
  void planIsPrepareThenStepsInSourceOrderThenFinish() throws Exception {
    RunResult r = run();
    List<String> expected = fullPlan();
    assertEquals(expected, Plan.read(r.runDir()).ids());
    assertEquals("enginetest", Plan.read(r.runDir()).mode());
    assertEquals(calls(expected), probe.calls());
    assertEquals(expected.size(), r.stepsRun());
    assertEquals(0, r.stepsSkipped());
    assertEquals(projectDir().resolve("runs").resolve(r.runId()).toAbsolutePath(), r.runDir());
    // every step journaled started then done, in plan order
    List<Journal.Entry> entries = Journal.read(r.runDir());
    assertEquals(2 * expected.size(), entries.size());
    for (int i = 0; i < expected.size(); i++) {
      assertEquals(expected.get(i), entries.get(2 * i).step());
      assertEquals(Journal.Status.STARTED, entries.get(2 * i).status());
      assertEquals(expected.get(i), entries.get(2 * i + 1).step());
      assertEquals(Journal.Status.DONE, entries.get(2 * i + 1).status());
    }
    assertTrue(Files.exists(r.runDir().resolve(RunFolder.CONFIG)));
    JsonNode run = JSON.readTree(r.runDir().resolve(RunFolder.RUN).toFile());
    assertEquals(r.runId(), run.get("run_id").asText());
    assertEquals("enginetest", run.get("mode").asText());
  }

  @Test
  void returnValueIsWrittenAndReturned() throws Exception {
    RunResult r = run("mode.objective=0.75");
    assertEquals(Optional.of(0.75), r.returnValue());
    JsonNode rv = JSON.readTree(r.runDir().resolve(RunFolder.RETURN_VALUE).toFile());
    assertEquals(0.75, rv.get("value").asDouble(), 0);
  }

  @Test
  void subroutinesSubsetRunsInSourceOrderNotInTheUsersOrder() throws Exception {
    RunResult r = run("mode.subroutines=[once,per_task]");
    List<String> expected = new ArrayList<>(List.of("prepare"));
    TASKS.forEach(t -> expected.add("per_task[task=" + t + "]"));
    expected.add("once");
    expected.add("finish");
    assertEquals(expected, Plan.read(r.runDir()).ids());
    assertEquals(calls(expected), probe.calls());
  }

  @Test
  void unknownSubroutineIsAConfigErrorWithDidYouMeanBeforeAnythingIsWritten() throws Exception {
    ConfigException e = assertThrows(ConfigException.class, () -> run("mode.subroutines=[per_tsk,once]"));
    assertEquals("mode.subroutines", e.keyPath());
    assertTrue(e.getMessage().contains("per_tsk"), e.getMessage());
    assertTrue(e.getMessage().contains("per_task"), e.getMessage());
    assertTrue(e.getMessage().toLowerCase().contains("did you mean"), e.getMessage());
    assertNothingWritten();
    assertEquals(List.of(), probe.calls());
  }

  @Test
  void emptySubroutinesIsAConfigError() throws Exception {
    ConfigException e = assertThrows(ConfigException.class, () -> run("mode.subroutines=[]"));
    assertEquals("mode.subroutines", e.keyPath());
    assertNothingWritten();
  }

  @Test
  void paramOfTheWrongTypeNamesTheKeyBeforeAnythingIsWritten() throws Exception {
    ConfigException e = assertThrows(ConfigException.class, () -> run("mode.level=loud"));
    assertEquals("mode.level", e.keyPath());
    assertTrue(e.getMessage().contains("mode.level"), e.getMessage());
    assertNothingWritten();
  }

  @Test
  void generatedRoutineParamOfTheWrongTypeNamesTheKey() throws Exception {
    ConfigException e = assertThrows(ConfigException.class,
        () -> new Engine().run(registry, compose("info", "mode.max_classes=many")));
    assertTrue(e.getMessage().contains("mode.max_classes"), e.getMessage());
    assertNothingWritten();
  }

  @Test
  void generatedInfoRoutineRuns() throws Exception {
    RunResult r = new Engine().run(registry, compose("info", "task_list=[demo_shapes]"));
    assertEquals(List.of("prepare", "tasks[task=demo_shapes]", "samples[task=demo_shapes]", "grid", "summary",
        "hpo", "finish"), Plan.read(r.runDir()).ids());
    assertEquals(Journal.Status.DONE, latest(r.runDir()).get("finish"));
  }

  @Test
  void unknownTaskIsAClearErrorBeforeAnythingIsWritten() throws Exception {
    TaskException e = assertThrows(TaskException.class, () -> run("task_list=[demo_shapes,demo_shapez_x]"));
    assertTrue(e.getMessage().contains("demo_shapez_x") && e.getMessage().contains("not installed"), e.getMessage());
    assertNothingWritten();
  }

  @Test
  void modeIdMissingOrUnknown() throws Exception {
    ConfigException e = assertThrows(ConfigException.class,
        () -> new Engine().run(ModeRegistry.of(List.of(new EngineTestRoutine())), compose("info")));
    assertTrue(e.getMessage().contains("Unknown mode 'info'"), e.getMessage());
    assertNothingWritten();
  }

  // ------------------------------------------------------------------ continue

  @Test
  void failedStepNamesItselfAndContinueRunsOnlyTheFailedAndLaterSteps() throws Exception {
    String failing = "per_fold[task=demo_stripes,fold=0]";
    probe.failAt(failing);
    StepFailedException e = assertThrows(StepFailedException.class, this::run);
    assertEquals(failing, e.stepId());
    String runId = RunDirs.list(projectDir()).get(0);
    assertTrue(e.getMessage().contains(failing), e.getMessage());
    assertTrue(e.getMessage().contains("continue=" + runId), e.getMessage());
    Path runDir = RunDirs.resolve(projectDir(), runId);
    assertEquals(Journal.Status.FAILED, latest(runDir).get(failing));
    assertFalse(latest(runDir).containsKey("finish"));
    assertFalse(probe.calls().contains("beforeFinishing"));

    // "fix" the cause, then continue
    probe.clearFailures();
    probe.clearCalls();
    RunResult r = run("continue=latest");
    assertEquals(runDir, r.runDir());
    assertEquals(runId, r.runId());
    List<String> plan = fullPlan();
    List<String> rest = new ArrayList<>(List.of("prepare"));
    rest.addAll(plan.subList(plan.indexOf(failing), plan.size()));
    assertEquals(calls(rest), probe.calls());
    assertEquals(rest.size(), r.stepsRun());
    assertEquals(plan.size() - rest.size(), r.stepsSkipped());
    latest(runDir).forEach((step, status) -> assertEquals(Journal.Status.DONE, status, step));
    assertEquals(plan, List.copyOf(latest(runDir).keySet()));
    assertEquals(List.of(runId), RunDirs.list(projectDir()), "continue must not create a new run folder");
    assertEquals(Optional.of(0.25), r.returnValue());
    assertTrue(Files.exists(runDir.resolve(RunFolder.RETURN_VALUE)));
  }

  @Test
  void continueByRunId() throws Exception {
    probe.failAt("once");
    assertThrows(StepFailedException.class, this::run);
    String runId = RunDirs.list(projectDir()).get(0);
    probe.clearFailures();
    probe.clearCalls();
    RunResult r = run("continue=" + runId);
    assertEquals(List.of("afterPreparation", "once", "beforeFinishing"), probe.calls());
    assertEquals(runId, r.runId());
  }

  @Test
  void failingHookIsAStepFailureOfPrepare() throws Exception {
    probe.failAfterPreparation(true);
    StepFailedException e = assertThrows(StepFailedException.class, this::run);
    assertEquals("prepare", e.stepId());
    probe.failAfterPreparation(false);
    probe.clearCalls();
    run("continue=latest");
    assertEquals(calls(fullPlan()), probe.calls());
  }

  @Test
  void continueWithADifferentTaskListNamesTheFirstDifferingStep() throws Exception {
    probe.failAt("once");
    assertThrows(StepFailedException.class, this::run);
    Path runDir = RunDirs.latest(projectDir()).orElseThrow();
    byte[] journal = Files.readAllBytes(runDir.resolve(Journal.FILE));
    probe.clearCalls();
    MmlException e = assertThrows(MmlException.class,
        () -> run("continue=latest", "task_list=[demo_shapes,demo_tissue]"));
    assertTrue(e.getMessage().contains("per_task[task=demo_stripes]"), e.getMessage());
    assertTrue(e.getMessage().contains("per_task[task=demo_tissue]"), e.getMessage());
    assertEquals(List.of(), probe.calls());
    assertEquals(new String(journal, StandardCharsets.UTF_8),
        Files.readString(runDir.resolve(Journal.FILE)), "a refused continue must not touch the journal");
  }

  @Test
  void continueWithADifferentParamNamesTheKey() throws Exception {
    probe.failAt("once");
    assertThrows(StepFailedException.class, this::run);
    probe.clearCalls();
    MmlException e = assertThrows(MmlException.class, () -> run("continue=latest", "mode.level=4"));
    assertTrue(e.getMessage().contains("mode.level"), e.getMessage());
    assertEquals(List.of(), probe.calls());
  }

  @Test
  void continueWithOtherSubroutinesNamesTheStep() throws Exception {
    probe.failAt("once");
    assertThrows(StepFailedException.class, this::run);
    MmlException e = assertThrows(MmlException.class,
        () -> run("continue=latest", "mode.subroutines=[per_task,once]"));
    assertTrue(e.getMessage().contains("per_fold[task=demo_shapes,fold=0]"), e.getMessage());
  }

  @Test
  void continueOfAFinishedRunDoesNothing() throws Exception {
    RunResult first = run();
    probe.clearCalls();
    byte[] journal = Files.readAllBytes(first.runDir().resolve(Journal.FILE));
    RunResult again = run("continue=latest");
    assertEquals(first.runDir(), again.runDir());
    assertEquals(0, again.stepsRun());
    assertEquals(List.of(), probe.calls());
    assertEquals(Optional.of(0.25), again.returnValue());
    assertEquals(new String(journal, StandardCharsets.UTF_8), Files.readString(first.runDir().resolve(Journal.FILE)));
  }

  @Test
  void continueOfARunInUseIsRefusedWithoutTouchingIt() throws Exception {
    probe.failAt("once");
    assertThrows(StepFailedException.class, this::run);
    probe.clearFailures();
    Path runDir = RunDirs.latest(projectDir()).orElseThrow();
    byte[] journal = Files.readAllBytes(runDir.resolve(Journal.FILE));
    probe.clearCalls();
    try (RunLock other = RunLock.acquire(runDir)) {
      RunLock.RunInUseException e = assertThrows(RunLock.RunInUseException.class, () -> run("continue=latest"));
      assertTrue(e.getMessage().contains(runDir.toString()), e.getMessage());
    }
    assertEquals(List.of(), probe.calls());
    assertEquals(new String(journal, StandardCharsets.UTF_8), Files.readString(runDir.resolve(Journal.FILE)));
    run("continue=latest");
    assertEquals(Journal.Status.DONE, latest(runDir).get("finish"));
  }

  @Test
  void continueAfterAKillMidJournalLine() throws Exception {
    probe.failAt("per_fold[task=demo_tissue,fold=1]");
    assertThrows(StepFailedException.class, this::run);
    probe.clearFailures();
    Path runDir = RunDirs.latest(projectDir()).orElseThrow();
    // as if killed while writing the next entry
    Files.writeString(runDir.resolve(Journal.FILE), "{\"step\":\"once\",\"status\":\"do", StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.APPEND);
    probe.clearCalls();
    run("continue=latest");
    assertEquals(List.of("afterPreparation", "per_fold[task=demo_tissue,fold=1]", "once", "beforeFinishing"),
        probe.calls());
    assertEquals(fullPlan(), List.copyOf(latest(runDir).keySet()));
    for (String line : Files.readAllLines(runDir.resolve(Journal.FILE))) {
      assertTrue(line.startsWith("{") && line.endsWith("}"), line);
    }
  }

  @Test
  void continueOfARunStoppedBeforeItsPlanWasWrittenExplains() throws Exception {
    RunResult earlier = run();
    // killed after the config was saved, before the plan was written
    Path runDir = RunDirs.create(projectDir(), Clock.systemDefaultZone());
    Files.copy(earlier.runDir().resolve(RunFolder.CONFIG), runDir.resolve(RunFolder.CONFIG));
    Files.copy(earlier.runDir().resolve(RunFolder.RUN), runDir.resolve(RunFolder.RUN));
    probe.clearCalls();
    MmlException e = assertThrows(MmlException.class, () -> run("continue=latest"));
    assertTrue(e.getMessage().contains(Plan.FILE) && e.getMessage().contains("start a new run"), e.getMessage());
    assertFalse(Files.exists(runDir.resolve(Journal.FILE)));
    assertEquals(List.of(), probe.calls());
  }

  @Test
  void continueOfAnEmptyRunFolderExplains() throws Exception {
    Path runDir = RunDirs.create(projectDir(), Clock.systemDefaultZone());
    MmlException e = assertThrows(MmlException.class, () -> run("continue=latest"));
    assertTrue(e.getMessage().toLowerCase().contains("start a new run"), e.getMessage());
    assertFalse(Files.exists(runDir.resolve(Journal.FILE)));
  }

  @Test
  void continueLatestWithoutRunsIsAClearConfigError() throws Exception {
    ConfigException e = assertThrows(ConfigException.class, () -> run("continue=latest"));
    assertEquals("continue", e.keyPath());
    assertTrue(e.getMessage().contains("no runs"), e.getMessage());
    assertNothingWritten();
  }

  @Test
  void continueWithABadRunIdIsAClearError() throws Exception {
    run();
    String existing = RunDirs.list(projectDir()).get(0);
    ConfigException malformed = assertThrows(ConfigException.class, () -> run("continue=yesterday"));
    assertEquals("continue", malformed.keyPath());
    assertTrue(malformed.getMessage().contains("yesterday") && malformed.getMessage().contains("malformed"),
        malformed.getMessage());
    assertTrue(malformed.getMessage().contains(existing), malformed.getMessage());
    ConfigException missing = assertThrows(ConfigException.class, () -> run("continue=2001-01-01/00-00-00-000"));
    assertTrue(missing.getMessage().contains("2001-01-01/00-00-00-000") && missing.getMessage().contains("does not exist"),
        missing.getMessage());
    ConfigException yes = assertThrows(ConfigException.class, () -> run("continue=true"));
    assertEquals("continue", yes.keyPath());
    assertEquals(List.of(existing), RunDirs.list(projectDir()));
  }

  // ------------------------------------------------------------------ structs and artifacts

  @Test
  void structPathsAreDumpedRelativeToTheResultsRootAndRestoredOnContinue() throws Exception {
    probe.failAt("per_fold[task=demo_shapes,fold=0]");
    assertThrows(StepFailedException.class, this::run);
    Path runDir = RunDirs.latest(projectDir()).orElseThrow();
    JsonNode dump = JSON.readTree(runDir.resolve(RunFolder.STRUCTS).toFile());
    assertEquals(TASKS, iterToList(dump.fieldNames()));
    for (String t : TASKS) {
      String rel = dump.path(t).path("paths").path(EngineTestScheduler.OUT.key()).asText();
      assertEquals("p/ENGINETEST/" + t + "/out_0000.txt", rel);
      assertTrue(Files.isRegularFile(results.resolve(rel)));
    }
    // per_fold fails when the per_task artifact is missing from the struct: restored from the dump.
    probe.clearFailures();
    RunResult r = run("continue=latest");
    assertEquals(Journal.Status.DONE, latest(r.runDir()).get("finish"));
  }

  @Test
  void artifactsOfUnfinishedStepsAreDiscardedOnContinueFinishedOnesKept() throws Exception {
    String failing = "per_task[task=demo_stripes]";
    probe.failAt(failing);
    assertThrows(StepFailedException.class, this::run);
    Path shapes = projectDir().resolve("ENGINETEST/demo_shapes/out_0000.txt");
    Path stripes = projectDir().resolve("ENGINETEST/demo_stripes/out_0000.txt");
    assertTrue(Files.exists(shapes));
    assertTrue(Files.exists(stripes), "the failed step claimed its artifact before it threw");
    Path prep = projectDir().resolve("ENGINETEST_PREP/prep_0000.txt");
    assertTrue(Files.exists(prep));
    // Mark the stripes artifact: after continue, a file with this content must not exist anymore.
    Files.writeString(stripes, "left by the failed step");
    long shapesModified = Files.getLastModifiedTime(shapes).toMillis();

    probe.clearFailures();
    RunResult r = run("continue=latest");
    assertEquals(Journal.Status.DONE, latest(r.runDir()).get("finish"));
    assertEquals("per_task[task=demo_shapes] level 3", Files.readString(shapes), "finished step's artifact kept");
    assertEquals(shapesModified, Files.getLastModifiedTime(shapes).toMillis());
    assertEquals("prepared", Files.readString(prep), "the prepare step finished: its artifact is kept");
    try (Stream<Path> s = Files.list(stripes.getParent())) {
      List<Path> files = s.toList();
      assertEquals(1, files.size(), "the unfinished claim was discarded and claimed afresh: " + files);
    }
    assertEquals("per_task[task=demo_stripes] level 3", Files.readString(stripes));
    JsonNode dump = JSON.readTree(r.runDir().resolve(RunFolder.STRUCTS).toFile());
    assertEquals("p/ENGINETEST/demo_stripes/out_0000.txt",
        dump.path("demo_stripes").path("paths").path(EngineTestScheduler.OUT.key()).asText());
  }

  private static List<String> iterToList(java.util.Iterator<String> it) {
    List<String> out = new ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }

  // ------------------------------------------------------------------ seeding

  @Test
  void stepRandomDependsOnlyOnSeedAndStepId() throws Exception {
    run();
    Map<String, Long> fresh = Map.copyOf(probe.draws());
    assertEquals(fullPlan().size() - 2, fresh.size());
    assertEquals(fresh.size(), new HashSet<>(fresh.values()).size(), "different steps draw different numbers");

    probe.clearDraws();
    run();
    assertEquals(fresh, probe.draws(), "same seed, same step id, same numbers in a fresh run");

    probe.clearDraws();
    String failing = "per_fold[task=demo_tissue,fold=0]";
    probe.failAt(failing);
    assertThrows(StepFailedException.class, this::run);
    probe.clearFailures();
    probe.clearDraws();
    run("continue=latest");
    assertEquals(Stream.of(failing, "per_fold[task=demo_tissue,fold=1]", "once").sorted().toList(),
        probe.draws().keySet().stream().sorted().toList());
    probe.draws().forEach((step, value) -> assertEquals(fresh.get(step), value, step));

    probe.clearDraws();
    run("seed=7");
    probe.draws().forEach((step, value) -> assertNotEquals(fresh.get(step), value, step));
  }

  @Test
  void seedingIsStableAndSpreads() {
    assertEquals(Seeding.stepSeed(42, "a[task=x]"), Seeding.stepSeed(42, "a[task=x]"));
    assertNotEquals(Seeding.stepSeed(42, "a[task=x]"), Seeding.stepSeed(42, "a[task=y]"));
    assertNotEquals(Seeding.stepSeed(42, "a[task=x]"), Seeding.stepSeed(43, "a[task=x]"));
    assertEquals(Seeding.stepRandom(1, "b").nextLong(), Seeding.stepRandom(1, "b").nextLong());
  }

  // ------------------------------------------------------------------ hooks

  @Test
  void afterPreparationRunsAlsoOnContinueAndBeforeFinishingOnce() throws Exception {
    probe.failAt("once");
    assertThrows(StepFailedException.class, this::run);
    probe.clearFailures();
    run("continue=latest");
    List<String> all = probe.calls();
    assertEquals(2, all.stream().filter("afterPreparation"::equals).count(), all.toString());
    assertEquals(1, all.stream().filter("beforeFinishing"::equals).count(), all.toString());
    assertEquals("beforeFinishing", all.get(all.size() - 1));
  }

  // ------------------------------------------------------------------ concurrency

  @Test
  void concurrentEnginesInOneProjectGetDistinctRunFolders() throws Exception {
    // the same fixed clock: both runs start "in the same millisecond"
    Clock clock = Clock.fixed(Instant.parse("2024-05-01T10:00:00.123Z"), ZoneOffset.UTC);
    int n = 4;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      List<Future<RunResult>> futures = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        Callable<RunResult> c = () -> {
          start.await();
          return new Engine(clock).run(registry, compose("enginetest"));
        };
        futures.add(pool.submit(c));
      }
      start.countDown();
      HashSet<Path> dirs = new HashSet<>();
      for (Future<RunResult> f : futures) {
        RunResult r = f.get(120, TimeUnit.SECONDS);
        dirs.add(r.runDir());
        assertEquals(Journal.Status.DONE, latest(r.runDir()).get("finish"));
        assertEquals(fullPlan(), Plan.read(r.runDir()).ids());
      }
      assertEquals(n, dirs.size());
      assertEquals(n, RunDirs.list(projectDir()).size());
      // every run claimed its own numbered artifacts: n distinct files per task
      try (Stream<Path> s = Files.list(projectDir().resolve("ENGINETEST/demo_shapes"))) {
        assertEquals(n, s.count());
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
