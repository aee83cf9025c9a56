package io.mml.runtime.files;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mml.runtime.config.ConfigException;
import io.mml.runtime.config.Names;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data and results trees of one run: where artifacts are saved ({@link #constructSavingPath}),
 * which earlier artifacts are reused ({@code reuse}) and which are deleted at the end ({@code remove}).
 *
 * <p>One instance per run, passed down through the run context; nothing here is static or global.
 * Saving paths are claimed atomically on disk, so concurrent runs (threads or processes) never get
 * the same path. Paths meant to be persisted are stored relative to the results root.
 */
public final class FileManager implements ProjectFiles {
  private static final Logger LOG = LoggerFactory.getLogger(FileManager.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The run-local list of files this run created, one JSON object per line. */
  public static final String CREATED_PATHS = "created_paths.jsonl";
  /** Run-local folders removed by {@link #removeIntermediates()}. */
  public static final List<String> RUN_LOCAL_FOLDERS = List.of("TEMP", "CHECKPOINTS");
  private static final Pattern TASK_DIR = Pattern.compile("[^/\\\\:%#\\s]+");
  private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.+?=-]*");
  private static final Pattern PROJECT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

  private final Path dataRoot;
  private final Path resultsRoot;
  private final String project;
  private final Path projectDir;
  private final Path runDir;
  private final Map<String, PathKey> keys = new LinkedHashMap<>();
  private final Map<String, List<String>> reuse;
  private final Map<String, Boolean> remove;
  private final Object journalLock = new Object();
  private volatile String currentStep;

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
    this.project = checkProjectName(project, "project");
    this.projectDir = this.resultsRoot.resolve(project);
    this.runDir = runDir.toAbsolutePath().normalize();
    for (PathKey k : PathKey.builtIns()) {
      register(k);
    }
    for (PathKey k : extraKeys) {
      register(k);
    }
    Map<String, List<String>> r = new LinkedHashMap<>();
    reuse.forEach((k, v) -> r.put(k, List.copyOf(v)));
    this.reuse = java.util.Collections.unmodifiableMap(r);
    this.remove = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(remove));
    checkReuseProjects();
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

  private static String checkProjectName(String project, String what) {
    if (project == null || !PROJECT.matcher(project).matches() || project.contains("..")) {
      throw new ConfigException(what, "Project name '" + project + "' is invalid: use letters, digits, '_', '-', '.'"
          + " (no '/', '#', ':' or '..')");
    }
    return project;
  }

  private void checkReuseProjects() {
    for (Map.Entry<String, List<String>> e : reuse.entrySet()) {
      for (String p : e.getValue()) {
        if (p != null && p.contains("#")) {
          throw new ConfigException("reuse." + e.getKey(), "reuse." + e.getKey() + "=" + p
              + ": pinning a file number with '#N' is not supported; name the project only");
        }
        checkProjectName(p, "reuse." + e.getKey());
        if (!Files.isDirectory(resultsRoot.resolve(p))) {
          List<String> existing = existingProjects();
          throw new ConfigException("reuse." + e.getKey(), "reuse." + e.getKey() + ": project '" + p
              + "' does not exist under " + resultsRoot + "." + ConfigException.didYouMean(Names.closest(p, existing))
              + " Existing projects: " + (existing.isEmpty() ? "(none)" : String.join(", ", existing)));
        }
      }
    }
  }

  /** The project folders under the results root, sorted. */
  public List<String> existingProjects() {
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

  /** {@code <resultsRoot>/<project>}. */
  @Override
  public Path projectDir() {
    return projectDir;
  }

  @Override
  public Path runDir() {
    return runDir;
  }

  /** The {@code reuse} setting of this run (key to projects). */
  @Override
  public Map<String, List<String>> reuse() {
    return reuse;
  }

  /** The {@code remove} setting of this run (key to flag). */
  public Map<String, Boolean> remove() {
    return remove;
  }

  /** The registered keys, built-ins first, in registration order. */
  public synchronized Map<String, PathKey> keys() {
    return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(keys));
  }

  /** Registers a key; a key registered twice is an error (two plugins would overwrite each other's files). */
  public synchronized void register(PathKey key) {
    PathKey old = keys.get(key.key());
    if (old != null) {
      throw new IllegalArgumentException("Path key '" + key.key() + "' is already registered (" + old
          + "); choose another key name");
    }
    keys.put(key.key(), key);
  }

  /** The registered key named {@code key}; an error listing the keys and the closest names otherwise. */
  public synchronized PathKey key(String key) {
    PathKey k = keys.get(key);
    if (k == null) {
      throw new IllegalArgumentException("Unknown path key '" + key + "'." + ConfigException.didYouMean(
          Names.closest(String.valueOf(key), keys.keySet())) + " Registered keys: " + String.join(", ", keys.keySet())
          + ". Declare new keys in the mode's pathKeys() with PathKey.builder(...).");
    }
    return k;
  }

  /**
   * Claims a new file for an artifact and returns it (it exists, empty; the caller writes it,
   * preferably with {@link AtomicFiles}). Numbered keys get {@code <stem>_NNNN.<ext>} with NNNN one
   * above the highest existing number, claimed with an exclusive create and retried on collision,
   * so concurrent runs never share a path. The claim is recorded in {@code <run>/created_paths.jsonl}.
   *
   * @param key a registered path key
   * @param task the task name; required iff the key is per task, otherwise must be null
   * @param fileName a file name replacing the key's default (null for the default)
   */
  @Override
  public Path constructSavingPath(String key, String task, String fileName) {
    PathKey k = key(key);
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
    Path claimed;
    try {
      Files.createDirectories(dir);
      claimed = k.numbered() ? claimNumbered(dir, name) : claimPlain(dir.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException("Could not create a file for path key '" + key + "' in " + dir + ": "
          + e.getMessage(), e);
    }
    record(key, task, claimed);
    return claimed;
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

  /**
   * Marks the start of a step: artifacts claimed from now on are recorded as that step's, so a
   * continued run can discard what a step killed half-way left behind.
   */
  public void beginStep(String stepId) {
    this.currentStep = stepId;
  }

  /**
   * Deletes the artifacts claimed by steps that never finished (a run killed mid-step leaves an
   * empty or partial claim behind); the step runs again and claims a fresh path.
   *
   * @param finishedSteps ids of the steps the journal records as done
   * @return the deleted files
   */
  public List<Path> discardUnfinishedArtifacts(Set<String> finishedSteps) {
    List<Path> deleted = new ArrayList<>();
    for (CreatedPath c : createdPaths()) {
      if (c.step() == null || finishedSteps.contains(c.step())) {
        continue;
      }
      try {
        if (Files.deleteIfExists(c.path())) {
          deleted.add(c.path());
          LOG.info("Discarded {} left by the unfinished step {}", c.path(), c.step());
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Could not delete " + c.path() + ", left by the unfinished step " + c.step()
            + ": " + e.getMessage() + ". Delete it by hand and continue again.", e);
      }
    }
    return deleted;
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
  public List<Path> removeStaleTempFiles(java.util.function.Predicate<CreatedPath> which) {
    return StaleTempFiles.remove(this, which);
  }

  /**
   * A manager of another run of the same project, with this one's roots, keys, reuse and remove
   * settings: to read what that run created (e.g. for {@code clean}).
   */
  public FileManager forRun(Path otherRunDir) {
    List<String> builtIn = PathKey.builtIns().stream().map(PathKey::key).toList();
    List<PathKey> extra = keys().values().stream().filter(k -> !builtIn.contains(k.key())).toList();
    return new FileManager(dataRoot, resultsRoot, project, otherRunDir, extra, reuse, remove);
  }

  private void record(String key, String task, Path path) {
    ObjectNode line = JSON.createObjectNode();
    line.put("key", key);
    if (task != null) {
      line.put("task", task);
    }
    String step = currentStep;
    if (step != null) {
      line.put("step", step);
    }
    line.put("path", storable(path));
    synchronized (journalLock) {
      AtomicFiles.appendLine(runDir.resolve(CREATED_PATHS), line.toString());
    }
  }

  /** A path as persisted: relative to the results root when inside it, absolute otherwise. */
  private String storable(Path path) {
    Path abs = path.toAbsolutePath().normalize();
    return abs.startsWith(resultsRoot) ? relativize(abs) : abs.toString();
  }

  /** The path relative to the results root, with '/' separators; an error when it lies outside. */
  @Override
  public String relativize(Path absolute) {
    Path abs = absolute.toAbsolutePath().normalize();
    if (!abs.startsWith(resultsRoot)) {
      throw new IllegalArgumentException(absolute + " is not inside the results root " + resultsRoot);
    }
    Path rel = resultsRoot.relativize(abs);
    StringBuilder sb = new StringBuilder();
    for (Path part : rel) {
      if (sb.length() > 0) {
        sb.append('/');
      }
      sb.append(part);
    }
    return sb.toString();
  }

  /** The absolute path of a path relative to the results root; refuses absolute paths and '..' escapes. */
  @Override
  public Path resolve(String relative) {
    if (relative == null || relative.isEmpty()) {
      throw new IllegalArgumentException("Empty path: expected a path relative to the results root " + resultsRoot);
    }
    String unified = relative.replace('\\', '/');
    if (unified.startsWith("/") || unified.matches("^[A-Za-z]:.*") || Path.of(relative).isAbsolute()) {
      throw new IllegalArgumentException("Path '" + relative + "' is absolute: expected a path relative to the results root "
          + resultsRoot);
    }
    for (String segment : unified.split("/")) {
      if (segment.equals("..")) {
        throw new IllegalArgumentException("Path '" + relative + "' contains '..': paths relative to the results root "
            + resultsRoot + " may not leave it");
      }
    }
    Path abs = resultsRoot.resolve(unified).normalize();
    if (!abs.startsWith(resultsRoot)) {
      throw new IllegalArgumentException("Path '" + relative + "' escapes the results root " + resultsRoot);
    }
    return abs;
  }

  /** One line of {@code created_paths.jsonl}. */
  public record CreatedPath(String key, String task, Path path, String step) {}

  /** The files this run created, in creation order (a torn last line from a crash is skipped). */
  public List<CreatedPath> createdPaths() {
    Path journal = runDir.resolve(CREATED_PATHS);
    List<CreatedPath> out = new ArrayList<>();
    if (!Files.exists(journal)) {
      return out;
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(journal, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + journal + ": " + e.getMessage(), e);
    }
    int no = 0;
    for (String line : lines) {
      no++;
      if (line.isBlank()) {
        continue;
      }
      try {
        JsonNode n = JSON.readTree(line);
        String p = n.path("path").asText();
        Path path = Path.of(p).isAbsolute() ? Path.of(p) : resolve(p);
        out.add(new CreatedPath(n.path("key").asText(), n.hasNonNull("task") ? n.get("task").asText() : null, path,
            n.hasNonNull("step") ? n.get("step").asText() : null));
      } catch (JsonProcessingException | IllegalArgumentException e) {
        LOG.warn("{}:{}: skipping an unreadable line ({})", journal, no, e.getMessage());
      }
    }
    return out;
  }

  /**
   * The reusable files for a task, per key: for {@code models} every file of every listed project
   * (accumulated), for other keys the newest file (highest number) with later projects winning.
   * Empty files (claimed by a run that died before writing) are skipped.
   */
  @Override
  public Map<String, List<Path>> reusableFiles(String task) {
    return findReusables(task);
  }

  /** The reusable file per key for a task (for {@code models}: the newest of all; see {@link #reusableFiles}). */
  @Override
  public Map<String, Path> reusables(String task) {
    Map<String, Path> out = new LinkedHashMap<>();
    findReusables(task).forEach((k, v) -> out.put(k, v.get(v.size() - 1)));
    return out;
  }

  /** The reusable files of keys that are not per task ({@code <proj>/<FOLDER>/}), newest per key. */
  @Override
  public Map<String, Path> globalReusables() {
    Map<String, Path> out = new LinkedHashMap<>();
    findReusables(null).forEach((k, v) -> out.put(k, v.get(v.size() - 1)));
    return out;
  }

  private Map<String, List<Path>> findReusables(String task) {
    Map<String, List<Path>> out = new LinkedHashMap<>();
    Map<String, PathKey> known = keys();
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

  private static final Pattern NUMBER_SUFFIX = Pattern.compile(".*_(\\d{4,})(\\.[^.]*)?");

  /** Non-empty regular files of a folder, oldest first: by number suffix, then modification time, then name. */
  private static List<Path> candidates(Path dir) {
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

  /** What {@link #removeIntermediates()} did. */
  public record Removal(List<Path> deleted, Set<String> neverCreated, List<Path> runLocalFolders) {}

  /**
   * Deletes, at the end of a run, the files this run created whose key is flagged in {@code remove},
   * plus the run-local {@code TEMP/} and {@code CHECKPOINTS/} folders. Files of earlier runs are never touched.
   */
  public Removal removeIntermediates() {
    Set<String> flagged = new LinkedHashSet<>();
    remove.forEach((k, v) -> {
      if (Boolean.TRUE.equals(v)) {
        flagged.add(k);
      }
    });
    Map<String, PathKey> known = keys();
    for (String k : flagged) {
      if (!known.containsKey(k)) {
        LOG.warn("remove.{}: no path key '{}' is registered.{}", k, k,
            ConfigException.didYouMean(Names.closest(k, known.keySet())));
      }
    }
    List<Path> deleted = new ArrayList<>();
    Set<String> created = new LinkedHashSet<>();
    for (CreatedPath c : createdPaths()) {
      created.add(c.key());
      if (flagged.contains(c.key())) {
        try {
          if (Files.deleteIfExists(c.path())) {
            deleted.add(c.path());
          }
        } catch (IOException e) {
          LOG.warn("remove.{}: could not delete {}: {}", c.key(), c.path(), e.getMessage());
        }
      }
    }
    Set<String> neverCreated = new LinkedHashSet<>(flagged);
    neverCreated.removeAll(created);
    if (!neverCreated.isEmpty()) {
      LOG.info("remove: this run created no files for {}", neverCreated);
    }
    List<Path> folders = new ArrayList<>();
    for (String f : RUN_LOCAL_FOLDERS) {
      Path dir = runDir.resolve(f);
      if (Files.exists(dir)) {
        FileTrees.deleteTree(dir);
        folders.add(dir);
      }
    }
    LOG.info("remove: deleted {} file(s) and {} run-local folder(s)", deleted.size(), folders.size());
    return new Removal(List.copyOf(deleted), java.util.Collections.unmodifiableSet(neverCreated), List.copyOf(folders));
  }

  @Override
  public String toString() {
    return "FileManager[results=" + resultsRoot + ", project=" + project + ", run=" + runDir + "]";
  }
}
