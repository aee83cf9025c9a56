package io.mml.runtime.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mml.runtime.files.FileManager;
import io.mml.runtime.run.Journal;
import io.mml.runtime.run.RunFolder;
import io.mml.runtime.run.StepMarkers;
import io.mml.runtime.scheduler.Plan;
import io.mml.runtime.train.ModelStorage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads a run folder into {@link RunData}: plan, journal, step markers, run metadata, config, tasks, models. */
public final class RunReader {
  private static final Logger LOG = LoggerFactory.getLogger(RunReader.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern MODEL_KEY = Pattern.compile("model_fold_\\d+");
  /** Lines of a failure's stack trace the report keeps. */
  static final int TRACE_LINES = 40;

  private RunReader() {}

  /** Reads the run folder of {@code files} ({@link FileManager#runDir()}). */
  public static RunData read(FileManager files) throws IOException {
    Path dir = files.runDir();
    RunFolder folder = new RunFolder(dir);
    Plan plan = Plan.read(dir);
    List<String> ids = plan.ids();
    StepTimeline timeline = StepTimeline.of(ids, Journal.read(dir),
        StepMarkers.any(dir) ? StepMarkers.readAll(dir, ids) : Map.of());
    JsonNode run = Files.exists(folder.runFile()) ? JSON.readTree(folder.runFile().toFile()) : JSON.nullNode();
    List<String> overrides = new ArrayList<>();
    run.path("overrides").forEach(n -> overrides.add(n.asText()));
    Map<String, String> choices = new LinkedHashMap<>();
    run.path("choices").fields().forEachRemaining(f -> choices.put(f.getKey(), f.getValue().asText()));
    String configYaml = Files.exists(folder.config()) ? Files.readString(folder.config(), StandardCharsets.UTF_8) : "";
    Optional<Double> rv = Files.exists(folder.returnValue())
        ? Optional.of(JSON.readTree(folder.returnValue().toFile()).path("value").asDouble()) : Optional.empty();
    String runId = run.path("run_id").asText(dir.getParent().getFileName() + "/" + dir.getFileName());
    return new RunData(dir, runId, files.project(), run.path("mode").asText(plan.mode()), overrides, choices,
        configYaml, timeline, tasks(folder, files), files.createdPaths(), failures(dir, ids, folder),
        rv, files);
  }

  private static List<TaskData> tasks(RunFolder folder, FileManager files) throws IOException {
    List<TaskData> out = new ArrayList<>();
    if (!Files.exists(folder.structs())) {
      return out;
    }
    JsonNode dump = JSON.readTree(folder.structs().toFile());
    for (Iterator<Map.Entry<String, JsonNode>> it = dump.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> t = it.next();
      JsonNode d = t.getValue().path("description");
      Path description = d.isTextual() ? files.dataRoot().resolve(d.asText()).normalize() : null;
      Map<String, String> paths = new LinkedHashMap<>();
      t.getValue().path("paths").fields().forEachRemaining(f -> paths.put(f.getKey(), f.getValue().asText()));
      List<ModelInfo> models = new ArrayList<>();
      for (Map.Entry<String, String> p : paths.entrySet()) {
        if (MODEL_KEY.matcher(p.getKey()).matches()) {
          model(files, p.getValue()).ifPresent(models::add);
        }
      }
      out.add(new TaskData(t.getKey(), description, paths, models));
    }
    return out;
  }

  /** A model storage by its path relative to the results root; empty (with a warning) when it cannot be read. */
  static Optional<ModelInfo> model(FileManager files, String relative) {
    try {
      Path file = files.resolve(relative);
      return Optional.of(ModelInfo.of(file, relative, ModelStorage.read(file).json()));
    } catch (IOException | RuntimeException e) {
      LOG.warn("Report: skipping model storage {} ({})", relative, e.getMessage());
      return Optional.empty();
    }
  }

  private static Map<String, String> failures(Path dir, List<String> ids, RunFolder folder) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    if (!Files.isDirectory(dir.resolve(RunFolder.FAILURES))) {
      return out;
    }
    for (String id : ids) {
      Path f = folder.failureFile(id);
      if (Files.isRegularFile(f)) {
        try (Stream<String> lines = Files.lines(f, StandardCharsets.UTF_8)) {
          out.put(id, String.join("\n", lines.limit(TRACE_LINES).toList()));
        }
      }
    }
    return out;
  }
}
