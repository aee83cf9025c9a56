package io.mml.runtime.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mml.runtime.cluster.SlurmExecutor;
import io.mml.runtime.config.ComposedConfig;
import io.mml.runtime.config.ConfigComposer;
import io.mml.runtime.config.ConfigSources;
import io.mml.runtime.errors.ExitCode;
import io.mml.runtime.run.Journal;
import io.mml.runtime.run.RunFolder;
import io.mml.runtime.modes.InfoScheduler_Routine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One step lifecycle: the same plan run by the local loop, by an executor that runs every step in
 * this process through {@code Execution.runHere}, and as cluster jobs ({@link StepJob}, driven by
 * {@link FakeSlurm}) leaves the same journal (steps and statuses in order), the same struct dump,
 * the same artifacts and return value; every step ran on a scheduler whose {@code checkConfig} ran
 * (the test scheduler refuses to run otherwise); a failing step leaves its stack trace in
 * {@code failures/} and the same resumable error on every path.
 */
class StepPathsTest {
  private static final ConfigSources SOURCES = ConfigSources.load(StepPathsTest.class.getClassLoader(), List.of());

  @TempDir
  static Path data;

  @TempDir
  Path results;

  private final ModeRegistry registry = ModeRegistry.of(List.of(new EngineTestRoutine(), new InfoScheduler_Routine()));

  /** Runs every step with {@code runHere}, as a remote executor does for the steps it keeps. */
  private static final RunExecutor IN_PROCESS = new RunExecutor() {
    @Override
    public String name() {
      return "inprocess";
    }

    @Override
    public RunResult execute(Execution ex) throws Exception {
      int ran = 0;
      for (Step s : ex.plan().steps()) {
        ex.runHere(s);
        ran++;
      }
      return new RunResult(ex.context().runDir(), ex.runId(), ran, 0, RunRecords.readReturnValue(ex.context().runDir()));
    }
  };

  private ComposedConfig compose(String proj, String... overrides) {
    List<String> all = new ArrayList<>(List.of("data_dir=" + data, "out_dir=" + results, "proj=" + proj,
        "tasks=demo"));
    all.addAll(List.of(overrides));
    return new ConfigComposer(SOURCES, Map.<String, String>of()::get).compose("enginetest", all);
  }

  /** Runs the mode on one path; returns the run folder. */
  private Path run(String path) throws Exception {
    switch (path) {
      case "local":
        return new Engine(Clock.systemDefaultZone(), List.of()).run(registry, compose(path)).runDir();
      case "inprocess":
        return new Engine(Clock.systemDefaultZone(), List.of(IN_PROCESS))
            .run(registry, compose(path, "executor.name=inprocess")).runDir();
      case "slurm": {
        FakeSlurm slurm = new FakeSlurm(registry, data);
        Path run = new Engine(Clock.systemDefaultZone(), List.of(new SlurmExecutor(c -> slurm)))
            .run(registry, compose(path, "executor=slurm")).runDir();
        slurm.runAll();
        return run;
      }
      default:
        throw new IllegalArgumentException(path);
    }
  }

  /** The journal as step/status lines, in order. */
  private static List<String> journal(Path run) {
    return Journal.read(run).stream().map(e -> e.step() + " " + e.status()).toList();
  }

  /** The struct dump with the project and run id written as placeholders. */
  private static String dump(Path run, String proj) throws IOException {
    String runId = run.getParent().getFileName() + "/" + run.getFileName();
    return Files.readString(run.resolve(RunFolder.STRUCTS)).replace(runId, "<run>").replace(proj + "/", "<proj>/");
  }

  /** Every file the steps wrote into the project, outside the run folders, with its content. */
  private Map<String, String> artifacts(String proj) throws IOException {
    Path dir = results.resolve(proj);
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path f : s.filter(Files::isRegularFile).toList()) {
        String rel = dir.relativize(f).toString();
        if (!rel.startsWith("runs/")) {
          out.put(rel, Files.readString(f));
        }
      }
    }
    return out;
  }

  @Test
  void theLocalLoopAnInProcessExecutorAndClusterJobsLeaveTheSameRun() throws Exception {
    Map<String, Path> runs = new TreeMap<>();
    for (String path : List.of("local", "inprocess", "slurm")) {
      runs.put(path, run(path));
    }
    Path local = runs.get("local");
    assertTrue(journal(local).contains("once DONE"), journal(local).toString());
    for (String path : List.of("inprocess", "slurm")) {
      Path run = runs.get(path);
      assertEquals(journal(local), journal(run), path + ": journal");
      assertEquals(dump(local, "local"), dump(run, path), path + ": task_dump.json");
      assertEquals(artifacts("local"), artifacts(path), path + ": artifacts");
      assertEquals(RunRecords.readReturnValue(local), RunRecords.readReturnValue(run), path + ": return value");
      assertEquals(RunRecords.finishedSteps(local), RunRecords.finishedSteps(run), path + ": finished steps");
    }
    Probe probe = new Probe(results);
    long draws = probe.draws().size();
    assertTrue(draws > 0, "steps ran and drew numbers");
  }

  @Test
  void aFailingStepFailsAlikeOnEveryPath() throws Exception {
    Probe probe = new Probe(results);
    probe.failAt("once");
    for (String path : List.of("local", "inprocess")) {
      StepFailedException e = assertThrows(StepFailedException.class, () -> run(path));
      assertEquals("once", e.stepId());
      assertEquals(ExitCode.STEP, e.exitCode());
      assertTrue(e.getMessage().contains("failed on purpose") && e.getMessage().contains("continue="), e.getMessage());
      Path run = latestRun(path);
      assertTrue(Files.isRegularFile(new RunFolder(run).failureFile("once")), path + ": failures/once.txt");
      assertEquals("once FAILED", journal(run).get(journal(run).size() - 1), path + ": journal");
    }
    Path slurmRun = run("slurm"); // the submitting command returns; the job fails
    assertTrue(Files.isRegularFile(new RunFolder(slurmRun).failureFile("once")), "slurm: failures/once.txt");
  }

  private Path latestRun(String proj) throws IOException {
    try (Stream<Path> days = Files.list(results.resolve(proj).resolve("runs"))) {
      Path day = days.sorted().reduce((a, b) -> b).orElseThrow();
      try (Stream<Path> times = Files.list(day)) {
        return times.sorted().reduce((a, b) -> b).orElseThrow();
      }
    }
  }
}
