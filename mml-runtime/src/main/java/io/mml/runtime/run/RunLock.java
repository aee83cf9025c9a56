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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One run folder, one writer: an OS file lock on {@code <run>/.lock}. The OS releases it when the
 * process dies, so a SIGKILL never leaves a lock anybody has to delete by hand. The file holds the
 * owner's pid for the message a second writer gets.
 */
public final class RunLock implements AutoCloseable {
  /** The lock file's name in the run folder. */
  public static final String FILE = RunFolder.LOCK;

  /**
   * Lock files held by this JVM. OS file locks are per process, and on POSIX systems closing <em>any</em>
   * descriptor of the file drops all of the process's locks on it: a second writer in this JVM must be
   * refused before it opens the file, or its refusal would silently release the first writer's lock.
   */
  private static final Set<Path> HELD_HERE = ConcurrentHashMap.newKeySet();

  private final FileChannel channel;
  private final FileLock lock;
  private final Path key;
  private boolean closed;

  private RunLock(FileChannel channel, FileLock lock, Path key) {
    this.channel = channel;
    this.lock = lock;
    this.key = key;
  }

  /** Takes the lock or fails with a message naming the folder and the holder. */
  public static RunLock acquire(Path runDir) throws IOException {
    Path file = runDir.resolve(FILE);
    Path key = key(runDir);
    if (!HELD_HERE.add(key)) {
      throw new RunInUseException(runDir, "process " + ProcessHandle.current().pid() + " (this one)");
    }
    boolean ok = false;
    try {
      FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
          StandardOpenOption.WRITE);
      FileLock l;
      try {
        l = ch.tryLock();
      } catch (OverlappingFileLockException e) {
        l = null;
      } catch (IOException | RuntimeException e) {
        ch.close();
        throw e;
      }
      if (l == null) {
        String holder = holder(file);
        ch.close();
        throw new RunInUseException(runDir, holder);
      }
      try {
        ch.truncate(0);
        ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
        ch.force(false);
      } catch (IOException | RuntimeException e) {
        ch.close();
        throw e;
      }
      ok = true;
      return new RunLock(ch, l, key);
    } finally {
      if (!ok) {
        HELD_HERE.remove(key);
      }
    }
  }

  private static Path key(Path runDir) throws IOException {
    Path abs = runDir.toAbsolutePath().normalize();
    return Files.exists(abs) ? abs.toRealPath() : abs;
  }

  /** Whether another process holds the lock of this run folder right now. */
  public static boolean isHeld(Path runDir) {
    Path file = runDir.resolve(FILE);
    if (!Files.exists(file)) {
      return false;
    }
    Path key;
    try {
      key = key(runDir);
    } catch (IOException e) {
      return false;
    }
    // Held by this JVM: answer without opening the file (closing it would drop the holder's lock).
    if (!HELD_HERE.add(key)) {
      return true;
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
    } finally {
      HELD_HERE.remove(key);
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
  public synchronized void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (lock.isValid()) {
        lock.release();
      }
    } finally {
      try {
        channel.close();
      } finally {
        HELD_HERE.remove(key);
      }
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
