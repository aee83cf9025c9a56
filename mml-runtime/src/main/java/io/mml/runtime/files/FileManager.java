package io.mml.runtime.files;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The data and results trees of one run: where artifacts are saved ({@link #constructSavingPath}),
 * which earlier artifacts are reused ({@code reuse}) and which are deleted at the end ({@code remove}).
 *
 * <p>One instance per run, passed down through the run context; nothing here is static or global.
 * Saving paths are claimed atomically on disk, so concurrent runs (threads or processes) never get
 * the same path. Paths meant to be persisted are stored relative to the results root.
 *
 * <p>Delegates to package-private parts: {@link KeyRegistry}, {@link SavingPaths}, {@link CreatedPathsJournal},
 * {@link StaleTempFiles}, {@link ReusedProjects}, {@link IntermediateRemoval} and {@link ResultsRootPaths}.
 */
public final class FileManager implements ProjectFiles {
  /** The run-local list of files this run created, one JSON object per line. */
  public static final String CREATED_PATHS = "created_paths.jsonl";
  /** Run-local folders removed by {@link #removeIntermediates()}. */
  public static final List<String> RUN_LOCAL_FOLDERS = List.of("TEMP", "CHECKPOINTS");

  private final Path dataRoot;
  private final Path resultsRoot;
  private final String project;
  private final Path projectDir;
  private final Path runDir;
  private final KeyRegistry keys = new KeyRegistry();
  private final ResultsRootPaths paths;
  private final SavingPaths saving;
  private final CreatedPathsJournal journal;
  private final IntermediateRemoval removal;
  private final ReusedProjects reused;

  /**
   * @param dataRoot the data tree ({@code RAW/}, {@code PREPROCESSED/}, {@code DOWNLOADS/})
   * @param resultsRoot the results tree; persisted paths are relative to it
   * @param project the project folder name under the results root
   * @param runDir this run's folder (normally {@code <resultsRoot>/<project>/runs/<day>/<time>})
   * @param extraKeys keys declared by modes and plugins, added to the built-ins
   * @param reuse path key to the projects whose artifacts to reuse (later projects win)
   * @param remove path key to whether this run's files of that key are deleted at the end
   */
  public FileManager(Path dataRoot, Path resultsRoot, String project, Path runDir, Collection<PathKey> extraKeys,
      Map<String, List<String>> reuse, Map<String, Boolean> remove) {
    this.dataRoot = dataRoot.toAbsolutePath().normalize();
    this.resultsRoot = resultsRoot.toAbsolutePath().normalize();
    this.project = ReusedProjects.checkProjectName(project, "project");
    this.projectDir = this.resultsRoot.resolve(project);
    this.runDir = runDir.toAbsolutePath().normalize();
    extraKeys.forEach(keys::register);
    this.paths = new ResultsRootPaths(this.resultsRoot);
    this.saving = new SavingPaths(projectDir, this.runDir);
    this.journal = new CreatedPathsJournal(this.runDir, paths);
    this.removal = new IntermediateRemoval(remove, journal, this.runDir);
    this.reused = new ReusedProjects(this.resultsRoot, reuse);
  }

  /** A builder with the defaults: no extra keys, no reuse, no removal. */
  public static Builder builder(Path dataRoot, Path resultsRoot, String project, Path runDir) {
    return new Builder(dataRoot, resultsRoot, project, runDir);
  }

  /** Builds a {@link FileManager}; for callers that only need some of the options. */
  public static final class Builder {
    private final Path dataRoot;
    private final Path resultsRoot;
    private final String project;
    private final Path runDir;
    private final List<PathKey> keys = new ArrayList<>();
    private final Map<String, List<String>> reuse = new LinkedHashMap<>();
    private final Map<String, Boolean> remove = new LinkedHashMap<>();

    private Builder(Path dataRoot, Path resultsRoot, String project, Path runDir) {
      this.dataRoot = dataRoot;
      this.resultsRoot = resultsRoot;
      this.project = project;
      this.runDir = runDir;
    }

    /** Adds a mode's or plugin's key. */
    public Builder key(PathKey key) {
      keys.add(key);
      return this;
    }

    /** Reuses {@code key} from the given projects (later ones win). */
    public Builder reuse(String key, List<String> projects) {
      reuse.put(key, projects);
      return this;
    }

    /** Deletes this run's files of {@code key} at the end of the run. */
    public Builder remove(String key, boolean flag) {
      remove.put(key, flag);
      return this;
    }

    public FileManager build() {
      return new FileManager(dataRoot, resultsRoot, project, runDir, keys, reuse, remove);
    }
  }

  /** The project folders under the results root, sorted. */
  public List<String> existingProjects() {
    return ReusedProjects.existingProjects(resultsRoot);
  }

  @Override
  public Path dataRoot() {
    return dataRoot;
  }

  public Path resultsRoot() {
    return resultsRoot;
  }

  @Override
  public String project() {
    return project;
  }

  @Override
  public Path projectDir() {
    return projectDir;
  }

  @Override
  public Path runDir() {
    return runDir;
  }

  @Override
  public Map<String, List<String>> reuse() {
    return reused.settings();
  }

  /** The {@code remove} setting of this run (key to flag). */
  public Map<String, Boolean> remove() {
    return removal.settings();
  }

  /** The registered keys, built-ins first, in registration order. */
  public Map<String, PathKey> keys() {
    return keys.snapshot();
  }

  /** Registers a key; a key registered twice is an error (two plugins would overwrite each other's files). */
  public void register(PathKey key) {
    keys.register(key);
  }

  /** The registered key named {@code key}; an error listing the keys and the closest names otherwise. */
  public PathKey key(String key) {
    return keys.get(key);
  }

  @Override
  public Path constructSavingPath(String key, String task, String fileName) {
    Path claimed = saving.claim(key(key), task, fileName);
    journal.record(key, task, claimed);
    return claimed;
  }

  /**
   * Marks the start of a step: artifacts claimed from now on are recorded as that step's, so a
   * continued run can discard what a step killed half-way left behind.
   */
  public void beginStep(String stepId) {
    journal.beginStep(stepId);
  }

  /**
   * Deletes the artifacts claimed by steps that never finished (a run killed mid-step leaves an
   * empty or partial claim behind); the step runs again and claims a fresh path.
   *
   * @param finishedSteps ids of the steps the journal records as done
   * @return the deleted files
   */
  public List<Path> discardUnfinishedArtifacts(Set<String> finishedSteps) {
    return journal.discardUnfinished(finishedSteps);
  }

  /**
   * Deletes the temp files that writes killed mid-way left next to (or inside) the paths this run
   * claimed, and next to the run folder's own files; see {@link StaleTempFiles} for which paths
   * count. Call it on continue, while holding the run's lock, before any step runs.
   *
   * @return the deleted files (each is also logged)
   */
  public List<Path> removeStaleTempFiles() {
    return removeStaleTempFiles(c -> true);
  }

  /** {@link #removeStaleTempFiles()} for the claimed paths {@code which} accepts (the run folder's own files always). */
  public List<Path> removeStaleTempFiles(Predicate<CreatedPath> which) {
    return StaleTempFiles.remove(this, which);
  }

  /**
   * A manager of another run of the same project, with this one's roots, keys, reuse and remove
   * settings: to read what that run created (e.g. for {@code clean}).
   */
  public FileManager forRun(Path otherRunDir) {
    return new FileManager(dataRoot, resultsRoot, project, otherRunDir, keys.extraKeys(), reuse(), remove());
  }

  @Override
  public String relativize(Path absolute) {
    return paths.relativize(absolute);
  }

  @Override
  public Path resolve(String relative) {
    return paths.resolve(relative);
  }

  /** One line of {@code created_paths.jsonl}. */
  public record CreatedPath(String key, String task, Path path, String step) {}

  /** The files this run created, in creation order (a torn last line from a crash is skipped). */
  public List<CreatedPath> createdPaths() {
    return journal.read();
  }

  @Override
  public Map<String, List<Path>> reusableFiles(String task) {
    return reused.find(keys(), task);
  }

  @Override
  public Map<String, Path> reusables(String task) {
    return reused.newest(keys(), task);
  }

  @Override
  public Map<String, Path> globalReusables() {
    return reused.newest(keys(), null);
  }

  /** What {@link #removeIntermediates()} did. */
  public record Removal(List<Path> deleted, Set<String> neverCreated, List<Path> runLocalFolders) {}

  /**
   * Deletes, at the end of a run, the files this run created whose key is flagged in {@code remove},
   * plus the run-local {@code TEMP/} and {@code CHECKPOINTS/} folders. Files of earlier runs are never touched.
   */
  public Removal removeIntermediates() {
    return removal.run(keys());
  }

  @Override
  public String toString() {
    return "FileManager[results=" + resultsRoot + ", project=" + project + ", run=" + runDir + "]";
  }
}
