package io.mml.runtime.report;

import io.mml.runtime.tasks.TaskDescriptions;
import io.mml.runtime.tasks.TaskHeader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The test-split predictions of a single-label classification model, read from the CSV that
 * {@code predict} wrote ({@code split,sample_id,target,prediction,score_0,...}), with the task's class names.
 *
 * @param task the task
 * @param model the model
 * @param classes class index to name
 * @param rows the predictions of samples with a known target
 */
record TestPredictions(TaskData task, ModelInfo model, SortedMap<Integer, String> classes, List<Row> rows) {
  /** The task type whose predictions these are. */
  static final String CLASSIFICATION = "classification";

  /**
   * One sample.
   *
   * @param sampleId its id
   * @param target the true class index
   * @param prediction the predicted class index
   * @param confidence the predicted class's score
   */
  record Row(String sampleId, int target, int prediction, double confidence) {}

  TestPredictions {
    classes = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(classes));
    rows = List.copyOf(rows);
  }

  /** Every classification model of the run with test predictions on file, in task order. */
  static List<TestPredictions> of(RunData run) throws IOException {
    List<TestPredictions> out = new ArrayList<>();
    for (TaskData t : run.tasks()) {
      for (ModelInfo m : t.models()) {
        String file = m.predictions().get("test");
        if (!CLASSIFICATION.equals(m.taskType()) || file == null) {
          continue;
        }
        Path csv = run.files().resolve(file);
        if (Files.isRegularFile(csv)) {
          out.add(read(t, m, csv));
        }
      }
    }
    return out;
  }

  private static TestPredictions read(TaskData t, ModelInfo m, Path csv) throws IOException {
    CsvTable table = CsvTable.read(csv);
    int id = table.column("sample_id");
    int target = table.column("target");
    int prediction = table.column("prediction");
    if (id < 0 || target < 0 || prediction < 0) {
      throw new IOException("Prediction file " + csv + " has no sample_id, target and prediction columns: "
          + table.header() + ". Predict again with this version (mml predict ... reuse=current).");
    }
    List<Row> rows = new ArrayList<>();
    for (List<String> r : table.rows()) {
      if (r.get(target).isEmpty()) {
        continue;
      }
      try {
        int p = Integer.parseInt(r.get(prediction));
        int score = table.column("score_" + p);
        double confidence = score < 0 ? Double.NaN : Double.parseDouble(r.get(score));
        rows.add(new Row(r.get(id), Integer.parseInt(r.get(target)), p, confidence));
      } catch (NumberFormatException e) {
        throw new IOException("Prediction file " + csv + ": sample " + r.get(id) + " has a non-numeric target,"
            + " prediction or score (" + e.getMessage() + "). Predict again.", e);
      }
    }
    SortedMap<Integer, String> classes = new TreeMap<>();
    if (t.description() != null && Files.isRegularFile(t.description())) {
      TaskHeader h = TaskDescriptions.readHeader(t.description());
      classes.putAll(h.idxToClass());
    }
    int scores = (int) table.header().stream().filter(h -> h.startsWith("score_")).count();
    for (int i = 0; i < scores; i++) {
      classes.putIfAbsent(i, "class " + i);
    }
    return new TestPredictions(t, m, classes, rows);
  }

  /** The name of a class index. */
  String name(int index) {
    return classes.getOrDefault(index, "class " + index);
  }

  /** The number of classes (the largest of the task's class count and every index seen). */
  int numClasses() {
    int max = classes.isEmpty() ? -1 : classes.lastKey();
    for (Row r : rows) {
      max = Math.max(max, Math.max(r.target(), r.prediction()));
    }
    return max + 1;
  }

  /** Counts per (true, predicted) class. */
  long[][] confusion() {
    int k = numClasses();
    long[][] m = new long[k][k];
    for (Row r : rows) {
      m[r.target()][r.prediction()]++;
    }
    return m;
  }

  /** The share of rows predicted right (NaN without rows). */
  double accuracy() {
    return rows.isEmpty() ? Double.NaN : rows.stream().filter(r -> r.target() == r.prediction()).count()
        / (double) rows.size();
  }
}
