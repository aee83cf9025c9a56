package io.mml.runtime.tasks;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The in-run handle of one task: its header and the artifact paths steps record on it. (Placeholder.) */
public final class TaskStruct {
  private final String name;
  private final TaskHeader header;
  private final Path descriptionPath;
  private final Map<String, Path> paths = new TreeMap<>();

  public TaskStruct(String name, TaskHeader header, Path descriptionPath) {
    this.name = name;
    this.header = header;
    this.descriptionPath = descriptionPath;
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

  public synchronized Map<String, Path> paths() {
    return Map.copyOf(paths);
  }

  public synchronized Optional<Path> path(String key) {
    return Optional.ofNullable(paths.get(key));
  }

  public synchronized void putPath(String key, Path path) {
    paths.put(key, path.toAbsolutePath().normalize());
  }
}
