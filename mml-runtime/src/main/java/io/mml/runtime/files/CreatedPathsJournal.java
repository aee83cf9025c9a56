package io.mml.runtime.files;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mml.runtime.files.FileManager.CreatedPath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A run's journal of the files it claimed ({@code <run>/created_paths.jsonl}, one JSON object per
 * line: key, task, step and the path as stored relative to the results root). Claims are tagged
 * with the step running when they were made, so a continued run can discard what a step killed
 * half-way left behind. Each claim is one {@link AtomicFiles#appendLine}, so concurrent writers
 * never interleave inside a line; a torn last line from a crash is skipped on reading.
 */
final class CreatedPathsJournal {
  /** Logged as the {@link FileManager}, whose behaviour this is. */
  private static final Logger LOG = LoggerFactory.getLogger(FileManager.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  private final ResultsRootPaths paths;
  private final Object lock = new Object();
  private volatile String currentStep;

  CreatedPathsJournal(Path runDir, ResultsRootPaths paths) {
    this.file = runDir.resolve(FileManager.CREATED_PATHS);
    this.paths = paths;
  }

  /** Claims recorded from now on belong to {@code stepId}. */
  void beginStep(String stepId) {
    this.currentStep = stepId;
  }

  /** Appends one claim, tagged with the current step. */
  void record(String key, String task, Path path) {
    ObjectNode line = JSON.createObjectNode();
    line.put("key", key);
    if (task != null) {
      line.put("task", task);
    }
    String step = currentStep;
    if (step != null) {
      line.put("step", step);
    }
    line.put("path", paths.storable(path));
    synchronized (lock) {
      AtomicFiles.appendLine(file, line.toString());
    }
  }

  /** The recorded claims, in creation order (unreadable lines are logged and skipped). */
  List<CreatedPath> read() {
    List<CreatedPath> out = new ArrayList<>();
    if (!Files.exists(file)) {
      return out;
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + file + ": " + e.getMessage(), e);
    }
    int no = 0;
    for (String line : lines) {
      no++;
      if (line.isBlank()) {
        continue;
      }
      try {
        JsonNode n = JSON.readTree(line);
        String p = n.path("path").asText();
        Path path = Path.of(p).isAbsolute() ? Path.of(p) : paths.resolve(p);
        out.add(new CreatedPath(n.path("key").asText(), n.hasNonNull("task") ? n.get("task").asText() : null, path,
            n.hasNonNull("step") ? n.get("step").asText() : null));
      } catch (JsonProcessingException | IllegalArgumentException e) {
        LOG.warn("{}:{}: skipping an unreadable line ({})", file, no, e.getMessage());
      }
    }
    return out;
  }

  /** Deletes the claims of steps not in {@code finishedSteps} (claims made outside a step are kept). */
  List<Path> discardUnfinished(Set<String> finishedSteps) {
    List<Path> deleted = new ArrayList<>();
    for (CreatedPath c : read()) {
      if (c.step() == null || finishedSteps.contains(c.step())) {
        continue;
      }
      try {
        if (Files.deleteIfExists(c.path())) {
          deleted.add(c.path());
          LOG.info("Discarded {} left by the unfinished step {}", c.path(), c.step());
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Could not delete " + c.path() + ", left by the unfinished step " + c.step()
            + ": " + e.getMessage() + ". Delete it by hand and continue again.", e);
      }
    }
    return deleted;
  }
}
