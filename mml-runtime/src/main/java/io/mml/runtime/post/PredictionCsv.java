package io.mml.runtime.post;

import io.mml.runtime.data.decoded.DataFileException;
import io.mml.runtime.files.CsvLine;
import io.mml.runtime.infer.PredictionWriter;
import io.mml.runtime.infer.TaskKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes classification prediction CSVs in the format of {@link PredictionWriter}
 * ({@code split,sample_id,target,prediction,score_0,...}): the scores are probabilities, read as
 * log-probability logits ({@link ClassPredictions#fromProbabilities}); written predictions are the
 * softmax of the given logits, so a written file reads back as the same probabilities.
 */
public final class PredictionCsv {
  private PredictionCsv() {}

  /**
   * Reads a file with {@code classes} score columns; a clear error names the file, the row and the
   * fix when it is not such a file.
   */
  public static ClassPredictions read(Path file, int classes) throws IOException {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new DataFileException(file, "Cannot read prediction file " + file + ": " + e.getMessage()
          + ". Predict again (mml predict ... reuse.models=<project>).", e);
    }
    if (lines.isEmpty()) {
      throw problem(file, 1, "is empty");
    }
    List<String> header = CsvLine.split(lines.get(0), ',');
    int idCol = header.indexOf("sample_id");
    int targetCol = header.indexOf("target");
    int firstScore = header.indexOf("score_0");
    if (idCol < 0 || targetCol < 0 || firstScore < 0) {
      throw problem(file, 1, "has no sample_id, target and score_0 columns (header " + header + "); it is not a"
          + " classification prediction file");
    }
    for (int k = 0; k < classes; k++) {
      if (firstScore + k >= header.size() || !header.get(firstScore + k).equals("score_" + k)) {
        throw problem(file, 1, "has no column score_" + k + ", but the task has " + classes + " classes");
      }
    }
    if (header.size() > firstScore + classes && header.get(firstScore + classes).startsWith("score_")) {
      throw problem(file, 1, "has more than " + classes + " score columns, but the task has " + classes + " classes");
    }
    List<String> ids = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    List<double[]> probabilities = new ArrayList<>();
    for (int r = 1; r < lines.size(); r++) {
      if (lines.get(r).isBlank()) {
        continue;
      }
      List<String> f;
      try {
        f = CsvLine.split(lines.get(r), ',');
      } catch (IllegalArgumentException e) {
        throw problem(file, r + 1, "has an unterminated quote");
      }
      if (f.size() != header.size()) {
        throw problem(file, r + 1, "has " + f.size() + " fields, the header " + header.size());
      }
      String target = f.get(targetCol).strip();
      int label;
      try {
        label = target.isEmpty() ? ClassPredictions.UNLABELLED : Integer.parseInt(target);
      } catch (NumberFormatException e) {
        throw problem(file, r + 1, "has target '" + target + "', not a class index");
      }
      if (label >= classes || label < ClassPredictions.UNLABELLED) {
        throw problem(file, r + 1, "has target " + label + " outside the task's classes 0.." + (classes - 1));
      }
      double[] p = new double[classes];
      for (int k = 0; k < classes; k++) {
        try {
          p[k] = Double.parseDouble(f.get(firstScore + k));
        } catch (NumberFormatException e) {
          throw problem(file, r + 1, "has score_" + k + " '" + f.get(firstScore + k) + "', not a number");
        }
        if (!(p[k] >= 0 && p[k] <= 1)) {
          throw problem(file, r + 1, "has score_" + k + " " + p[k] + ", not a probability");
        }
      }
      ids.add(f.get(idCol));
      labels.add(label);
      probabilities.add(p);
    }
    return ClassPredictions.fromProbabilities(ids, labels.stream().mapToInt(Integer::intValue).toArray(),
        probabilities.toArray(double[][]::new));
  }

  /** Writes the predictions of one split atomically: scores are the softmax of their logits. */
  public static void write(Path file, String split, ClassPredictions predictions) {
    List<PredictionWriter.Row> rows = new ArrayList<>(predictions.size());
    double[][] logits = predictions.logits();
    for (int i = 0; i < predictions.size(); i++) {
      float[] z = new float[logits[i].length];
      for (int k = 0; k < z.length; k++) {
        z[k] = (float) logits[i][k];
      }
      int label = predictions.label(i);
      rows.add(new PredictionWriter.Row(split, predictions.sampleIds().get(i),
          label == ClassPredictions.UNLABELLED ? "" : Integer.toString(label), z));
    }
    PredictionWriter.writeCsv(file, TaskKind.CLASSIFICATION, predictions.numClasses(), rows);
  }

  private static DataFileException problem(Path file, int row, String what) {
    return new DataFileException(file, "Prediction file " + file + ": row " + row + " " + what + ". Predict the"
        + " task again (mml predict task_list=[<task>] reuse.models=<project>) or reuse another project.", null);
  }
}
