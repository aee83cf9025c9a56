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
    assertEquals(List.of("parameters", "img_examples", "blueprint", "pipeline", "models", "predictions",
        "sample_grid", "backup", "temp"), keys);
    PathKey temp = PathKey.builtIns().get(8);
    assertEquals(PathKey.Root.RUN, temp.root());
    assertEquals("model", PathKey.builtIns().get(0).stem());
  }

  private static String fail(String key, String folder, String file) {
    return assertThrows(IllegalArgumentException.class, () -> new PathKey(key, folder, file, true, true, false))
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
        () -> new PathKey("k", "X", "a.b", false, true, true, PathKey.Root.RUN)).getMessage();
    assertTrue(run.contains("run-local files cannot be reusable"), run);
  }

  @Test
  void acceptsNestedFolders() {
    PathKey k = new PathKey("task_space", "PLOTS/task_space", "space.png", false, false, false);
    assertEquals("PLOTS/task_space", k.folder());
  }
}
