package io.mml.runtime.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SamplePathsTest {
  @Test
  void plainRelativePathsPass() {
    for (String ok : new String[] {"a.png", "img/a.png", "./img/a.png", "a..b/c.png", "img\\a.png", "..a/b"}) {
      assertNull(SamplePaths.problem(ok), ok);
    }
  }

  @Test
  void emptyAndAbsolutePathsAreNamed() {
    assertEquals("is empty", SamplePaths.problem(""));
    for (String abs : new String[] {"/etc/passwd", "\\x.png", "C:\\x.png", "c:/x.png"}) {
      assertTrue(SamplePaths.problem(abs).startsWith("is absolute"), abs);
    }
  }

  @Test
  void everyWayOfClimbingOutIsNamed() {
    for (String up : new String[] {"..", "../a.png", "img/..", "img/../../a.png", "..\\a.png", "img\\..\\..\\a"}) {
      assertTrue(SamplePaths.problem(up).startsWith("escapes the dataset folder"), up);
    }
  }
}
