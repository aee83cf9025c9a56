package io.mml.runtime.scheduler;

import io.mml.runtime.errors.MmlException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mml.runtime.files.AtomicFiles;
import io.mml.runtime.run.RunFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The ordered steps of a run ({@code prepare}, the routine's steps, {@code finish}), saved as
 * {@code plan.json} in the run folder before the first step runs.
 *
 * @param mode the mode id
 * @param steps the steps, in execution order
 */
public record Plan(String mode, List<Step> steps) {
  /** The plan's file name in the run folder. */
  public static final String FILE = RunFolder.PLAN;

  private static final ObjectMapper JSON = new ObjectMapper();

  public Plan {
    steps = List.copyOf(steps);
  }

  /** Wraps the routine's steps with the engine's prepare and finish steps. */
  public static Plan of(String mode, List<Step> routineSteps) {
    List<Step> all = new ArrayList<>(routineSteps.size() + 2);
    all.add(Step.once(Step.PREPARE));
    all.addAll(routineSteps);
    all.add(Step.once(Step.FINISH));
    return new Plan(mode, all);
  }

  /** The step ids, in order. */
  public List<String> ids() {
    List<String> ids = new ArrayList<>(steps.size());
    for (Step s : steps) {
      ids.add(s.id());
    }
    return Collections.unmodifiableList(ids);
  }

  /** Writes the plan atomically. */
  public void write(Path runDir) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("mode", mode);
    ArrayNode arr = root.putArray("steps");
    for (Step s : steps) {
      arr.add(s.id());
    }
    AtomicFiles.write(runDir.resolve(FILE), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
  }

  /** Reads the plan of a run folder. */
  public static Plan read(Path runDir) throws IOException {
    Path file = runDir.resolve(FILE);
    JsonNode root;
    try {
      root = JSON.readTree(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      throw new MmlException("Run folder " + runDir + " has no " + FILE
          + ": it was stopped before its plan was written. Nothing of it can be continued; start a new run.");
    }
    if (root == null || !root.has("mode") || !root.path("steps").isArray()) {
      throw new MmlException("The plan " + file + " is corrupt (expected {mode, steps}). Start a new run.");
    }
    List<Step> steps = new ArrayList<>();
    for (JsonNode n : root.get("steps")) {
      try {
        steps.add(Step.parse(n.asText()));
      } catch (IllegalArgumentException e) {
        throw new MmlException("The plan " + file + " is corrupt: " + e.getMessage() + ". Start a new run.", e);
      }
    }
    return new Plan(root.get("mode").asText(), steps);
  }

  /**
   * The first difference between this (saved) plan and another (new) one, described for a user, or
   * empty when both have the same steps in the same order.
   */
  public Optional<String> firstDifference(Plan other) {
    if (!mode.equals(other.mode)) {
      return Optional.of("the saved run is mode '" + mode + "', the new command is mode '" + other.mode + "'");
    }
    int n = Math.min(steps.size(), other.steps.size());
    for (int i = 0; i < n; i++) {
      String a = steps.get(i).id();
      String b = other.steps.get(i).id();
      if (!a.equals(b)) {
        return Optional.of("step " + (i + 1) + " is '" + a + "' in the saved plan but '" + b + "' in the new one");
      }
    }
    if (steps.size() != other.steps.size()) {
      return Optional.of(steps.size() > other.steps.size()
          ? "the saved plan has more steps; the first missing one is '" + steps.get(n).id() + "'"
          : "the new plan has more steps; the first extra one is '" + other.steps.get(n).id() + "'");
    }
    return Optional.empty();
  }
}
