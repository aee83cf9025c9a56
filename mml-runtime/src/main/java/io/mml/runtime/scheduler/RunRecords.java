package io.mml.runtime.scheduler;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mml.runtime.config.ComposedConfig;
import io.mml.runtime.errors.MmlException;
import io.mml.runtime.files.AtomicFiles;
import io.mml.runtime.run.Journal;
import io.mml.runtime.run.RunFolder;
import io.mml.runtime.run.StepMarkers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * What the engine writes into and reads from a run folder besides the journal: the saved config
 * and run metadata, the return value, which steps finished (journal and cluster markers), and the
 * check that a continued run has the saved plan.
 */
final class RunRecords {
  private static final ObjectMapper JSON = new ObjectMapper();

  private RunRecords() {}

  static void writeRunFiles(Path runDir, ComposedConfig composed, String mode, String runId)
      throws IOException {
    RunFolder folder = new RunFolder(runDir);
    AtomicFiles.write(folder.config(), Engine.YAML.writeValueAsBytes(composed.config().tree()));
    ObjectNode run = JSON.createObjectNode();
    run.put("run_id", runId);
    run.put("mode", mode);
    run.putPOJO("overrides", composed.overrides());
    run.putPOJO("choices", new LinkedHashMap<>(composed.choices()));
    run.put("pid", ProcessHandle.current().pid());
    AtomicFiles.write(folder.runFile(), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(run));
  }

  static void writeReturnValue(Path runDir, Optional<Double> rv) throws IOException {
    if (rv.isPresent()) {
      ObjectNode n = JSON.createObjectNode();
      double v = rv.get();
      // Like mml: an infinite objective is saved as a large finite number so optimisers can read it.
      n.put("value", Double.isInfinite(v) ? Math.copySign(1e5, v) : v);
      AtomicFiles.write(new RunFolder(runDir).returnValue(), JSON.writeValueAsBytes(n));
    }
  }

  static Optional<Double> readReturnValue(Path runDir) throws IOException {
    Path f = new RunFolder(runDir).returnValue();
    if (!Files.exists(f)) {
      return Optional.empty();
    }
    return Optional.of(JSON.readTree(f.toFile()).path("value").asDouble());
  }

  static Set<String> finishedSteps(Path runDir) throws IOException {
    Set<String> done = new LinkedHashSet<>();
    for (Journal.Entry e : Journal.latestByStep(Journal.read(runDir)).values()) {
      if (e.status() == Journal.Status.DONE) {
        done.add(e.step());
      }
    }
    // Steps run as cluster jobs: their markers are the truth (the journal is written by one process at a time).
    if (StepMarkers.any(runDir)) {
      done.addAll(StepMarkers.done(runDir, Plan.read(runDir).ids()));
    }
    return done;
  }

  static void checkPlan(Path runDir, Plan plan, String runId) throws IOException {
    Plan saved = Plan.read(runDir);
    Optional<String> diff = saved.firstDifference(plan);
    if (diff.isPresent()) {
      throw new MmlException("Cannot continue run " + runId + ": its plan differs from this command's: "
          + diff.get() + ". Continue with the same mode, tasks and subroutines as the original command, or start"
          + " a new run (drop continue=).");
    }
  }

}
