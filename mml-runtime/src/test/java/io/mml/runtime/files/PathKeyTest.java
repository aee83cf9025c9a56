package io.mml.runtime.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PathKeyTest {
  @Test
  void builtInsAreTheMmlDefaults() {
    List<String> keys = PathKey.builtIns().stream().map(PathKey::key).toList();
    // mml's default assignments, plus the files every saved model has (ONNX export, curves)
    assertEquals(List.of("parameters", "img_examples", "blueprint", "pipeline", "models", "onnx", "training_metrics",
        "training_curves", "predictions", "sample_grid", "backup", "temp"), keys);
    PathKey temp = PathKey.builtIns().get(11);
    assertEquals(PathKey.Root.RUN, temp.root());
    assertEquals("model", PathKey.builtIns().get(0).stem());
  }

  @Test
  void theBuilderReadsAsTheRulesAndDefaultsTheRest() {
    PathKey k = PathKey.builder("channel_stats").file("stats.json").perTask().numbered().reusable().build();
    assertEquals(new PathKey("channel_stats", "CHANNEL_STATS", "stats.json", true, true, true, PathKey.Root.PROJECT), k);
    PathKey shared = PathKey.builder("buzz_chart").folder("BUZZ").file("chart.png").build();
    assertEquals(new PathKey("buzz_chart", "BUZZ", "chart.png", false, false, false, PathKey.Root.PROJECT), shared);
    assertEquals(PathKey.Root.RUN, PathKey.builder("scratch").file("x.bin").runLocal().build().root());
    String noFile = assertThrows(IllegalArgumentException.class, () -> PathKey.builder("k").build()).getMessage();
    assertTrue(noFile.contains("file name 'null'"), noFile);
  }

  private static String fail(String key, String folder, String file) {
    return assertThrows(IllegalArgumentException.class, () -> new PathKey(key, folder, file, true, true, false, PathKey.Root.PROJECT))
        .getMessage();
  }

  @Test
  void rejectsBadKeysFoldersAndFileNames() {
    assertTrue(fail("Bad-Key", "X", "a.b").contains("'Bad-Key' must be lower snake case"));
    assertTrue(fail("checkpoints", "X", "a.b").contains("reserved"));
    assertTrue(fail("k", "lower", "a.b").contains("folder 'lower' must start with an UPPER_CASE"));
    assertTrue(fail("k", "PLOTS/..", "a.b").contains("invalid segment '..'"));
    assertTrue(fail("k", "PLOTS//x", "a.b").contains("invalid segment ''"));
    assertTrue(fail("k", "X", "a/b.c").contains("file name 'a/b.c' must be a plain file name"));
    assertTrue(fail("k", "X", "a#1.c").contains("plain file name"));
    assertTrue(fail("k", "X", "c:x.c").contains("plain file name"));
    assertTrue(fail("k", "X", "noext").contains("needs a stem and an extension"));
    String run = assertThrows(IllegalArgumentException.class,
        () -> PathKey.builder("k").folder("X").file("a.b").numbered().reusable().runLocal().build()).getMessage();
    assertTrue(run.contains("run-local files cannot be reusable"), run);
  }

  @Test
  void acceptsNestedFolders() {
    PathKey k = PathKey.builder("task_space").folder("PLOTS/task_space").file("space.png").build();
    assertEquals("PLOTS/task_space", k.folder());
  }
}
