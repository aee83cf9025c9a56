package io.mml.runtime.tasks.create;

import io.mml.runtime.modality.VerifyContext;
import io.mml.runtime.tasks.TaskDescriptions;
import io.mml.runtime.tasks.TaskException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Verifies every accepted sample's values with their modalities' verifiers, in parallel, and keeps
 * what the verification found: the class amounts each sample's verifiers counted, their sums over
 * the training samples, and the file suffixes seen per modality. The first failure in sample order
 * is thrown, so the same input always gives the same error.
 */
final class SampleVerification {
  private final String task;
  private final Path datasetDir;
  private final SortedMap<Integer, String> idxToClass;
  private final ModalityLookup modalities;
  private final Map<String, Map<String, Double>> classesOf = new HashMap<>();
  private final Map<String, Double> trainClassOcc = new LinkedHashMap<>();
  private final Map<String, Set<String>> suffixes = new TreeMap<>();

  private SampleVerification(String task, Path datasetDir, SortedMap<Integer, String> idxToClass,
      ModalityLookup modalities) {
    this.task = task;
    this.datasetDir = datasetDir;
    this.idxToClass = idxToClass;
    this.modalities = modalities;
  }

  /**
   * Verifies {@code samples} of the task {@code task} with {@code workers} threads; sample files
   * lie in {@code datasetDir}, class indexes are those of {@code idxToClass}.
   */
  static SampleVerification run(String task, Path datasetDir, SortedMap<Integer, String> idxToClass,
      ModalityLookup modalities, int workers, List<SampleIntake.Accepted> samples) {
    SampleVerification v = new SampleVerification(task, datasetDir, idxToClass, modalities);
    List<Map<String, Double>> counts = ParallelWork.map(samples, workers, "mml-verify", "verifying samples",
        v::verify);
    for (int i = 0; i < samples.size(); i++) {
      v.record(samples.get(i), counts.get(i));
    }
    return v;
  }

  /** The class amounts counted for the sample {@code id} (empty when none), by class name. */
  Map<String, Double> classesOf(String id) {
    return classesOf.getOrDefault(id, Map.of());
  }

  /** The amount of class {@code className} over the training samples (0 when none). */
  double trainOccurrence(String className) {
    return trainClassOcc.getOrDefault(className, 0.0);
  }

  /** The file suffixes (lower case, with the dot) seen per modality, by modality id. */
  Map<String, List<String>> suffixes() {
    Map<String, List<String>> out = new LinkedHashMap<>();
    suffixes.forEach((k, v) -> out.put(k, List.copyOf(v)));
    return out;
  }

  private void record(SampleIntake.Accepted a, Map<String, Double> counts) {
    classesOf.put(a.sample().id(), counts);
    if (a.split().equals("train")) {
      counts.forEach((k, v) -> trainClassOcc.merge(k, v, Double::sum));
    }
    for (Map.Entry<String, Object> e : a.sample().entry().entrySet()) {
      Set<String> seen = suffixes.computeIfAbsent(e.getKey(), k -> new TreeSet<>());
      if (TaskDescriptions.PATH_MODALITIES.contains(e.getKey()) && e.getValue() instanceof String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        if (dot > 0) {
          seen.add(name.substring(dot).toLowerCase(Locale.ROOT));
        }
      }
    }
  }

  /** Verifies one sample; returns the class amounts its verifiers counted. */
  private Map<String, Double> verify(SampleIntake.Accepted a) {
    Sample s = a.sample();
    Map<String, Double> counts = new TreeMap<>();
    VerifyContext ctx = new VerifyContext() {
      @Override
      public String task() {
        return task;
      }

      @Override
      public String split() {
        return a.split();
      }

      @Override
      public String sampleId() {
        return s.id();
      }

      @Override
      public Path datasetDir() {
        return datasetDir;
      }

      @Override
      public SortedMap<Integer, String> idxToClass() {
        return idxToClass;
      }

      @Override
      public void countClass(String className, double amount) {
        counts.merge(className, amount, Double::sum);
      }

      @Override
      public RuntimeException fail(String modality, String problem) {
        return new TaskException(s.describeIn(task, a.split()) + ", modality '" + modality + "': " + problem);
      }
    };
    for (Map.Entry<String, Object> e : s.entry().entrySet()) {
      modalities.verifier(e.getKey()).orElseThrow().verify(ctx, e.getValue());
    }
    return counts;
  }
}
