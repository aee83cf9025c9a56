package io.mml.runtime.report;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a project report shows, read by {@link ProjectReader}.
 *
 * @param project the project name
 * @param dir the project folder
 * @param runs its runs, oldest first
 * @param models every model storage of the project
 * @param modelRuns storage path (relative to the results root) to the run that wrote it
 */
public record ProjectData(String project, Path dir, List<RunEntry> runs, List<ModelInfo> models,
    Map<String, String> modelRuns) {
  public ProjectData {
    runs = List.copyOf(runs);
    models = List.copyOf(models);
    modelRuns = Map.copyOf(modelRuns);
  }
}
