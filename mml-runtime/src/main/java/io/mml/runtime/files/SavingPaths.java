package io.mml.runtime.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Claims the file an artifact is saved to: checks the task and file name, picks the key's folder
 * (under the project or the run folder, with a {@code <task>/} level for per-task keys) and creates
 * the file. Numbered keys get {@code <stem>_NNNN.<ext>} one above the highest existing number,
 * claimed with an exclusive create and retried on collision, so concurrent runs never share a path;
 * un-numbered keys are overwritten by design.
 */
final class SavingPaths {
  private static final Pattern TASK_DIR = Pattern.compile("[^/\\\\:%#\\s]+");
  private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.+?=-]*");

  private final Path projectDir;
  private final Path runDir;

  SavingPaths(Path projectDir, Path runDir) {
    this.projectDir = projectDir;
    this.runDir = runDir;
  }

  /**
   * Claims a new file for {@code k} and returns it (it exists, possibly empty).
   *
   * @param task the task name; required iff the key is per task, otherwise must be null
   * @param fileName a file name replacing the key's default (null for the default)
   */
  Path claim(PathKey k, String task, String fileName) {
    String key = k.key();
    if (k.perTask() && (task == null || task.isBlank())) {
      throw new IllegalArgumentException("Path key '" + key + "' is per task: pass the task name");
    }
    if (!k.perTask() && task != null) {
      throw new IllegalArgumentException("Path key '" + key + "' is not per task (" + k.folder()
          + " holds one folder for all tasks): pass null instead of task '" + task + "'");
    }
    if (task != null && (!TASK_DIR.matcher(task).matches() || task.equals(".") || task.equals(".."))) {
      throw new IllegalArgumentException("Task name '" + task + "' cannot be a folder name (no '/', '\\', ':', '%', '#',"
          + " spaces, '.' or '..')");
    }
    String name = fileName == null ? k.fileName() : fileName;
    if (!FILE_NAME.matcher(name).matches() || name.contains("..")) {
      throw new IllegalArgumentException("File name '" + name + "' for path key '" + key
          + "' must be a plain file name (letters, digits, '_', '-', '.'; no '/', '#', ':' or '..')");
    }
    Path dir = (k.root() == PathKey.Root.RUN ? runDir : projectDir).resolve(k.folder());
    if (task != null) {
      dir = dir.resolve(task);
    }
    try {
      Files.createDirectories(dir);
      return k.numbered() ? claimNumbered(dir, name) : claimPlain(dir.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException("Could not create a file for path key '" + key + "' in " + dir + ": "
          + e.getMessage(), e);
    }
  }

  private static Path claimPlain(Path file) throws IOException {
    try {
      Files.createFile(file);
    } catch (FileAlreadyExistsException exists) {
      // Un-numbered keys are overwritten by design (e.g. one distances.csv per project).
    }
    return file;
  }

  private static Path claimNumbered(Path dir, String name) throws IOException {
    int dot = name.lastIndexOf('.');
    String stem = dot > 0 ? name.substring(0, dot) : name;
    String ext = dot > 0 ? name.substring(dot) : "";
    Pattern numbered = Pattern.compile(Pattern.quote(stem) + "_(\\d{4,})" + Pattern.quote(ext));
    int next = highestNumber(dir, numbered) + 1;
    // Each collision means another writer claimed `next`; move on without rescanning the folder.
    for (int attempt = 0; attempt < 100_000; attempt++, next++) {
      Path candidate = dir.resolve(String.format("%s_%04d%s", stem, next, ext));
      try {
        return Files.createFile(candidate);
      } catch (FileAlreadyExistsException taken) {
        // lost the race for this number; try the next one
      }
    }
    throw new IllegalStateException("Could not claim a numbered file " + stem + "_NNNN" + ext + " in " + dir);
  }

  private static int highestNumber(Path dir, Pattern numbered) throws IOException {
    int max = -1;
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Matcher m = numbered.matcher(p.getFileName().toString());
        if (m.matches()) {
          max = Math.max(max, Integer.parseInt(m.group(1)));
        }
      }
    }
    return max;
  }
}
