package io.mml.runtime.infer;

import io.mml.runtime.files.AtomicFiles;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import javax.imageio.ImageIO;

/**
 * Writes predictions, atomically ({@link AtomicFiles}) and deterministically (Locale.ROOT, fixed
 * digits, rows in the order added).
 *
 * <p>Classification, multilabel and regression: one CSV,
 * {@code split,sample_id,target,prediction,score_0,...,score_{C-1}}.
 * <ul>
 *   <li>classification: prediction = argmax class index, scores = softmax of the logits;
 *   <li>multilabel: prediction = the class indices with sigmoid >= 0.5, joined by {@code ;}
 *       (empty when none), scores = sigmoid of the logits;
 *   <li>regression: header {@code split,sample_id,target,prediction}, prediction = the model's
 *       value (several values joined by {@code ;}), no scores.
 * </ul>
 * Scores are written with 6 decimals ({@code 0.012346}), regression values with 8 significant
 * digits ({@code %.8g}). Targets are written as given (empty when unknown). Fields holding a
 * comma, quote or line break are quoted (RFC 4180).
 *
 * <p>Segmentation: one 8-bit grey PNG per sample whose pixel values are the argmax class indices,
 * under {@code masks/<split>/<sample_id>.png}, plus {@code index.csv} with
 * {@code split,sample_id,mask_path,target_path} (mask paths relative to the folder).
 */
public final class PredictionWriter {
  /** Multilabel decision threshold on the sigmoid. */
  public static final float MULTILABEL_THRESHOLD = 0.5f;

  private PredictionWriter() {}

  /**
   * One sample's prediction.
   *
   * @param split the split (train, val, test, ...)
   * @param sampleId the sample id
   * @param target the true target as text (class index, {@code ;}-joined indices, value), or empty
   * @param outputs the model outputs for the sample (logits, or values for regression)
   */
  public record Row(String split, String sampleId, String target, float[] outputs) {
    public Row {
      Objects.requireNonNull(split, "split");
      Objects.requireNonNull(sampleId, "sampleId");
      target = target == null ? "" : target;
      Objects.requireNonNull(outputs, "outputs");
    }
  }

  /**
   * One segmentation sample.
   *
   * @param split the split
   * @param sampleId the sample id
   * @param scores the score maps [classes][H][W] (logits or probabilities: only argmax is used)
   * @param targetPath the path of the true mask as stored in the task (or empty)
   */
  public record MaskRow(String split, String sampleId, float[][][] scores, String targetPath) {
    public MaskRow {
      Objects.requireNonNull(split, "split");
      Objects.requireNonNull(sampleId, "sampleId");
      Objects.requireNonNull(scores, "scores");
      targetPath = targetPath == null ? "" : targetPath;
    }
  }

  /** The CSV text for {@code rows} (all with {@code numOutputs} outputs). */
  public static String csv(TaskKind kind, int numOutputs, List<Row> rows) {
    if (kind == TaskKind.SEGMENTATION) {
      throw new IllegalArgumentException("segmentation predictions are masks: use writeMasks");
    }
    StringBuilder sb = new StringBuilder(64 + rows.size() * (32 + 10 * numOutputs));
    sb.append("split,sample_id,target,prediction");
    if (kind != TaskKind.REGRESSION) {
      for (int i = 0; i < numOutputs; i++) {
        sb.append(",score_").append(i);
      }
    }
    sb.append('\n');
    for (Row r : rows) {
      if (r.outputs().length != numOutputs) {
        throw new IllegalArgumentException("sample " + r.sampleId() + " has " + r.outputs().length
            + " outputs, expected " + numOutputs);
      }
      sb.append(field(r.split())).append(',').append(field(r.sampleId())).append(',').append(field(r.target()))
          .append(',');
      switch (kind) {
        case CLASSIFICATION -> {
          float[] p = BatchPredictor.softmax(r.outputs());
          sb.append(BatchPredictor.argmax(p));
          appendScores(sb, p);
        }
        case MULTILABEL -> {
          float[] p = BatchPredictor.sigmoid(r.outputs());
          StringBuilder labels = new StringBuilder();
          for (int i = 0; i < p.length; i++) {
            if (p[i] >= MULTILABEL_THRESHOLD) {
              labels.append(labels.length() == 0 ? "" : ";").append(i);
            }
          }
          sb.append(labels);
          appendScores(sb, p);
        }
        case REGRESSION -> {
          float[] v = r.outputs();
          for (int i = 0; i < v.length; i++) {
            sb.append(i == 0 ? "" : ";").append(value(v[i]));
          }
        }
        default -> throw new IllegalStateException(kind.toString());
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  /** Writes {@link #csv} to {@code file} atomically. */
  public static void writeCsv(Path file, TaskKind kind, int numOutputs, List<Row> rows) {
    AtomicFiles.writeString(file, csv(kind, numOutputs, rows));
  }

  /**
   * Writes one mask PNG per row under {@code dir/masks/<split>/} and {@code dir/index.csv}; returns
   * the index file. Class indices must fit in 8 bits (at most 256 classes).
   */
  public static Path writeMasks(Path dir, List<MaskRow> rows) {
    StringBuilder index = new StringBuilder("split,sample_id,mask_path,target_path\n");
    Set<String> used = new HashSet<>();
    List<String> names = new ArrayList<>(rows.size());
    for (MaskRow r : rows) {
      String base = "masks/" + safeName(r.split()) + "/" + safeName(r.sampleId());
      String rel = base + ".png";
      for (int k = 2; !used.add(rel); k++) {
        rel = base + "_" + k + ".png"; // two ids that sanitise to the same name
      }
      names.add(rel);
    }
    for (int i = 0; i < rows.size(); i++) {
      MaskRow r = rows.get(i);
      String rel = names.get(i);
      AtomicFiles.write(dir.resolve(rel), png(argmaxMask(r.scores(), r.sampleId())));
      index.append(field(r.split())).append(',').append(field(r.sampleId())).append(',').append(field(rel))
          .append(',').append(field(r.targetPath())).append('\n');
    }
    Path indexFile = dir.resolve("index.csv");
    AtomicFiles.writeString(indexFile, index.toString());
    return indexFile;
  }

  /** Per-pixel argmax over the class axis of [classes][H][W] scores. */
  public static int[][] argmaxMask(float[][][] scores, String sampleId) {
    int k = scores.length;
    if (k == 0) {
      throw new IllegalArgumentException("sample " + sampleId + ": no score maps");
    }
    if (k > 256) {
      throw new InferException("sample " + sampleId + ": " + k + " classes do not fit in an 8-bit mask (at most 256)");
    }
    int h = scores[0].length;
    int w = h == 0 ? 0 : scores[0][0].length;
    int[][] mask = new int[h][w];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int best = 0;
        float bv = scores[0][y][x];
        for (int c = 1; c < k; c++) {
          float v = scores[c][y][x];
          if (v > bv) {
            bv = v;
            best = c;
          }
        }
        mask[y][x] = best;
      }
    }
    return mask;
  }

  /** An 8-bit grey PNG of {@code mask} (values 0..255). */
  public static byte[] png(int[][] mask) {
    int h = mask.length;
    int w = h == 0 ? 0 : mask[0].length;
    if (h == 0 || w == 0) {
      throw new IllegalArgumentException("empty mask");
    }
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
    WritableRaster raster = img.getRaster();
    for (int y = 0; y < h; y++) {
      raster.setPixels(0, y, w, 1, mask[y]);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(img, "png", bytes)) {
        throw new IllegalStateException("no PNG writer");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** A file-name-safe form of an id: characters other than letters, digits, '.', '-', '_' become '_'. */
  static String safeName(String id) {
    StringBuilder sb = new StringBuilder(id.length());
    for (int i = 0; i < id.length(); i++) {
      char ch = id.charAt(i);
      boolean ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '.'
          || ch == '-' || ch == '_';
      sb.append(ok ? ch : '_');
    }
    String s = sb.toString();
    return s.isEmpty() || s.equals(".") || s.equals("..") ? "_" + s : s;
  }

  private static void appendScores(StringBuilder sb, float[] p) {
    for (float v : p) {
      sb.append(',').append(String.format(Locale.ROOT, "%.6f", v));
    }
  }

  private static String value(float v) {
    return String.format(Locale.ROOT, "%.8g", v);
  }

  /** A CSV field, quoted when it holds a comma, quote or line break (RFC 4180). */
  public static String field(String s) {
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
      return s;
    }
    return '"' + s.replace("\"", "\"\"") + '"';
  }
}
