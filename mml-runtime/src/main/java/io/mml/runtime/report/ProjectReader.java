package io.mml.runtime.report;

import io.mml.runtime.files.FileManager;
import io.mml.runtime.files.RunDirs;
import io.mml.runtime.run.RunFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** Reads every run and every model storage of a project into {@link ProjectData}. */
public final class ProjectReader {
  /** The folder of model storages in a project. */
  static final String MODELS = "MODELS";

  private ProjectReader() {}

  /**
   * Reads the project of {@code files}; the run of {@code files} itself is left out (the {@code report}
   * mode's own run, still running while it writes the project report).
   */
  public static ProjectData read(FileManager files) throws IOException {
    Path project = files.projectDir();
    List<RunEntry> runs = new ArrayList<>();
    Map<String, String> modelRuns = new HashMap<>();
    for (String id : RunDirs.list(project)) {
      Path dir = project.resolve(RunDirs.RUNS).resolve(id).toAbsolutePath().normalize();
      if (dir.equals(files.runDir())) {
        continue;
      }
      runs.add(entry(files, id, dir, modelRuns));
    }
    List<ModelInfo> models = new ArrayList<>();
    Path modelDir = project.resolve(MODELS);
    if (Files.isDirectory(modelDir)) {
      try (Stream<Path> s = Files.walk(modelDir, 2)) {
        for (Path p : s.filter(f -> f.toString().endsWith(".json") && Files.isRegularFile(f)).sorted().toList()) {
          RunReader.model(files, files.relativize(p)).ifPresent(models::add);
        }
      }
    }
    return new ProjectData(files.project(), project, runs, models, modelRuns);
  }

  private static RunEntry entry(FileManager files, String id, Path dir, Map<String, String> modelRuns) {
    try {
      RunData run = RunReader.read(files.forRun(dir));
      for (Path p : run.created("models")) {
        modelRuns.put(files.relativize(p), id);
      }
      StepTimeline t = run.timeline();
      Path report = new RunFolder(dir).report();
      return new RunEntry(id, run.mode(), t.overall(), t.counts(), t.steps().size(), t.firstStart(),
          Numbers.between(t.firstStart(), t.lastEnd()), run.tasks().size(), run.returnValue(),
          Files.isRegularFile(report) ? files.projectDir().relativize(report).toString().replace('\\', '/') : null,
          null);
    } catch (IOException | RuntimeException e) {
      return new RunEntry(id, "", "unreadable", Map.of(), 0, null, Double.NaN, 0, Optional.empty(), null,
          String.valueOf(e.getMessage()));
    }
  }
}
