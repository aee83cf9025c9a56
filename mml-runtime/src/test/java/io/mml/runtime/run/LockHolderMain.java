package io.mml.runtime.run;

import java.nio.file.Path;

/**
 * Takes the run lock of a folder from a separate JVM and keeps it until killed (args: runDir); prints
 * "LOCKED" once it holds the lock, or "REFUSED" when it could not take it.
 */
public final class LockHolderMain {
  private LockHolderMain() {}

  public static void main(String[] args) throws Exception {
    Path runDir = Path.of(args[0]);
    boolean hold = args.length < 2 || !args[1].equals("probe");
    RunLock lock;
    try {
      lock = RunLock.acquire(runDir);
    } catch (RunLock.RunInUseException e) {
      System.out.println("REFUSED " + e.getMessage());
      System.out.flush();
      return;
    }
    System.out.println("LOCKED");
    System.out.flush();
    if (hold) {
      Thread.sleep(120_000);
    }
    lock.close();
  }
}
