package io.mml.runtime.modes;

import io.mml.annotations.Mode;
import io.mml.annotations.Param;
import io.mml.annotations.Subroutine;
import io.mml.runtime.files.RunDirs;
import io.mml.runtime.run.Journal;
import io.mml.runtime.run.RunLock;
import io.mml.runtime.run.StepMarkers;
import io.mml.runtime.scheduler.AbstractBaseScheduler;
import io.mml.runtime.scheduler.Step;
import io.mml.runtime.tasks.TaskFiles;
import io.mml.runtime.tasks.create.TaskImport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The built-in {@code clean} mode: frees disk space. {@code temp} deletes left-overs of interrupted
 * writes ({@code temp*.json}, {@code *.tmp}, staging and trash folders of {@code create}) in the
 * dataset folders under RAW and PREPROCESSED, and the temp files interrupted writes left next to the
 * artifacts the project's runs claimed (of runs nothing writes through now; see
 * {@code FileManager.removeStaleTempFiles}); {@code download} deletes {@code DOWNLOADS/<dataset>}.
 * Works on the datasets of {@code task_list}, or on all with {@code mode.all=true}.
 */
@Mode(id = "clean", defaults = {"tasks=none"},
    description = "Deletes temporary left-overs and extracted downloads of the tasks' datasets (or all).")
public class CleanScheduler extends AbstractBaseScheduler {
  @Param(defaultValue = "false", doc = "Clean every dataset instead of those of task_list.")
  boolean all;

  private long freed;

  @Subroutine("temp")
  void temp() throws IOException {
    Path root = files().dataRoot();
    Set<String> datasets = datasets();
    if (datasets == null) {
      return;
    }
    long before = freed;
    List<Path> dirs = new ArrayList<>(datasetDirs(root.resolve(TaskFiles.RAW), datasets));
    for (Path pp : children(root.resolve(TaskFiles.PREPROCESSED))) {
      if (Files.isDirectory(pp)) {
        dirs.addAll(datasetDirs(pp, datasets));
      }
    }
    for (Path d : dirs) {
      for (Path f : children(d)) {
        String n = f.getFileName().toString();
        boolean tempFile = Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)
            && ((n.startsWith("temp") && n.endsWith(".json")) || n.endsWith(".tmp"));
        boolean trash = n.startsWith(".trash-") && Files.isDirectory(f, LinkOption.NOFOLLOW_LINKS);
        if (tempFile || trash) {
          delete(f);
        }
      }
    }
    for (Path f : children(root.resolve(TaskFiles.RAW))) {
      String n = f.getFileName().toString();
      if (n.startsWith(TaskImport.STAGING_PREFIX) && (datasets.isEmpty()
          || datasets.stream().anyMatch(d -> n.startsWith(TaskImport.STAGING_PREFIX + d + "-")))) {
        delete(f);
      }
    }
    for (Path f : children(root.resolve(TaskFiles.DOWNLOADS))) {
      String n = f.getFileName().toString();
      if (n.startsWith(".") && n.contains(".extract-") && (datasets.isEmpty()
          || datasets.stream().anyMatch(d -> n.startsWith("." + d + ".extract-")))) {
        delete(f);
      }
    }
    int runTemps = runTemps(datasets.isEmpty() ? null : Set.copyOf(taskList()));
    log.info("temp: freed {} in {} dataset folder(s); removed {} temp file(s) of interrupted writes in runs.",
        size(freed - before), dirs.size(), runTemps);
  }

  /**
   * Removes the stale temp files next to what the project's runs claimed, for the given tasks (null:
   * all, with the project-wide artifacts). Runs in use are skipped (their writes may be in flight),
   * as are unfinished runs with cluster steps (a job may still write); {@code continue} cleans those.
   */
  private int runTemps(Set<String> tasks) {
    Path project = files().projectDir();
    int removed = 0;
    for (String id : RunDirs.list(project)) {
      Path dir = RunDirs.resolve(project, id);
      if (dir.equals(runDir())) {
        continue;
      }
      if (RunLock.isHeld(dir)) {
        log.info("temp: run {} is in use; its temp files are left alone.", id);
        continue;
      }
      if (StepMarkers.any(dir) && !finished(dir)) {
        log.info("temp: run {} has cluster steps that may still write; continue it to clean it.", id);
        continue;
      }
      removed += context().files().forRun(dir).removeStaleTempFiles(
          c -> tasks == null || c.task() != null && tasks.contains(c.task())).size();
    }
    return removed;
  }

  private static boolean finished(Path runDir) {
    try {
      Journal.Entry finish = Journal.latestByStep(Journal.read(runDir)).get(Step.FINISH);
      return finish != null && finish.status() == Journal.Status.DONE;
    } catch (RuntimeException unreadable) {
      return false; // not provably finished: leave it alone
    }
  }

  @Subroutine("download")
  void download() throws IOException {
    Path downloads = files().dataRoot().resolve(TaskFiles.DOWNLOADS);
    Set<String> datasets = datasets();
    if (datasets == null) {
      return;
    }
    long before = freed;
    int n = 0;
    for (Path d : children(downloads)) {
      if (Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS) || Files.isRegularFile(d, LinkOption.NOFOLLOW_LINKS)) {
        if (datasets.isEmpty() || datasets.contains(d.getFileName().toString())) {
          delete(d);
          n++;
        }
      }
    }
    log.info("download: freed {} ({} download(s) deleted from {}).", size(freed - before), n, downloads);
  }

  @Override
  protected void beforeFinishing() {
    log.info("clean freed {} in total.", size(freed));
  }

  /** The datasets to clean: empty = all; null = nothing selected (a warning says how to select). */
  private Set<String> datasets() {
    if (all) {
      return Set.of();
    }
    if (taskList().isEmpty()) {
      log.warn("Nothing to clean: name tasks (task_list=[a,b]) or clean every dataset with mode.all=true.");
      return null;
    }
    Set<String> out = new TreeSet<>();
    for (String t : taskList()) {
      Path dir = context().tasks().descriptionPath(t).getParent();
      Path pp = dir.getFileName();
      String n = pp == null ? "" : pp.toString();
      if (n.startsWith(TaskFiles.DSET_PREFIX)) {
        out.add(n.substring(TaskFiles.DSET_PREFIX.length()));
      }
    }
    return out;
  }

  private static List<Path> datasetDirs(Path parent, Set<String> datasets) throws IOException {
    List<Path> out = new ArrayList<>();
    for (Path d : children(parent)) {
      String n = d.getFileName().toString();
      if (Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS) && n.startsWith(TaskFiles.DSET_PREFIX)
          && (datasets.isEmpty() || datasets.contains(n.substring(TaskFiles.DSET_PREFIX.length())))) {
        out.add(d);
      }
    }
    return out;
  }

  private static List<Path> children(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    }
  }

  /** Deletes a file or tree (never following links), adding the sizes to {@link #freed}. */
  private void delete(Path p) throws IOException {
    List<Path> paths;
    try (Stream<Path> s = Files.walk(p)) {
      paths = s.sorted(Comparator.reverseOrder()).toList();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    for (Path q : paths) {
      if (Files.isRegularFile(q, LinkOption.NOFOLLOW_LINKS)) {
        freed += Files.size(q);
      }
      Files.deleteIfExists(q);
    }
    log.info("Deleted {}", p);
  }

  static String size(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double v = bytes;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }
}
