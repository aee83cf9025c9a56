package io.mml.runtime.tasks;

import java.nio.file.Path;

/**
 * Where task descriptions live in the data tree: {@code <dataRoot>/RAW/DSET_<dataset>/TASK_<name>.json},
 * preprocessed variants under {@code <dataRoot>/PREPROCESSED/<ppId>/DSET_<dataset>/TASK_<name>.json}.
 */
public final class TaskFiles {
  private TaskFiles() {}

  public static final String RAW = "RAW";
  public static final String PREPROCESSED = "PREPROCESSED";
  public static final String DOWNLOADS = "DOWNLOADS";
  public static final String DSET_PREFIX = "DSET_";
  public static final String TASK_PREFIX = "TASK_";
  public static final String TASK_SUFFIX = ".json";

  /** {@code <dataRoot>/RAW/DSET_<dataset>}. */
  public static Path rawDatasetDir(Path dataRoot, String dataset) {
    return dataRoot.resolve(RAW).resolve(DSET_PREFIX + checkDataset(dataset));
  }

  /** {@code <dataRoot>/PREPROCESSED/<ppId>/DSET_<dataset>}. */
  public static Path preprocessedDatasetDir(Path dataRoot, String ppId, String dataset) {
    if (TaskNames.baseProblem(ppId) != null) {
      throw new TaskException("Invalid preprocessing id '" + ppId + "': " + TaskNames.baseProblem(ppId));
    }
    return dataRoot.resolve(PREPROCESSED).resolve(ppId).resolve(DSET_PREFIX + checkDataset(dataset));
  }

  /** {@code <datasetDir>/TASK_<name>.json}. */
  public static Path descriptionFile(Path datasetDir, String taskName) {
    return datasetDir.resolve(TASK_PREFIX + TaskNames.check(taskName) + TASK_SUFFIX);
  }

  /** The task name of a description file name ({@code TASK_x.json} to {@code x}), or null when it is none. */
  public static String taskNameOf(Path file) {
    String n = file.getFileName().toString();
    if (!n.startsWith(TASK_PREFIX) || !n.endsWith(TASK_SUFFIX) || n.length() <= TASK_PREFIX.length() + TASK_SUFFIX.length()) {
      return null;
    }
    return n.substring(TASK_PREFIX.length(), n.length() - TASK_SUFFIX.length());
  }

  private static String checkDataset(String dataset) {
    String p = TaskNames.baseProblem(dataset);
    if (p != null) {
      throw new TaskException("Invalid dataset name '" + dataset + "': " + p);
    }
    return dataset;
  }
}
