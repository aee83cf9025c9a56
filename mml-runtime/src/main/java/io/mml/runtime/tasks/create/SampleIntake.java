package io.mml.runtime.tasks.create;

import io.mml.runtime.tasks.TaskException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The checks of the samples handed to {@link TaskCreator#findData} that need no file: sample ids
 * present and unique over all splits, modalities known, the task type's requirements met by the
 * train and test samples (an image by the unlabelled ones), file values inside the dataset folder
 * (stored relative to it). Keeps the accepted samples, in order, for {@link SampleVerification}.
 */
final class SampleIntake {
  /** Modalities that describe a sample rather than hold its data (ignored by the requires check). */
  static final Set<String> META = Set.of("sample_id", "task");

  /** A sample accepted into {@code split}, its file values relative to the dataset folder. */
  record Accepted(String split, Sample sample) {}

  private final String task;
  private final String taskType;
  private final Path datasetDir;
  private final ModalityLookup modalities;
  private final List<Set<String>> requires;
  private final Map<String, String> splitOf = new HashMap<>();
  private final List<Accepted> accepted = new ArrayList<>();

  /**
   * Intake for the task {@code task} of type {@code taskType} whose samples lie in the (absolute,
   * normalised) {@code datasetDir}.
   */
  SampleIntake(String task, String taskType, Path datasetDir, ModalityLookup modalities, TaskTypeRules types) {
    this.task = task;
    this.taskType = taskType;
    this.datasetDir = datasetDir;
    this.modalities = modalities;
    this.requires = types.requires(taskType);
  }

  /** Checks the samples of {@code split} (null: none) and returns their entries by id, in order. */
  Map<String, Map<String, Object>> take(String split, List<Sample> samples) {
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    for (Sample s : samples == null ? List.<Sample>of() : samples) {
      if (s.id() == null || s.id().isBlank()) {
        throw new TaskException("Task '" + task + "': a " + split + " sample has no sample id" + s.where());
      }
      String other = splitOf.putIfAbsent(s.id(), split);
      if (other != null) {
        throw new TaskException("Task '" + task + "': duplicate sample id '" + s.id() + "'" + s.where()
            + " (already a " + other + " sample); sample ids must be unique");
      }
      Map<String, Object> entry = new LinkedHashMap<>();
      for (Map.Entry<String, Object> e : s.entry().entrySet()) {
        String mod = e.getKey();
        if (modalities.verifier(mod).isEmpty()) {
          throw new TaskException(s.describeIn(task, split) + ": unknown modality '" + mod + "'; known: "
              + modalities.ids());
        }
        Object v = e.getValue();
        if (v instanceof Path p) {
          v = relative(p, split, s, mod);
        }
        entry.put(mod, v);
      }
      checkRequirements(split, s, entry.keySet());
      out.put(s.id(), entry);
      accepted.add(new Accepted(split, new Sample(s.id(), entry, s.origin())));
    }
    return out;
  }

  /** Every sample accepted so far, in order. */
  List<Accepted> accepted() {
    return List.copyOf(accepted);
  }

  private void checkRequirements(String split, Sample s, Set<String> held) {
    if (!split.equals("unlabelled") && !requires.isEmpty()) {
      Set<String> mods = new HashSet<>(held);
      mods.removeAll(META);
      if (requires.stream().noneMatch(mods::containsAll)) {
        throw new TaskException(s.describeIn(task, split) + " holds " + new TreeSet<>(mods) + " but a " + taskType
            + " sample needs " + alternatives(requires));
      }
    } else if (split.equals("unlabelled") && !held.contains("image")) {
      throw new TaskException(s.describeIn(task, split) + " has no image");
    }
  }

  private static String alternatives(List<Set<String>> req) {
    List<String> parts = new ArrayList<>();
    for (Set<String> s : req) {
      parts.add(new TreeSet<>(s).toString());
    }
    return String.join(" or ", parts);
  }

  private String relative(Path p, String split, Sample s, String mod) {
    Path abs = p.toAbsolutePath().normalize();
    if (!abs.startsWith(datasetDir)) {
      throw new TaskException(s.describeIn(task, split) + ", modality '" + mod + "': file " + abs
          + " lies outside the dataset folder " + datasetDir);
    }
    return datasetDir.relativize(abs).toString().replace('\\', '/');
  }
}
