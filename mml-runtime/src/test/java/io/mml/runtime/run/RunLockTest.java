package io.mml.runtime.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunLockTest {
  @TempDir
  Path runDir;

  @Test
  void secondAcquireInTheSameJvmIsRefusedNamingTheFolder() throws Exception {
    try (RunLock first = RunLock.acquire(runDir)) {
      RunLock.RunInUseException e = assertThrows(RunLock.RunInUseException.class, () -> RunLock.acquire(runDir));
      assertTrue(e.getMessage().contains(runDir.toString()), e.getMessage());
      assertTrue(e.getMessage().contains("process " + ProcessHandle.current().pid()), e.getMessage());
      assertTrue(RunLock.isHeld(runDir));
    }
    try (RunLock again = RunLock.acquire(runDir)) {
      assertTrue(Files.exists(runDir.resolve(RunLock.FILE)));
    }
    assertFalse(RunLock.isHeld(runDir));
  }

  @Test
  void aRefusedAcquireDoesNotReleaseTheHoldersLock() throws Exception {
    // Closing any descriptor of a file drops this process's POSIX locks on it: a refused second acquire
    // (or isHeld, or reading the holder pid) must not silently hand the run to another process.
    try (RunLock first = RunLock.acquire(runDir)) {
      assertThrows(RunLock.RunInUseException.class, () -> RunLock.acquire(runDir));
      assertTrue(RunLock.isHeld(runDir));
      String probe = runChild("probe");
      assertTrue(probe.startsWith("REFUSED"), "another process got the lock while this one holds it: " + probe);
    }
  }

  @Test
  void lockHeldByAnotherProcessIsRefusedUntilThatProcessIsKilled() throws Exception {
    Process child = startChild("hold");
    try {
      String first = readLine(child);
      assertEquals("LOCKED", first);
      RunLock.RunInUseException e = assertThrows(RunLock.RunInUseException.class, () -> RunLock.acquire(runDir));
      assertTrue(e.getMessage().contains(runDir.toString()), e.getMessage());
      assertTrue(e.getMessage().contains("process " + child.pid()), e.getMessage());
      assertTrue(RunLock.isHeld(runDir));
    } finally {
      child.destroyForcibly(); // SIGKILL: no shutdown hooks, no finally blocks in the child
      assertTrue(child.waitFor(30, TimeUnit.SECONDS));
    }
    List<Path> before = list();
    try (RunLock mine = RunLock.acquire(runDir)) {
      assertEquals(before, list(), "taking over the lock must not delete or create anything");
      assertEquals(ProcessHandle.current().pid() + "", Files.readString(runDir.resolve(RunLock.FILE)).trim());
    }
  }

  private List<Path> list() throws Exception {
    try (Stream<Path> s = Files.list(runDir)) {
      return s.sorted().toList();
    }
  }

  private Process startChild(String arg) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String cp = System.getProperty("java.class.path");
    return new ProcessBuilder(java, "-cp", cp, LockHolderMain.class.getName(), runDir.toString(), arg)
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
  }

  private String runChild(String arg) throws Exception {
    Process p = startChild(arg);
    try {
      String line = readLine(p);
      assertTrue(p.waitFor(60, TimeUnit.SECONDS));
      return line;
    } finally {
      p.destroyForcibly();
    }
  }

  private static String readLine(Process p) throws Exception {
    BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line = r.readLine();
    return line == null ? "<no output, exit " + p.waitFor() + ">" : line;
  }
}
