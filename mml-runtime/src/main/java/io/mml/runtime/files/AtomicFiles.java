package io.mml.runtime.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.regex.Pattern;

/**
 * Crash-safe file writes: a reader sees either the old content or the complete new content, never
 * a torn file, even when the process is killed mid-write (temp file in the same folder, fsync,
 * atomic rename, fsync of the folder).
 */
public final class AtomicFiles {
  /** The end of every temp file name {@link #write} uses. */
  static final String TEMP_SUFFIX = ".tmp";
  /**
   * Any temp file name of {@link #write}: {@code .<target name>.<digits>.tmp} (the digits are what
   * {@link Files#createTempFile} puts between prefix and suffix).
   */
  private static final Pattern ANY_TEMP = Pattern.compile("\\..+\\.\\d+" + Pattern.quote(TEMP_SUFFIX));

  private AtomicFiles() {}

  /** The prefix of the temp files {@link #write} creates next to a file named {@code targetName}. */
  static String tempPrefix(String targetName) {
    return "." + targetName + ".";
  }

  /** Whether {@code fileName} is a temp file {@link #write} created for a file named {@code targetName}. */
  public static boolean isTempOf(String fileName, String targetName) {
    String prefix = tempPrefix(targetName);
    if (!fileName.startsWith(prefix) || !fileName.endsWith(TEMP_SUFFIX)
        || fileName.length() <= prefix.length() + TEMP_SUFFIX.length()) {
      return false;
    }
    String middle = fileName.substring(prefix.length(), fileName.length() - TEMP_SUFFIX.length());
    return middle.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  /** Whether {@code fileName} looks like a temp file of {@link #write}, for any target. */
  public static boolean isTemp(String fileName) {
    return ANY_TEMP.matcher(fileName).matches();
  }

  /** Replaces {@code target} atomically with {@code bytes}; creates missing parent folders. */
  public static void write(Path target, byte[] bytes) {
    Path abs = target.toAbsolutePath().normalize();
    Path dir = abs.getParent();
    Path tmp = null;
    try {
      Files.createDirectories(dir);
      tmp = Files.createTempFile(dir, tempPrefix(abs.getFileName().toString()), TEMP_SUFFIX);
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      try {
        Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        // Some file systems (rare network mounts) cannot rename atomically; a plain replace is the best left.
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
      }
      tmp = null;
      fsyncDirectory(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write " + abs + ": " + e.getMessage(), e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // the original failure is what matters
        }
      }
    }
  }

  /** {@link #write(Path, byte[])} of UTF-8 text. */
  public static void writeString(Path target, String text) {
    write(target, text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Appends one line (a newline is added) with a single write and fsyncs it, so concurrent
   * appenders never interleave inside a line and a crash loses at most the line in flight.
   */
  public static void appendLine(Path file, String line) {
    byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.APPEND)) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(false);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not append to " + file + ": " + e.getMessage(), e);
    }
  }

  /** Makes a rename or creation inside {@code dir} durable; best effort (not possible on Windows). */
  public static void fsyncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | RuntimeException ignored) {
      // Directories cannot be opened for fsync on every platform; the rename itself is still atomic.
    }
  }
}
