package io.mml.runtime.files;

import io.mml.runtime.config.ConfigException;
import io.mml.runtime.config.Names;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files a run reuses from earlier projects ({@code reuse.<key>=<projects>}): checks project
 * names and that each reused project exists, and finds per key the non-empty files in the reused
 * projects' folders, oldest first. For {@code models} the files of every listed project accumulate;
 * for other keys the newest file wins, later projects over earlier ones.
 */
final class ReusedProjects {
  /** Logged as the {@link FileManager}, whose behaviour this is. */
  private static final Logger LOG = LoggerFactory.getLogger(FileManager.class);
  private static final Pattern PROJECT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
  private static final Pattern NUMBER_SUFFIX = Pattern.compile(".*_(\\d{4,})(\\.[^.]*)?");

  private final Path resultsRoot;
  private final Map<String, List<String>> reuse;

  /** Keeps a copy of the {@code reuse} setting (key to projects) and checks every reused project. */
  ReusedProjects(Path resultsRoot, Map<String, List<String>> reuse) {
    this.resultsRoot = resultsRoot;
    Map<String, List<String>> r = new LinkedHashMap<>();
    reuse.forEach((k, v) -> r.put(k, List.copyOf(v)));
    this.reuse = Collections.unmodifiableMap(r);
    for (Map.Entry<String, List<String>> e : this.reuse.entrySet()) {
      for (String p : e.getValue()) {
        if (p != null && p.contains("#")) {
          throw new ConfigException("reuse." + e.getKey(), "reuse." + e.getKey() + "=" + p
              + ": pinning a file number with '#N' is not supported; name the project only");
        }
        checkProjectName(p, "reuse." + e.getKey());
        if (!Files.isDirectory(resultsRoot.resolve(p))) {
          List<String> existing = existingProjects(resultsRoot);
          throw new ConfigException("reuse." + e.getKey(), "reuse." + e.getKey() + ": project '" + p
              + "' does not exist under " + resultsRoot + "." + ConfigException.didYouMean(Names.closest(p, existing))
              + " Existing projects: " + (existing.isEmpty() ? "(none)" : String.join(", ", existing)));
        }
      }
    }
  }

  /** The {@code reuse} setting (key to projects), unmodifiable. */
  Map<String, List<String>> settings() {
    return reuse;
  }

  /** {@code project}, or a {@link ConfigException} for {@code what} when it is no valid folder name. */
  static String checkProjectName(String project, String what) {
    if (project == null || !PROJECT.matcher(project).matches() || project.contains("..")) {
      throw new ConfigException(what, "Project name '" + project + "' is invalid: use letters, digits, '_', '-', '.'"
          + " (no '/', '#', ':' or '..')");
    }
    return project;
  }

  /** The project folders under the results root, sorted (hidden folders left out). */
  static List<String> existingProjects(Path resultsRoot) {
    if (!Files.isDirectory(resultsRoot)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(resultsRoot)) {
      return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).filter(n -> !n.startsWith("."))
          .sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The last (newest) file per key of {@link #find}. */
  Map<String, Path> newest(Map<String, PathKey> known, String task) {
    Map<String, Path> out = new LinkedHashMap<>();
    find(known, task).forEach((k, v) -> out.put(k, v.get(v.size() - 1)));
    return out;
  }

  /**
   * The reusable files per key, for per-task keys when {@code task} is given, for keys shared by all
   * tasks when it is null; keys without files are left out.
   */
  Map<String, List<Path>> find(Map<String, PathKey> known, String task) {
    Map<String, List<Path>> out = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> e : reuse.entrySet()) {
      String key = e.getKey();
      PathKey k = known.get(key);
      if (k == null) {
        LOG.warn("reuse.{}: no path key '{}' is registered, nothing to reuse.{}", key, key,
            ConfigException.didYouMean(Names.closest(key, known.keySet())));
        continue;
      }
      if (!k.reusable()) {
        throw new ConfigException("reuse." + key, "reuse." + key + ": path key '" + key
            + "' is not reusable. Reusable keys: " + String.join(", ",
            known.values().stream().filter(PathKey::reusable).map(PathKey::key).toList()));
      }
      if (k.perTask() != (task != null)) {
        continue;
      }
      List<Path> found = new ArrayList<>();
      for (String p : e.getValue()) {
        Path dir = resultsRoot.resolve(p).resolve(k.folder());
        if (task != null) {
          dir = dir.resolve(task);
        }
        List<Path> files = candidates(dir);
        if (files.isEmpty()) {
          LOG.debug("reuse.{}: nothing in {}", key, dir);
          continue;
        }
        if (key.equals("models")) {
          found.addAll(files);
        } else {
          found = new ArrayList<>(List.of(files.get(files.size() - 1)));
        }
      }
      if (!found.isEmpty()) {
        out.put(key, List.copyOf(found));
      }
    }
    return out;
  }

  /** Non-empty regular files of a folder, oldest first: by number suffix, then modification time, then name. */
  static List<Path> candidates(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    Map<Path, long[]> order = new TreeMap<>();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        String n = p.getFileName().toString();
        if (n.startsWith(".") || !Files.isRegularFile(p) || Files.size(p) == 0) {
          continue;
        }
        Matcher m = NUMBER_SUFFIX.matcher(n);
        long number = m.matches() ? Long.parseLong(m.group(1)) : -1;
        order.put(p, new long[] {number, Files.getLastModifiedTime(p).toMillis()});
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not list " + dir + ": " + e.getMessage(), e);
    }
    List<Path> files = new ArrayList<>(order.keySet());
    files.sort(Comparator.<Path>comparingLong(p -> order.get(p)[0]).thenComparingLong(p -> order.get(p)[1])
        .thenComparing(Path::toString));
    return files;
  }
}
