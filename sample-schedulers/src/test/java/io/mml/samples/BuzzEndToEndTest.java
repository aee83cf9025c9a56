package io.mml.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mml.runtime.run.RunFolder;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated main of this project, run end to end on the built-in demo tasks. */
class BuzzEndToEndTest {
  static final List<String> DEMO = List.of("demo_shapes", "demo_stripes", "demo_tissue");
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path tmp;

  @Test
  void buzzOnDemoLeavesConfigPlanJournalArtifactsAndAggregate() throws Exception {
    MmlProcess mml = new MmlProcess(tmp);
    MmlProcess.Result r = mml.run("buzz", "buzz", "tasks=demo", "mode.var_one=7");
    assertEquals(0, r.exit(), r.all());

    List<Path> runs = mml.runDirs();
    assertEquals(1, runs.size(), "one run folder");
    Path run = runs.get(0);
    String config = Files.readString(run.resolve(RunFolder.CONFIG));
    assertTrue(config.contains("var_one: 7"), config);
    JsonNode plan = JSON.readTree(run.resolve(RunFolder.PLAN).toFile());
    List<String> steps = new ArrayList<>();
    plan.get("steps").forEach(n -> steps.add(n.asText()));
    assertEquals(List.of("prepare", "a[task=demo_shapes]", "a[task=demo_stripes]", "a[task=demo_tissue]", "b",
        "finish"), steps);
    List<JsonNode> journal = journal(run);
    for (String s : steps) {
      assertEquals(1, journal.stream().filter(j -> j.get("step").asText().equals(s)
          && j.get("status").asText().equals("done")).count(), "journal has " + s + " done once");
    }
    for (String task : DEMO) {
      List<Path> stats = MmlProcess.filesUnder(mml.project().resolve("CHANNEL_STATS").resolve(task));
      assertEquals(1, stats.size(), task + ": " + stats);
      JsonNode s = JSON.readTree(stats.get(0).toFile());
      assertEquals(task, s.get("task").asText());
      assertEquals(3, s.get("mean").size());
      // The data module follows the mode's defaults: sampling=extraction_default draws
      // sampling.sample_num images, augmentations=no_norm leaves pixel values in [0, 1].
      assertEquals(1000, s.get("images").asInt());
      for (JsonNode m : s.get("mean")) {
        assertTrue(m.asDouble() > 0 && m.asDouble() < 1, s.toString());
      }
      assertEquals(1.0, s.get("max").get(0).asDouble(), 1e-6, s.toString());
    }
    List<String> csv = Files.readAllLines(only(mml.project().resolve("BUZZ"), ".csv"), StandardCharsets.UTF_8);
    assertEquals("task,images,channel,mean,std,min,max", csv.get(0));
    assertEquals(1 + 3 * DEMO.size(), csv.size());
    BufferedImage chart = ImageIO.read(only(mml.project().resolve("BUZZ"), ".png").toFile());
    assertEquals(800, chart.getWidth());
    // The struct dump records the artifacts relative to the results root (results move between machines).
    String dump = Files.readString(run.resolve(RunFolder.STRUCTS));
    assertTrue(dump.contains("default/CHANNEL_STATS/demo_shapes/"), dump);
    assertTrue(!dump.contains(tmp.toString()), "no absolute paths in the dump: " + dump);
  }

  @Test
  void continueAfterAChangedPlanNamesTheFirstDifferingStep() throws Exception {
    MmlProcess mml = new MmlProcess(tmp);
    MmlProcess.Result first = mml.run("first", "buzz", "tasks=demo", "mode.subroutines=[a]");
    assertEquals(0, first.exit(), first.all());
    // Pretend the run was interrupted before finishing, so there is something to continue.
    Path run = mml.runDirs().get(0);
    List<String> lines = Files.readAllLines(run.resolve(RunFolder.JOURNAL));
    Files.write(run.resolve(RunFolder.JOURNAL), lines.subList(0, 4));

    MmlProcess.Result r = mml.run("changed", "buzz", "tasks=demo", "mode.subroutines=[a]",
        "task_list=[demo_shapes,demo_tissue]", "continue=latest");
    assertNotEquals(0, r.exit());
    assertTrue(r.stderr().contains("a[task=demo_stripes]") && r.stderr().contains("a[task=demo_tissue]"),
        r.stderr());
    assertTrue(r.stderr().contains("step 3"), r.stderr());
  }

  @Test
  void badCommandLineInputFailsWithOneClearMessageAndWritesNothing() throws Exception {
    MmlProcess mml = new MmlProcess(tmp);
    String[][] cases = {
      {"buzz", "tasks=demo", "mode.var_one=abc"},
      {"buzz", "tasks=demo", "mode.var_onee=3"},
      {"bzz", "tasks=demo"},
      {"buzz", "tasks=demo", "augmentations=nope"},
      {"buzz", "task_list=[no_such_task]"},
      {"buzz", "tasks=demo", "mode.subroutines=[c]"},
    };
    String[] expected = {"mode.var_one", "mode.var_one", "buzz", "no_norm", "no_such_task", "'c'"};
    for (int i = 0; i < cases.length; i++) {
      MmlProcess.Result r = mml.run("bad" + i, cases[i]);
      assertNotEquals(0, r.exit(), String.join(" ", cases[i]));
      assertTrue(r.stderr().contains(expected[i]), String.join(" ", cases[i]) + " -> " + r.stderr());
      assertTrue(r.stderr().lines().filter(l -> !l.isBlank()).count() <= 3,
          "one clear message, no stack trace: " + r.stderr());
      assertTrue(!r.stderr().contains("\tat "), "no stack trace: " + r.stderr());
      assertEquals(List.of(), mml.runDirs(), "nothing written for " + String.join(" ", cases[i]));
    }
  }

  @Test
  void twoRunsAtOnceNeverShareAnArtifactPath() throws Exception {
    MmlProcess mml = new MmlProcess(tmp);
    // Install the demo data first so both runs start their steps at the same time.
    assertEquals(0, mml.run("warm", "info", "tasks=demo").exit());
    Process p1 = mml.start("p1", "buzz", "tasks=demo", "mode.pause_ms=1");
    Process p2 = mml.start("p2", "buzz", "tasks=demo", "mode.pause_ms=1");
    assertEquals(0, p1.waitFor(), mml.result("p1", p1.exitValue()).all());
    assertEquals(0, p2.waitFor(), mml.result("p2", p2.exitValue()).all());
    for (String task : DEMO) {
      List<Path> stats = MmlProcess.filesUnder(mml.project().resolve("CHANNEL_STATS").resolve(task));
      assertEquals(2, stats.size(), task + ": " + stats);
      for (Path s : stats) {
        assertEquals(task, JSON.readTree(s.toFile()).get("task").asText(), s + " is complete");
      }
    }
    Set<String> recorded = new HashSet<>();
    for (Path run : mml.runDirs().subList(1, 3)) {
      String dump = Files.readString(run.resolve(RunFolder.STRUCTS));
      JsonNode d = JSON.readTree(dump);
      for (String task : DEMO) {
        assertTrue(recorded.add(d.get(task).get("paths").get("channel_stats").asText()), "shared path: " + dump);
      }
    }
  }

  @Test
  void aSecondWriterOnTheSameRunFolderIsRefused() throws Exception {
    MmlProcess mml = new MmlProcess(tmp);
    // The first run holds in step a until the release file exists (a latch, not a pause): the second
    // writer certainly arrives while the first one runs.
    Path release = tmp.resolve("release");
    Process first = mml.start(List.of("-Dbuzz.test.wait_in_a=" + release), "first", "buzz", "tasks=demo");
    Path run = mml.awaitRunDir(first);
    MmlProcess.awaitStatus(run, "a[task=demo_shapes]", "started", first);
    Path runs = mml.project().resolve("runs");
    String runId = runs.relativize(run).toString().replace('\\', '/');
    MmlProcess.Result second;
    try {
      second = mml.run("second", "buzz", "tasks=demo", "continue=" + runId);
    } finally {
      Files.createFile(release);
    }
    assertNotEquals(0, second.exit());
    assertTrue(second.stderr().contains("in use"), second.stderr());
    assertEquals(0, first.waitFor(), mml.result("first", first.exitValue()).all());
  }

  static List<JsonNode> journal(Path run) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (String line : Files.readAllLines(run.resolve(RunFolder.JOURNAL))) {
      if (!line.isBlank()) {
        out.add(JSON.readTree(line));
      }
    }
    return out;
  }

  static Path only(Path dir, String suffix) throws IOException {
    List<Path> files = MmlProcess.filesUnder(dir).stream().filter(p -> p.toString().endsWith(suffix)).toList();
    assertEquals(1, files.size(), dir + ": " + files);
    return files.get(0);
  }
}
