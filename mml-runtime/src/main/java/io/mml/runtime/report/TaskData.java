package io.mml.runtime.report;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A task of a run as the report knows it.
 *
 * @param name the task name
 * @param description its description file (absolute), or null when the run does not name one
 * @param paths the artifact paths recorded on its struct, by key (relative to the results root)
 * @param models the model storages recorded on it, by fold order
 */
public record TaskData(String name, Path description, Map<String, String> paths, List<ModelInfo> models) {
  public TaskData {
    paths = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(paths));
    models = List.copyOf(models);
  }
}
