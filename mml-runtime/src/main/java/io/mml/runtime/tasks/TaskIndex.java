package io.mml.runtime.tasks;

import io.mml.runtime.config.ConfigException;
import io.mml.runtime.config.Names;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tasks installed in a data tree, by name: the header and description file of every
 * {@code TASK_*.json} under {@code RAW/DSET_*} and {@code PREPROCESSED/<ppId>/DSET_*}. Only headers
 * are read, so scanning is fast even for huge tasks. Scanning never creates anything.
 */
public final class TaskIndex {
  private static final Logger LOG = LoggerFactory.getLogger(TaskIndex.class);
  /** The preprocessing id of raw descriptions. */
  public static final String RAW_PP = "none";
  /** See {@link #resolver()}. */
  private static volatile TaskResolver resolver;

  /** One description file and its header. */
  public record Entry(Path file, TaskHeader header) {}

  private final Path dataRoot;
  /** name -> pp id ("none" for raw) -> entry. */
  private final Map<String, Map<String, Entry>> entries = new TreeMap<>();
  private final List<String> problems = new ArrayList<>();

  private TaskIndex(Path dataRoot) {
    this.dataRoot = dataRoot.toAbsolutePath().normalize();
  }

  /** Reads the headers of every task description under the data root (a missing root gives an empty index). */
  public static TaskIndex scan(Path dataRoot) {
    TaskIndex index = new TaskIndex(dataRoot);
    Path raw = index.dataRoot.resolve(TaskFiles.RAW);
    for (Path dset : children(raw, TaskFiles.DSET_PREFIX)) {
      index.scanDataset(dset, RAW_PP);
    }
    for (Path pp : children(index.dataRoot.resolve(TaskFiles.PREPROCESSED), "")) {
      for (Path dset : children(pp, TaskFiles.DSET_PREFIX)) {
        index.scanDataset(dset, pp.getFileName().toString());
      }
    }
    return index;
  }

  private static List<Path> children(Path dir, String prefix) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isDirectory).filter(p -> p.getFileName().toString().startsWith(prefix))
          .filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not list " + dir + ": " + e.getMessage(), e);
    }
  }

  private void scanDataset(Path dset, String ppId) {
    List<Path> files;
    try (Stream<Path> s = Files.list(dset)) {
      files = s.filter(p -> TaskFiles.taskNameOf(p) != null && Files.isRegularFile(p)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not list " + dset + ": " + e.getMessage(), e);
    }
    for (Path f : files) {
      try {
        add(f, ppId);
      } catch (TaskException e) {
        LOG.warn("Skipping a task description: {}", e.getMessage());
        problems.add(e.getMessage());
      }
    }
  }

  /** Adds (or replaces) one description file, e.g. right after a task was created; returns its header. */
  public TaskHeader register(Path descriptionFile) {
    Path f = descriptionFile.toAbsolutePath().normalize();
    String ppId = RAW_PP;
    Path rel = f.startsWith(dataRoot) ? dataRoot.relativize(f) : null;
    if (rel != null && rel.getNameCount() == 4 && rel.getName(0).toString().equals(TaskFiles.PREPROCESSED)) {
      ppId = rel.getName(1).toString();
    }
    return add(f, ppId);
  }

  private synchronized TaskHeader add(Path file, String ppId) {
    TaskHeader h = TaskDescriptions.readHeader(file);
    String expected = TaskFiles.taskNameOf(file);
    if (!h.name().equals(expected)) {
      throw new TaskException(file + ": key 'name' is '" + h.name() + "' but the file name says '" + expected
          + "'; rename the file to TASK_" + h.name() + ".json or fix the name");
    }
    Entry old = entries.computeIfAbsent(h.name(), k -> new TreeMap<>()).put(ppId, new Entry(file, h));
    if (old != null && !old.file().equals(file)) {
      LOG.warn("Task '{}' ({}) is described twice: {} replaces {}", h.name(), ppId, file, old.file());
    }
    return h;
  }

  /** The data root this index describes. */
  public Path dataRoot() {
    return dataRoot;
  }

  /** Whether a raw description of {@code name} is installed. */
  public synchronized boolean contains(String name) {
    return entries.containsKey(name) && entries.get(name).containsKey(RAW_PP);
  }

  /** All installed task names (raw or preprocessed), sorted. */
  public synchronized SortedSet<String> names() {
    return Collections.unmodifiableSortedSet(new TreeSet<>(entries.keySet()));
  }

  /** The preprocessing ids a task is available in ({@code none} = raw). */
  public synchronized SortedSet<String> preprocessings(String name) {
    Map<String, Entry> byPp = entries.get(name);
    if (byPp == null) {
      throw new TaskException(unknownTaskMessage(name));
    }
    return Collections.unmodifiableSortedSet(new TreeSet<>(byPp.keySet()));
  }

  /** The raw header of a task; a clear error when it is not installed. */
  public TaskHeader header(String name) {
    return entry(name, RAW_PP).header();
  }

  /** The header of a task in a preprocessing (falling back to the raw one when that preprocessing is missing). */
  public TaskHeader header(String name, String ppId) {
    return entry(name, ppId).header();
  }

  /** The raw description file of a task. */
  public Path descriptionPath(String name) {
    return entry(name, RAW_PP).file();
  }

  /** The description file of a task in a preprocessing (falling back to raw). */
  public Path descriptionPath(String name, String ppId) {
    return entry(name, ppId).file();
  }

  // --- hook for tagged tasks (io.mml.runtime.tasks.tags) ---

  /**
   * The raw header of a possibly tagged task ({@code base+tag?arg}), creating a missing tagged variant (and its
   * missing prefixes) on first use. Tags build on this package, so the work is done by the registered
   * {@link TaskResolver} ({@code io.mml.runtime.tasks.tags.TaggedTaskResolver}).
   */
  public TaskHeader resolve(String name) {
    return resolver().resolve(this, name);
  }

  /** The one registered {@link TaskResolver}, loaded on first use (a race loads it twice: it is stateless). */
  private static TaskResolver resolver() {
    TaskResolver r = resolver;
    if (r == null) {
      List<TaskResolver> found = new ArrayList<>();
      ServiceLoader.load(TaskResolver.class, TaskIndex.class.getClassLoader()).forEach(found::add);
      if (found.size() != 1) {
        throw new IllegalStateException("Expected exactly one " + TaskResolver.class.getName() + " on the class path"
            + " (mml-runtime registers io.mml.runtime.tasks.tags.TaggedTaskResolver in META-INF/services/"
            + TaskResolver.class.getName() + "), found " + found.stream().map(x -> x.getClass().getName()).toList()
            + "; a repackaged jar must keep (and merge) the META-INF/services files");
      }
      r = found.get(0);
      resolver = r;
    }
    return r;
  }

  /** Problems met while scanning (unreadable descriptions that were skipped). */
  public synchronized List<String> problems() {
    return List.copyOf(problems);
  }

  private synchronized Entry entry(String name, String ppId) {
    Map<String, Entry> byPp = entries.get(name);
    if (byPp == null) {
      throw new TaskException(unknownTaskMessage(name));
    }
    Entry e = byPp.get(ppId);
    if (e == null && !ppId.equals(RAW_PP)) {
      e = byPp.get(RAW_PP);
      if (e != null) {
        LOG.debug("Task '{}' has no '{}' preprocessing; using the raw description", name, ppId);
      }
    }
    if (e == null) {
      throw new TaskException("Task '" + name + "' has no raw description under " + dataRoot.resolve(TaskFiles.RAW)
          + "; it exists only in preprocessing(s) " + byPp.keySet());
    }
    return e;
  }

  /** The one message for a task that is not installed: what is installed, the closest names, how to fix it. */
  public synchronized String unknownTaskMessage(String name) {
    String invalid = TaskNames.problem(name);
    if (invalid != null) {
      return "Invalid task name '" + name + "': " + invalid;
    }
    List<String> installed = new ArrayList<>(entries.keySet());
    String list = installed.isEmpty() ? "(none)" : installed.size() <= 20 ? String.join(", ", installed)
        : String.join(", ", installed.subList(0, 20)) + ", ... (" + installed.size() + " in total)";
    StringBuilder sb = new StringBuilder("Task '").append(name).append("' is not installed under ").append(dataRoot)
        .append(". Installed: ").append(list).append('.')
        .append(ConfigException.didYouMean(Names.closest(name, installed)));
    if (DemoTasks.NAMES.contains(name)) {
      sb.append(" It is a demo task: DemoTasks.ensureInstalled(dataRoot) generates it (the engine does so for tasks=demo).");
    }
    sb.append(" Create it with mml create ... or use tasks=demo.");
    if (!problems.isEmpty()) {
      sb.append(" (").append(problems.size()).append(" description file(s) could not be read: ")
          .append(problems.get(0)).append(problems.size() > 1 ? " ...)" : ")");
    }
    return sb.toString();
  }
}
