package io.mml.runtime.run;

import io.mml.runtime.errors.MmlException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * The lock of one step of a run ({@code <run>/steps/<step>.lock}): held by the process running
 * the step for as long as it runs, and briefly by the submitter while it records a submission.
 * Array tasks of one run thus run side by side (each locks only its own step), while one step is
 * never run twice at once (a resubmitted job waits for, or refuses, a still-running old one). An
 * OS lock: released by the OS when the holder dies.
 */
public final class StepLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private StepLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** Takes the lock of a step, waiting up to {@code wait}; fails naming the holder otherwise. */
  public static StepLock acquire(Path runDir, String stepId, Duration wait) throws IOException {
    Path file = StepMarkers.lockFile(runDir, stepId);
    Files.createDirectories(file.getParent());
    long deadline = System.nanoTime() + wait.toNanos();
    FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE);
    try {
      while (true) {
        FileLock l;
        try {
          l = ch.tryLock();
        } catch (OverlappingFileLockException e) {
          l = null;
        }
        if (l != null) {
          ch.truncate(0);
          String who = ProcessHandle.current().pid() + "@" + Hosts.name() + "\n";
          ch.write(ByteBuffer.wrap(who.getBytes(StandardCharsets.UTF_8)), 0);
          return new StepLock(ch, l);
        }
        if (System.nanoTime() >= deadline) {
          String holder = Files.readString(file, StandardCharsets.UTF_8).strip();
          throw new MmlException("Step " + stepId + " of run " + runDir + " is being run by another process ("
              + (holder.isEmpty() ? "unknown" : holder) + "); it holds " + file + ". Wait for it, or cancel its job.");
        }
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while waiting for " + file, e);
        }
      }
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  @Override
  public void close() throws IOException {
    try {
      if (lock.isValid()) {
        lock.release();
      }
    } finally {
      channel.close();
    }
  }
}
