package io.mml.runtime.tasks;

import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The in-run handle of one task: its header, where its description and data live, and the
 * artifact paths steps record on it (persisted in {@code task_dump.json} after every step).
 * The full description (all samples) is loaded only when {@link #description()} is first called.
 * Thread-safe.
 */
public final class TaskStruct {
  private final String name;
  private final TaskHeader header;
  private final Path descriptionPath;
  private final Path datasetDir;
  private final Map<String, Path> paths = new TreeMap<>();
  private volatile TaskDescription description;

  /**
   * @param name the task name (may differ from the header's name for virtual duplicates)
   * @param header the header of its description
   * @param descriptionPath the {@code TASK_<name>.json} file; its folder is the dataset folder
   */
  public TaskStruct(String name, TaskHeader header, Path descriptionPath) {
    this.name = TaskNames.check(name);
    this.header = header;
    this.descriptionPath = descriptionPath.toAbsolutePath().normalize();
    this.datasetDir = this.descriptionPath.getParent();
  }

  /** A struct for an installed task, from the index. */
  public static TaskStruct of(TaskIndex index, String name) {
    return new TaskStruct(name, index.header(name), index.descriptionPath(name));
  }

  public String name() {
    return name;
  }

  public TaskHeader header() {
    return header;
  }

  public Path descriptionPath() {
    return descriptionPath;
  }

  /** The dataset folder sample paths are relative to. */
  public Path datasetDir() {
    return datasetDir;
  }

  /** The full description, read on first use and kept. */
  public TaskDescription description() {
    TaskDescription d = description;
    if (d == null) {
      synchronized (this) {
        d = description;
        if (d == null) {
          d = TaskDescriptions.read(descriptionPath);
          description = d;
        }
      }
    }
    return d;
  }

  /**
   * The absolute paths of every image of the task (train, test, then unlabelled samples), in
   * description order.
   */
  public java.util.List<Path> imagePaths() {
    TaskDescription d = description();
    java.util.List<Path> out = new java.util.ArrayList<>();
    for (Map<String, Map<String, Object>> split : java.util.List.of(d.trainSamples(), d.testSamples(),
        d.unlabelledSamples())) {
      for (Map<String, Object> sample : split.values()) {
        Object image = sample.get("image");
        if (image != null) {
          out.add(resolveSample(image.toString()));
        }
      }
    }
    return out;
  }

  /** The absolute path of a sample file given relative to the dataset folder; refuses escapes. */
  public Path resolveSample(String relative) {
    String problem = SamplePaths.problem(relative);
    if (problem != null) {
      throw new TaskException("Task '" + name + "': sample path '" + relative + "' " + problem);
    }
    Path p = datasetDir.resolve(relative.replace('\\', '/')).normalize();
    if (!p.startsWith(datasetDir)) {
      throw new TaskException("Task '" + name + "': sample path '" + relative + "' escapes " + datasetDir);
    }
    return p;
  }

  /** A snapshot of the recorded artifact paths (absolute), by key. */
  public synchronized Map<String, Path> paths() {
    return Collections.unmodifiableMap(new TreeMap<>(paths));
  }

  public synchronized Optional<Path> path(String key) {
    return Optional.ofNullable(paths.get(key));
  }

  /** Records an artifact path (stored absolute and normalised). */
  public synchronized void putPath(String key, Path path) {
    paths.put(key, path.toAbsolutePath().normalize());
  }

  /** Forgets an artifact path. */
  public synchronized void removePath(String key) {
    paths.remove(key);
  }

  @Override
  public String toString() {
    return "TaskStruct[" + name + ", " + header.taskType() + ", " + descriptionPath + "]";
  }
}
