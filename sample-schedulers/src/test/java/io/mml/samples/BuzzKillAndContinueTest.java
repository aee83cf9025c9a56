package io.mml.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SIGKILL of a buzz run while step {@code a} is running, then {@code continue=latest}: the run
 * finishes, no finished step runs again, and the artifacts equal those of an uninterrupted run.
 */
class BuzzKillAndContinueTest {
  @TempDir
  Path tmp;

  /** Kill points: while step a runs on the first, second and third task, after k finished a-steps. */
  @ParameterizedTest(name = "killed after {0} finished a-steps")
  @ValueSource(ints = {0, 1, 2})
  void killDuringStepAThenContinueFinishesWithoutRedoingFinishedSteps(int finishedBeforeKill) throws Exception {
    MmlProcess mml = new MmlProcess(tmp);
    // Reference: an uninterrupted run in another project.
    MmlProcess.Result ref = mml.run("ref", "buzz", "tasks=demo", "proj=reference");
    assertEquals(0, ref.exit(), ref.all());

    Process p = mml.start("killed", "buzz", "tasks=demo", "mode.pause_ms=4");
    Path run = awaitRunDir(mml, p);
    String target = "a[task=" + BuzzEndToEndTest.DEMO.get(finishedBeforeKill) + "]";
    awaitJournal(run, target, "started", p);
    Thread.sleep(150); // well inside the step (each takes over a second with the pause)
    p.destroyForcibly(); // SIGKILL on Linux
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    assertNotEquals(0, p.exitValue());

    Map<String, String> before = lastStatus(run);
    assertEquals("started", before.get(target), "killed inside " + target + ": " + before);
    List<String> doneBefore = before.entrySet().stream().filter(e -> e.getValue().equals("done"))
        .map(Map.Entry::getKey).toList();

    MmlProcess.Result cont = mml.run("continue", "buzz", "tasks=demo", "continue=latest");
    assertEquals(0, cont.exit(), cont.all());
    assertEquals(1, mml.runDirs().size(), "continue reuses the run folder");

    List<JsonNode> journal = BuzzEndToEndTest.journal(run);
    for (String step : doneBefore) {
      if (step.equals("prepare")) {
        continue; // prepare always runs again: it reloads the structs and runs the hook
      }
      long starts = journal.stream().filter(j -> j.get("step").asText().equals(step)
          && j.get("status").asText().equals("started")).count();
      assertEquals(1, starts, step + " ran again after continue");
    }
    assertEquals("done", lastStatus(run).get("finish"));

    // Every task has exactly one stats artifact, complete and equal to the uninterrupted run's.
    for (String task : BuzzEndToEndTest.DEMO) {
      List<Path> stats = MmlProcess.filesUnder(mml.project().resolve("CHANNEL_STATS").resolve(task));
      assertEquals(1, stats.size(), "no orphaned or duplicate artifacts for " + task + ": " + stats);
      List<Path> refStats = MmlProcess.filesUnder(mml.results.resolve("reference/CHANNEL_STATS").resolve(task));
      assertEquals(BuzzEndToEndTest.JSON.readTree(refStats.get(0).toFile()),
          BuzzEndToEndTest.JSON.readTree(stats.get(0).toFile()), task);
    }
    assertEquals(Files.readString(BuzzEndToEndTest.only(mml.results.resolve("reference/BUZZ"), ".csv")),
        Files.readString(BuzzEndToEndTest.only(mml.project().resolve("BUZZ"), ".csv")));
  }

  static Path awaitRunDir(MmlProcess mml, Process p) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      List<Path> runs = mml.runDirs();
      if (!runs.isEmpty()) {
        return runs.get(0);
      }
      assertTrue(p.isAlive(), "mml exited before creating its run folder");
      Thread.sleep(20);
    }
    throw new AssertionError("no run folder after 60 s");
  }

  static void awaitJournal(Path run, String step, String status, Process p) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (Files.exists(run.resolve("journal.jsonl")) && status.equals(lastStatus(run).get(step))) {
        return;
      }
      assertTrue(p.isAlive(), "mml exited before " + step + " was " + status);
      Thread.sleep(10);
    }
    throw new AssertionError(step + " not " + status + " after 60 s");
  }

  static Map<String, String> lastStatus(Path run) throws Exception {
    Map<String, String> m = new LinkedHashMap<>();
    List<String> lines = new ArrayList<>(Files.readAllLines(run.resolve("journal.jsonl")));
    for (String line : lines) {
      if (line.isBlank() || !line.endsWith("}")) {
        continue;
      }
      JsonNode n = BuzzEndToEndTest.JSON.readTree(line);
      m.put(n.get("step").asText(), n.get("status").asText());
    }
    return m;
  }
}
