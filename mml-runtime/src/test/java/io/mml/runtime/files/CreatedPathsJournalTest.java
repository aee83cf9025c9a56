package io.mml.runtime.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mml.runtime.files.FileManager.CreatedPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal on its own: step tags, paths outside the results root, discarding unfinished steps. */
class CreatedPathsJournalTest {
  @TempDir Path tmp;

  private CreatedPathsJournal journal() {
    Path results = tmp.resolve("results").toAbsolutePath().normalize();
    return new CreatedPathsJournal(results.resolve("proj/runs/d/t"), new ResultsRootPaths(results));
  }

  @Test
  void pathsOutsideTheResultsRootStayAbsoluteAndStepsAreTagged() throws Exception {
    CreatedPathsJournal j = journal();
    Path inside = tmp.resolve("results/proj/A/a.txt").toAbsolutePath();
    Path outside = tmp.resolve("elsewhere/b.txt").toAbsolutePath();
    j.record("a", "t", inside);
    j.beginStep("s1");
    j.record("b", null, outside);
    List<String> lines = Files.readAllLines(tmp.resolve("results/proj/runs/d/t").resolve(FileManager.CREATED_PATHS));
    assertTrue(lines.get(0).contains("\"path\":\"proj/A/a.txt\""), lines.get(0));
    assertFalse(lines.get(0).contains("step"), lines.get(0));
    assertTrue(lines.get(1).contains("\"step\":\"s1\""), lines.get(1));
    assertEquals(List.of(new CreatedPath("a", "t", inside, null), new CreatedPath("b", null, outside, "s1")), j.read());
  }

  @Test
  void discardsOnlyClaimsOfUnfinishedSteps() throws Exception {
    CreatedPathsJournal j = journal();
    Path dir = Files.createDirectories(tmp.resolve("results/proj/X"));
    Path noStep = Files.createFile(dir.resolve("0.txt"));
    j.record("x", null, noStep);
    j.beginStep("done");
    Path finished = Files.createFile(dir.resolve("1.txt"));
    j.record("x", null, finished);
    j.beginStep("killed");
    Path unfinished = Files.createFile(dir.resolve("2.txt"));
    j.record("x", null, unfinished);
    assertEquals(List.of(unfinished), j.discardUnfinished(Set.of("done")));
    assertTrue(Files.exists(noStep) && Files.exists(finished));
    assertFalse(Files.exists(unfinished));
    assertEquals(List.of(), j.discardUnfinished(Set.of("done")), "already gone");
  }
}
