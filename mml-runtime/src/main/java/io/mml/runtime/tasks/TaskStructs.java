package io.mml.runtime.tasks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mml.runtime.config.ConfigException;
import io.mml.runtime.config.Names;
import io.mml.runtime.files.AtomicFiles;
import io.mml.runtime.files.FileManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The task structs of one run, in task-list order; dumped to {@code task_dump.json} after each step
 * (paths relative to the results root) and loaded again when a run continues.
 */
public final class TaskStructs {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Map<String, TaskStruct> byName = new LinkedHashMap<>();

  /** Adds a struct; a second struct with the same name is an error. */
  public synchronized void add(TaskStruct s) {
    if (byName.containsKey(s.name())) {
      throw new IllegalArgumentException("Task struct '" + s.name() + "' is already in this run");
    }
    byName.put(s.name(), s);
  }

  /** The struct of a task; an error naming the tasks of this run and the closest names otherwise. */
  public synchronized TaskStruct get(String name) {
    TaskStruct s = byName.get(name);
    if (s == null) {
      throw new IllegalArgumentException("No task struct '" + name + "' in this run."
          + ConfigException.didYouMean(Names.closest(String.valueOf(name), byName.keySet()))
          + " Tasks of this run: " + (byName.isEmpty() ? "(none)" : String.join(", ", byName.keySet())));
    }
    return s;
  }

  public synchronized boolean contains(String name) {
    return byName.containsKey(name);
  }

  public synchronized List<TaskStruct> all() {
    return new ArrayList<>(byName.values());
  }

  public synchronized List<String> names() {
    return new ArrayList<>(byName.keySet());
  }

  public synchronized int size() {
    return byName.size();
  }

  /**
   * Writes {@code {name: {description: <relative to data root>, paths: {key: <relative to results root>}}}}
   * atomically.
   */
  public void dump(Path file, FileManager fm) {
    ObjectNode root = JSON.createObjectNode();
    for (TaskStruct s : all()) {
      ObjectNode node = root.putObject(s.name());
      Path desc = s.descriptionPath();
      if (desc.startsWith(fm.dataRoot())) {
        node.put("description", fm.dataRoot().relativize(desc).toString().replace('\\', '/'));
      }
      ObjectNode paths = node.putObject("paths");
      s.paths().forEach((k, p) -> paths.put(k, fm.relativize(p)));
    }
    try {
      AtomicFiles.write(file, JSON.writeValueAsBytes(root));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Could not serialise the task structs: " + e.getMessage(), e);
    }
  }

  /** Restores the structs of a dump; headers come from the recorded description (else from the index). */
  public static TaskStructs load(Path file, TaskIndex index, FileManager fm) {
    JsonNode root;
    try {
      root = JSON.readTree(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      throw new TaskException("Task dump " + file + " does not exist");
    } catch (IOException e) {
      throw new TaskException("Task dump " + file + " is corrupt (" + e.getMessage().lines().findFirst().orElse("")
          + "); delete it to rebuild the task structs from scratch", e);
    }
    if (root == null || !root.isObject()) {
      throw new TaskException("Task dump " + file + " is corrupt: expected a JSON object of task name to struct");
    }
    TaskStructs out = new TaskStructs();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> e = it.next();
      String name = e.getKey();
      JsonNode node = e.getValue();
      JsonNode paths = node.get("paths");
      if (!node.isObject() || paths == null || !paths.isObject()) {
        throw new TaskException("Task dump " + file + " is corrupt: task '" + name
            + "' must be an object with a 'paths' object");
      }
      TaskStruct s;
      JsonNode desc = node.get("description");
      if (desc != null && desc.isTextual()) {
        Path d = resolveInside(fm.dataRoot(), desc.asText(), file, name);
        s = new TaskStruct(name, TaskDescriptions.readHeader(d), d);
      } else {
        s = TaskStruct.of(index, name);
      }
      for (Iterator<Map.Entry<String, JsonNode>> p = paths.fields(); p.hasNext();) {
        Map.Entry<String, JsonNode> pe = p.next();
        if (!pe.getValue().isTextual()) {
          throw new TaskException("Task dump " + file + " is corrupt: task '" + name + "', path key '" + pe.getKey()
              + "' must be a string");
        }
        try {
          s.putPath(pe.getKey(), fm.resolve(pe.getValue().asText()));
        } catch (IllegalArgumentException bad) {
          throw new TaskException("Task dump " + file + ": task '" + name + "', path key '" + pe.getKey() + "': "
              + bad.getMessage(), bad);
        }
      }
      out.add(s);
    }
    return out;
  }

  private static Path resolveInside(Path root, String relative, Path file, String task) {
    String problem = SamplePaths.problem(relative);
    if (problem != null) {
      throw new TaskException("Task dump " + file + ": task '" + task + "': description '" + relative + "' " + problem);
    }
    return root.resolve(relative).normalize();
  }
}
