package io.mml.runtime.train;

import io.mml.runtime.data.decoded.MaskData;
import io.mml.runtime.data.Sample;
import io.mml.runtime.data.SampleBatches;
import io.mml.runtime.data.TaskDataset;
import io.mml.runtime.infer.BatchPredictor;
import io.mml.runtime.infer.ModelBinding;
import io.mml.runtime.infer.OnnxModel;
import io.mml.runtime.infer.PredictionWriter;
import io.mml.runtime.infer.TaskFit;
import io.mml.runtime.infer.TaskKind;
import io.mml.runtime.tasktype.Predictions;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * Runs a data split through an ONNX model with ONNX Runtime (batched) and collects the rows of the
 * prediction CSV and the {@link Predictions} for the metrics.
 */
public final class OnnxEvaluation {
  private OnnxEvaluation() {}

  /**
   * The outputs of one split.
   *
   * @param rows CSV rows (classification, multi-label, regression)
   * @param masks mask rows (segmentation)
   * @param predictions rows for the metrics (labelled samples only)
   */
  public record Split(List<PredictionWriter.Row> rows, List<PredictionWriter.MaskRow> masks, Predictions predictions) {}

  /** An opened model bound to a task's input and outputs. */
  public record Session(OnnxModel model, ModelBinding binding, BatchPredictor predictor) implements AutoCloseable {
    @Override
    public void close() {
      model.close();
    }
  }

  /** Opens an ONNX file for a task, checking that its inputs and outputs fit (a clear error if not). */
  public static Session open(Path onnx, String task, TaskKind kind, int channels, int height, int width,
      int numOutputs, String outputName, OnnxModel.Options options, int batchSize) {
    OnnxModel model = OnnxModel.open(onnx, options);
    try {
      ModelBinding binding = model.bind(TaskFit.of(task, kind, channels, height, width, numOutputs)
          .withOutputName(outputName));
      return new Session(model, binding, new BatchPredictor(model, binding, batchSize));
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
  }

  /** Runs one split. */
  public static Split run(Session session, TaskDataset data, String split, TaskKind kind) throws IOException {
    List<PredictionWriter.Row> rows = new ArrayList<>();
    List<PredictionWriter.MaskRow> masks = new ArrayList<>();
    Outputs outputs = new Outputs(kind);
    if (data.size() == 0) {
      return new Split(rows, masks, outputs.predictions());
    }
    try (SampleBatches it = data.sampleBatches(0, session.predictor().batchSize())) {
      while (it.hasNext()) {
        List<Sample> samples = it.next();
        var first = samples.get(0).image();
        int per = first.pixels().length;
        FloatBuffer buf = FloatBuffer.allocate(samples.size() * per);
        for (Sample s : samples) {
          buf.put(s.image().pixels());
        }
        buf.flip();
        float[][] out = session.predictor().predict(buf, samples.size(), first.channels(), first.height(),
            first.width());
        for (int i = 0; i < samples.size(); i++) {
          Sample s = samples.get(i);
          if (kind == TaskKind.SEGMENTATION) {
            masks.add(new PredictionWriter.MaskRow(split, s.sampleId(), maps(out[i], first.height(), first.width()),
                ""));
          } else {
            rows.add(new PredictionWriter.Row(split, s.sampleId(), target(s.target()), out[i]));
          }
          if (s.target() != null) {
            outputs.add(out[i], s.target());
          }
        }
      }
    }
    return new Split(rows, masks, outputs.predictions());
  }

  private static float[][][] maps(float[] flat, int h, int w) {
    int c = flat.length / (h * w);
    float[][][] m = new float[c][h][w];
    for (int k = 0; k < c; k++) {
      for (int y = 0; y < h; y++) {
        System.arraycopy(flat, (k * h + y) * w, m[k][y], 0, w);
      }
    }
    return m;
  }

  /** The target column of the CSV. */
  static String target(Object t) {
    if (t == null) {
      return "";
    }
    if (t instanceof float[] v) {
      StringJoiner j = new StringJoiner(";");
      for (int i = 0; i < v.length; i++) {
        if (v[i] >= 0.5f) {
          j.add(Integer.toString(i));
        }
      }
      return j.toString();
    }
    if (t instanceof MaskData) {
      return "";
    }
    return t.toString();
  }
}
