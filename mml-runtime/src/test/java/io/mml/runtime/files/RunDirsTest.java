package io.mml.runtime.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDirsTest {
  @TempDir Path proj;

  private static Clock at(String iso) {
    return Clock.fixed(Instant.parse(iso), ZoneOffset.UTC);
  }

  @Test
  void createsDayAndTimeFoldersWithCollisionSuffixes() {
    Clock c = at("2024-05-01T13:45:12.123Z");
    Path a = RunDirs.create(proj, c);
    Path b = RunDirs.create(proj, c);
    Path d = RunDirs.create(proj, c);
    assertEquals(proj.resolve("runs/2024-05-01/13-45-12-123").toAbsolutePath(), a);
    assertEquals(proj.resolve("runs/2024-05-01/13-45-12-123-1").toAbsolutePath(), b);
    assertEquals(proj.resolve("runs/2024-05-01/13-45-12-123-2").toAbsolutePath(), d);
    assertTrue(Files.isDirectory(d));
    assertEquals("2024-05-01/13-45-12-123-2", RunDirs.runId(proj, d));
  }

  @Test
  void latestOrdersByDayThenTimeThenNumericSuffix() {
    assertEquals(Optional.empty(), RunDirs.latest(proj));
    RunDirs.create(proj, at("2024-05-02T01:00:00.000Z"));
    RunDirs.create(proj, at("2024-04-30T23:59:59.999Z"));
    Clock c = at("2024-05-02T00:59:59.000Z");
    for (int i = 0; i < 12; i++) {
      RunDirs.create(proj, c);
    }
    assertEquals(proj.resolve("runs/2024-05-02/01-00-00-000").toAbsolutePath(), RunDirs.latest(proj).orElseThrow());
    List<String> ids = RunDirs.list(proj);
    assertEquals("2024-04-30/23-59-59-999", ids.get(0));
    assertEquals("2024-05-02/00-59-59-000-11", ids.get(12)); // -11 after -2, numerically
    assertEquals("2024-05-02/00-59-59-000-2", ids.get(3));
  }

  @Test
  void resolveFindsRunsAndExplainsMissingOnes() {
    Path a = RunDirs.create(proj, at("2024-05-01T10:00:00.000Z"));
    RunDirs.create(proj, at("2024-05-01T11:00:00.000Z"));
    assertEquals(a, RunDirs.resolve(proj, "2024-05-01/10-00-00-000"));
    assertEquals(RunDirs.latest(proj).orElseThrow(), RunDirs.resolve(proj, "latest"));
    String missing = assertThrows(IllegalArgumentException.class,
        () -> RunDirs.resolve(proj, "2024-05-01/09-00-00-000")).getMessage();
    assertTrue(missing.contains("Run '2024-05-01/09-00-00-000' does not exist"), missing);
    assertTrue(missing.contains("Latest runs: 2024-05-01/11-00-00-000, 2024-05-01/10-00-00-000"), missing);
    String bad = assertThrows(IllegalArgumentException.class, () -> RunDirs.resolve(proj, "../x")).getMessage();
    assertTrue(bad.contains("malformed"), bad);
  }

  @Test
  void latestOfEmptyProjectIsAnErrorForContinue() {
    String msg = assertThrows(IllegalArgumentException.class, () -> RunDirs.resolve(proj, "latest")).getMessage();
    assertTrue(msg.contains("no run to continue"), msg);
  }

  @Test
  void runIdRejectsForeignFolders() {
    String msg = assertThrows(IllegalArgumentException.class, () -> RunDirs.runId(proj, proj.resolve("x")))
        .getMessage();
    assertTrue(msg.contains("is not a run folder"), msg);
  }
}
