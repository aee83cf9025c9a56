package io.mml.runtime.files;

import io.mml.runtime.files.FileManager.CreatedPath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes the temp files {@link AtomicFiles#write} leaves when its process is killed mid-write
 * (e.g. {@code MODELS/<task>/.model_storage_fold0_0000.json.<digits>.tmp}), for the paths one run
 * claimed: siblings named after a claimed file, every temp file inside a claimed folder, and the
 * temp files of the run folder's own files. Only paths the run owns alone are touched: numbered
 * claims and paths inside the run folder. A plain (un-numbered) project file such as
 * {@code distances.csv} is shared by the project's runs, and its temp file may belong to another
 * run writing it right now, so it is left alone.
 *
 * <p>Call it only while no process writes through the run (the caller holds the run's lock).
 */
final class StaleTempFiles {
  private static final Logger LOG = LoggerFactory.getLogger(StaleTempFiles.class);
  /** A numbered claim's name, for keys this run's manager does not know (see {@link SavingPaths}). */
  private static final Pattern NUMBERED = Pattern.compile(".*_\\d{4,}(\\.[^.]*)?");

  private StaleTempFiles() {}

  static List<Path> remove(FileManager files, Predicate<CreatedPath> which) {
    Map<String, PathKey> keys = files.keys();
    // parent folder -> claimed file names in it, so each folder is listed once
    Map<Path, Set<String>> byFolder = new LinkedHashMap<>();
    List<Path> claimedFolders = new ArrayList<>();
    for (CreatedPath c : files.createdPaths()) {
      if (!which.test(c)) {
        continue;
      }
      Path p = c.path().toAbsolutePath().normalize();
      if (!ownedByTheRun(files, keys.get(c.key()), p)) {
        LOG.debug("Not looking for temp files of {}: key '{}' is shared by the project's runs", p, c.key());
        continue;
      }
      if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
        claimedFolders.add(p); // e.g. a folder of predicted masks that took its claim's place
      }
      byFolder.computeIfAbsent(p.getParent(), d -> new LinkedHashSet<>()).add(p.getFileName().toString());
    }
    List<Path> removed = new ArrayList<>();
    byFolder.forEach((dir, names) -> {
      for (Path f : children(dir)) {
        String n = f.getFileName().toString();
        if (names.stream().anyMatch(target -> AtomicFiles.isTempOf(n, target))) {
          delete(f, removed);
        }
      }
    });
    for (Path dir : claimedFolders) {
      try (Stream<Path> s = Files.walk(dir)) {
        for (Path f : s.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)
            && AtomicFiles.isTemp(f.getFileName().toString())).toList()) {
          delete(f, removed);
        }
      } catch (IOException | UncheckedIOException e) {
        LOG.warn("Could not look for temp files in {}: {}", dir, e.getMessage());
      }
    }
    // The run folder's own files (task dump, return value, run metadata) are written the same way.
    for (Path f : children(files.runDir())) {
      if (AtomicFiles.isTemp(f.getFileName().toString())) {
        delete(f, removed);
      }
    }
    if (!removed.isEmpty()) {
      LOG.info("Removed {} temp file(s) left by interrupted writes of run {}", removed.size(), files.runDir());
    }
    return removed;
  }

  private static boolean ownedByTheRun(FileManager files, PathKey key, Path p) {
    if (p.startsWith(files.runDir())) {
      return true;
    }
    return key != null ? key.numbered() : NUMBERED.matcher(p.getFileName().toString()).matches();
  }

  private static List<Path> children(Path dir) {
    if (dir == null || !Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
    } catch (IOException | UncheckedIOException e) {
      LOG.warn("Could not look for temp files in {}: {}", dir, e.getMessage());
      return List.of();
    }
  }

  private static void delete(Path f, List<Path> removed) {
    try {
      if (Files.deleteIfExists(f)) {
        removed.add(f);
        LOG.info("Removed {}, left by an interrupted write", f);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not delete the stale temp file " + f + ": " + e.getMessage()
          + ". Delete it by hand.", e);
    }
  }
}
