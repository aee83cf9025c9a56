package io.mml.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A buzz run killed inside step {@code a}, then {@code continue=latest}: the run finishes, no
 * finished step runs again, and the artifacts equal those of an uninterrupted run. The kill is a
 * fixed point, not a sleep: {@code -Dbuzz.test.halt_in_a=<task>} (see BuzzScheduler) halts the child
 * JVM as SIGKILL does, after that task's stats file was claimed and before it was written.
 */
class BuzzKillAndContinueTest {
  @TempDir
  Path tmp;

  /** Kill points: in step a of the first, second and third task, i.e. after k finished a-steps. */
  @ParameterizedTest(name = "killed after {0} finished a-steps")
  @ValueSource(ints = {0, 1, 2})
  void killDuringStepAThenContinueFinishesWithoutRedoingFinishedSteps(int finishedBeforeKill) throws Exception {
    MmlProcess mml = new MmlProcess(tmp);
    // Reference: an uninterrupted run in another project.
    MmlProcess.Result ref = mml.run("ref", "buzz", "tasks=demo", "proj=reference");
    assertEquals(0, ref.exit(), ref.all());

    String task = BuzzEndToEndTest.DEMO.get(finishedBeforeKill);
    String target = "a[task=" + task + "]";
    Process p = mml.start(List.of("-Dbuzz.test.halt_in_a=" + task), "killed", "buzz", "tasks=demo");
    assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the kill point was never reached");
    assertEquals(137, p.exitValue(), mml.result("killed", p.exitValue()).all());
    List<Path> runs = mml.runDirs();
    assertEquals(1, runs.size());
    Path run = runs.get(0);

    Map<String, String> before = MmlProcess.lastStatus(run);
    assertEquals("started", before.get(target), "killed inside " + target + ": " + before);
    for (int k = 0; k < finishedBeforeKill; k++) {
      String earlier = "a[task=" + BuzzEndToEndTest.DEMO.get(k) + "]";
      assertEquals("done", before.get(earlier), earlier + " finished before the kill: " + before);
    }
    List<Path> claimed = MmlProcess.filesUnder(mml.project().resolve("CHANNEL_STATS").resolve(task));
    assertEquals(1, claimed.size(), claimed.toString());
    assertEquals(0, Files.size(claimed.get(0)), "the kill left the claimed stats file empty");
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
    assertEquals("done", MmlProcess.lastStatus(run).get("finish"));

    // Every task has exactly one stats artifact, complete and equal to the uninterrupted run's.
    for (String t : BuzzEndToEndTest.DEMO) {
      List<Path> stats = MmlProcess.filesUnder(mml.project().resolve("CHANNEL_STATS").resolve(t));
      assertEquals(1, stats.size(), "no orphaned or duplicate artifacts for " + t + ": " + stats);
      List<Path> refStats = MmlProcess.filesUnder(mml.results.resolve("reference/CHANNEL_STATS").resolve(t));
      assertEquals(BuzzEndToEndTest.JSON.readTree(refStats.get(0).toFile()),
          BuzzEndToEndTest.JSON.readTree(stats.get(0).toFile()), t);
    }
    assertEquals(Files.readString(BuzzEndToEndTest.only(mml.results.resolve("reference/BUZZ"), ".csv")),
        Files.readString(BuzzEndToEndTest.only(mml.project().resolve("BUZZ"), ".csv")));
  }
}
