package io.mml.runtime.report;

import io.mml.runtime.files.FileManager;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a run report shows, read once from a run folder by {@link RunReader}; sections read
 * larger files (predictions, images) themselves, through {@link #files()}.
 *
 * @param dir the run folder
 * @param runId the run id
 * @param project the project name
 * @param mode the mode id
 * @param overrides the command line's overrides
 * @param choices the config group options
 * @param configYaml the composed configuration as saved ({@code config.yaml})
 * @param timeline the steps and invocations
 * @param tasks the tasks, in task-list order
 * @param created the artifacts the run claimed
 * @param failures stack traces of failed steps: step id to the trace's first lines
 * @param returnValue the run's return value, if set
 * @param files the run's file manager (resolves paths relative to the results root)
 */
public record RunData(Path dir, String runId, String project, String mode, List<String> overrides,
    Map<String, String> choices, String configYaml, StepTimeline timeline, List<TaskData> tasks,
    List<FileManager.CreatedPath> created, Map<String, String> failures, Optional<Double> returnValue,
    FileManager files) {

  public RunData {
    overrides = List.copyOf(overrides);
    choices = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(choices));
    tasks = List.copyOf(tasks);
    created = List.copyOf(created);
    failures = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(failures));
  }

  /** The files the run claimed under a path key, in creation order. */
  public List<Path> created(String key) {
    return created.stream().filter(c -> key.equals(c.key())).map(FileManager.CreatedPath::path).toList();
  }

  /** Every model storage of the run's tasks. */
  public List<ModelInfo> models() {
    return tasks.stream().flatMap(t -> t.models().stream()).toList();
  }
}
