package io.mml.runtime.files;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The files of a run as a scheduler author sees them (the seed's {@code fm}): claim a saving path for
 * a key and, for per-task keys, a task; find what earlier projects left for reuse; turn paths into the
 * relative form that task structs and JSON files store. Whether a key's files are per task, numbered
 * or reusable is declared once, on its {@link PathKey}; whether they are deleted at the end of a run
 * is the run's {@code remove.<key>} setting. The engine's bookkeeping (step journal of created paths,
 * stale temp files, removal) is not part of this view; {@link FileManager} implements both.
 */
public interface ProjectFiles {
  /**
   * Claims a new file for an artifact of {@code key} (the seed's {@code construct_saving_path}): it
   * exists, empty, when this returns, and the caller writes it, preferably with {@link AtomicFiles}.
   * Numbered keys never return an earlier file; the claim is recorded for {@code continue}.
   *
   * @param task the task name; required iff the key is per task, otherwise null
   * @param fileName a file name replacing the key's default (null for the default)
   */
  Path constructSavingPath(String key, String task, String fileName);

  /** {@link #constructSavingPath(String, String, String)} with the key's default file name. */
  default Path constructSavingPath(String key, String task) {
    return constructSavingPath(key, task, null);
  }

  /** Claims a file for a per-task key with its default file name. */
  default Path claim(PathKey key, String task) {
    return constructSavingPath(key.key(), task, null);
  }

  /** Claims a file for a key shared by all tasks (not per task) with its default file name. */
  default Path claim(PathKey key) {
    return constructSavingPath(key.key(), null, null);
  }

  /** Claims a file for a key with another file name (task null for keys shared by all tasks). */
  default Path claim(PathKey key, String task, String fileName) {
    return constructSavingPath(key.key(), task, fileName);
  }

  /**
   * The reusable file per key for a task that {@code reuse.<key>=<project>} points at (newest
   * first; later projects win).
   */
  Map<String, Path> reusables(String task);

  /**
   * Every reusable file per key for a task: for {@code models} all files of all reused projects
   * (accumulated), for other keys the newest, later projects winning.
   */
  Map<String, List<Path>> reusableFiles(String task);

  /** The run's {@code reuse} setting: path key to the projects whose files are reused. */
  Map<String, List<String>> reuse();

  /** The reusable file of {@code key} for a task, if a reused project has one. */
  default Optional<Path> reused(String key, String task) {
    return Optional.ofNullable(reusables(task).get(key));
  }

  /** The reusable files of keys that are not per task, newest per key. */
  Map<String, Path> globalReusables();

  /** The path relative to the results root with '/' separators (as structs and JSON store it). */
  String relativize(Path absolute);

  /** The absolute path of a stored relative path; refuses absolute paths and '..' escapes. */
  Path resolve(String relative);

  /** The data tree ({@code RAW/}, {@code PREPROCESSED/}, {@code DOWNLOADS/}). */
  Path dataRoot();

  /** The project's folder under the results root. */
  Path projectDir();

  /** This run's folder. */
  Path runDir();

  /** The project name. */
  String project();
}
