package io.mml.runtime.scheduler;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One run folder, one writer: an OS file lock on {@code <run>/.lock}. The OS releases it when the
 * process dies, so a SIGKILL never leaves a lock anybody has to delete by hand. The file holds the
 * owner's pid for the message a second writer gets.
 */
public final class RunLock implements AutoCloseable {
  /** The lock file's name in the run folder. */
  public static final String FILE = ".lock";

  private final FileChannel channel;
  private final FileLock lock;

  private RunLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** Takes the lock or fails with a message naming the folder and the holder. */
  public static RunLock acquire(Path runDir) throws IOException {
    Path file = runDir.resolve(FILE);
    FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE);
    FileLock l;
    try {
      l = ch.tryLock();
    } catch (OverlappingFileLockException e) {
      l = null;
    }
    if (l == null) {
      String holder = holder(file);
      ch.close();
      throw new RunInUseException(runDir, holder);
    }
    ch.truncate(0);
    ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
    ch.force(false);
    return new RunLock(ch, l);
  }

  /** Whether another process holds the lock of this run folder right now. */
  public static boolean isHeld(Path runDir) {
    Path file = runDir.resolve(FILE);
    if (!Files.exists(file)) {
      return false;
    }
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      FileLock l = ch.tryLock();
      if (l == null) {
        return true;
      }
      l.release();
      return false;
    } catch (OverlappingFileLockException e) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static String holder(Path file) {
    try {
      String pid = Files.readString(file, StandardCharsets.UTF_8).trim();
      return pid.isEmpty() ? "another process" : "process " + pid;
    } catch (IOException e) {
      return "another process";
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

  /** A second writer tried to use a run folder. */
  public static final class RunInUseException extends MmlException {
    private static final long serialVersionUID = 1L;

    RunInUseException(Path runDir, String holder) {
      super("Run folder " + runDir + " is in use by " + holder + " (it holds " + FILE
          + "). Only one process may write a run at a time: wait for it to finish, or stop it and run"
          + " continue again. (A killed process releases the lock by itself; there is nothing to delete.)");
    }
  }
}
