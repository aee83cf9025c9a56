package io.mml.runtime.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deleting whole folders, the one implementation main code, tests and benchmarks share. Links are
 * never followed: a symbolic link inside the tree is deleted, not what it points to.
 */
public final class FileTrees {
  private static final Logger LOG = LoggerFactory.getLogger(FileTrees.class);

  private FileTrees() {}

  /**
   * Deletes {@code root} (a folder with everything below it, or a single file or link); nothing
   * happens when it does not exist.
   *
   * @throws UncheckedIOException naming the path when something cannot be deleted
   */
  public static void deleteTree(Path root) {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    for (Path p : deepestFirst(root)) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException e) {
        throw new UncheckedIOException("Could not delete " + p + " (in " + root + "): " + e.getMessage(), e);
      }
    }
  }

  /**
   * {@link #deleteTree} as far as it goes, never throwing: for clean-up after a failure, where the
   * original error is what matters. What cannot be deleted stays (each path logged at debug level,
   * one warning when {@code root} survives).
   *
   * @return whether {@code root} is gone
   */
  public static boolean deleteTreeQuietly(Path root) {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return true;
    }
    try {
      for (Path p : deepestFirst(root)) {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          LOG.debug("Could not delete {}", p, e);
        }
      }
    } catch (UncheckedIOException e) {
      LOG.debug("Could not list {}", root, e);
    }
    boolean gone = !Files.exists(root, LinkOption.NOFOLLOW_LINKS);
    if (!gone) {
      LOG.warn("Could not delete {} completely; delete it by hand", root);
    }
    return gone;
  }

  private static List<Path> deepestFirst(Path root) {
    try (Stream<Path> s = Files.walk(root)) {
      return s.sorted(Comparator.reverseOrder()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not list " + root + ": " + e.getMessage(), e);
    }
  }
}
