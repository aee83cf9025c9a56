package io.mml.runtime.infer;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

/**
 * Runs samples through a checked model in batches. Samples are [C][H][W] floats (already
 * preprocessed and normalised); the result per sample is the model output for it, flattened
 * ([classes] or [values]; [classes*H*W] for segmentation, see {@link #predictMaps}).
 *
 * <p>Batches have {@code batchSize} samples, the last one fewer. A model with a fixed batch
 * dimension B runs B at a time (one by one for B = 1); its last batch is padded with zeros and the
 * padding's outputs dropped. One input buffer is reused across batches, so an instance is not
 * thread-safe; use one per thread.
 */
public final class BatchPredictor {
  private final OnnxModel model;
  private final ModelBinding binding;
  private final int batch;
  private final Set<String> outputNames;
  private FloatBuffer buffer;
  private long[] lastOutputShape;

  /**
   * @param model the opened model
   * @param binding from {@code model.bind(fit)}
   * @param batchSize samples per run (ignored for a model with a fixed batch dimension)
   */
  public BatchPredictor(OnnxModel model, ModelBinding binding, int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be >= 1: " + batchSize);
    }
    this.model = model;
    this.binding = binding;
    this.batch = binding.fixedBatch() > 0 ? binding.fixedBatch() : batchSize;
    this.outputNames = Set.of(binding.output().name());
  }

  /** Samples per run: the configured batch size, or the model's fixed batch dimension. */
  public int batchSize() {
    return batch;
  }

  /** The model output's shape of the last run (batch first). */
  public long[] lastOutputShape() {
    return lastOutputShape == null ? null : lastOutputShape.clone();
  }

  /** Outputs per sample for {@code samples} [N][C][H][W] (all of one size). */
  public float[][] predict(float[][][][] samples) {
    int n = samples.length;
    if (n == 0) {
      return new float[0][];
    }
    int c = samples[0].length;
    int h = samples[0][0].length;
    int w = samples[0][0][0].length;
    return run(n, c, h, w, (i, dst) -> {
      float[][][] s = samples[i];
      if (s.length != c || s[0].length != h || s[0][0].length != w) {
        throw new IllegalArgumentException("sample " + i + " is " + s.length + "x" + s[0].length + "x"
            + s[0][0].length + ", the first is " + c + "x" + h + "x" + w);
      }
      for (float[][] plane : s) {
        for (float[] row : plane) {
          dst.put(row);
        }
      }
    });
  }

  /**
   * Outputs per sample for {@code n} samples of {@code c*h*w} floats each, stored one after another
   * in {@code data} from its position (which is left unchanged).
   */
  public float[][] predict(FloatBuffer data, int n, int c, int h, int w) {
    int per = c * h * w;
    if (data.remaining() < (long) n * per) {
      throw new IllegalArgumentException("buffer holds " + data.remaining() + " floats, " + n + " samples of "
          + c + "x" + h + "x" + w + " need " + (long) n * per);
    }
    int start = data.position();
    return run(n, c, h, w, (i, dst) -> dst.put(data.duplicate().position(start + i * per).limit(start + (i + 1) * per)));
  }

  /** Segmentation: score maps [N][classes][H][W] for {@code samples} [N][C][H][W]. */
  public float[][][][] predictMaps(float[][][][] samples) {
    float[][] flat = predict(samples);
    if (flat.length == 0) {
      return new float[0][][][];
    }
    long[] shape = lastOutputShape;
    if (shape.length != 4) {
      throw new InferException(model.file() + ": output '" + binding.output().name() + "' has shape "
          + Arrays.toString(shape) + " at run time; segmentation needs [N, classes, H, W]");
    }
    int k = (int) shape[1];
    int h = (int) shape[2];
    int w = (int) shape[3];
    float[][][][] maps = new float[flat.length][k][h][w];
    for (int i = 0; i < flat.length; i++) {
      int p = 0;
      for (int ci = 0; ci < k; ci++) {
        for (int y = 0; y < h; y++) {
          System.arraycopy(flat[i], p, maps[i][ci][y], 0, w);
          p += w;
        }
      }
    }
    return maps;
  }

  @FunctionalInterface
  private interface SampleCopier {
    void copy(int index, FloatBuffer dst);
  }

  private float[][] run(int n, int c, int h, int w, SampleCopier copier) {
    int per = c * h * w;
    FloatBuffer buf = buffer(batch * per);
    float[][] out = new float[n][];
    String inName = binding.input().name();
    for (int start = 0; start < n; start += batch) {
      int real = Math.min(batch, n - start);
      int fed = binding.fixedBatch() > 0 ? batch : real;
      buf.clear();
      for (int i = 0; i < real; i++) {
        copier.copy(start + i, buf);
      }
      while (buf.position() < fed * per) {
        buf.put(0f); // zero padding for a fixed batch dimension
      }
      buf.flip();
      long[] shape = binding.flatInput() ? new long[] {fed, per} : new long[] {fed, c, h, w};
      try (OnnxTensor x = OnnxTensor.createTensor(model.environment(), buf, shape);
           OrtSession.Result r = model.session().run(Map.of(inName, x), outputNames)) {
        OnnxValue v = r.get(0);
        if (!(v instanceof OnnxTensor t)) {
          throw new InferException(model.file() + ": output '" + binding.output().name() + "' is not a tensor");
        }
        long[] os = t.getInfo().getShape();
        lastOutputShape = os;
        FloatBuffer fb = t.getFloatBuffer();
        if (os.length == 0 || os[0] != fed || fb.remaining() % fed != 0) {
          throw new InferException(model.file() + ": output '" + binding.output().name() + "' has shape "
              + Arrays.toString(os) + " for a batch of " + fed + "; its first dimension must be the batch");
        }
        int outPer = fb.remaining() / fed;
        checkRunTimeCount(os);
        for (int i = 0; i < real; i++) {
          float[] o = new float[outPer];
          fb.get(o);
          out[start + i] = o;
        }
      } catch (OrtException e) {
        throw new InferException(model.file() + ": ONNX Runtime failed on samples " + start + ".." + (start + real - 1)
            + " (input shape " + Arrays.toString(shape) + "): " + Providers.reason(e), e);
      }
    }
    return out;
  }

  /** A dynamic class dimension is checked when the first output is seen. */
  private void checkRunTimeCount(long[] os) {
    TaskFit fit = binding.fit();
    if (fit.kind() != TaskKind.REGRESSION && os.length >= 2 && os[1] != fit.numOutputs()) {
      throw new InferException(model.file() + ": output '" + binding.output().name() + "' has shape "
          + Arrays.toString(os) + " at run time but task " + fit.taskName() + " has " + fit.numOutputs()
          + " classes; export the model with " + fit.numOutputs() + " outputs or choose another task");
    }
  }

  private FloatBuffer buffer(int floats) {
    if (buffer == null || buffer.capacity() < floats) {
      buffer = ByteBuffer.allocateDirect(floats * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }
    return buffer;
  }

  /** Softmax of one sample's logits (max-subtracted, computed in double). */
  public static float[] softmax(float[] logits) {
    double max = Double.NEGATIVE_INFINITY;
    for (float v : logits) {
      max = Math.max(max, v);
    }
    double sum = 0;
    double[] e = new double[logits.length];
    for (int i = 0; i < logits.length; i++) {
      e[i] = Math.exp(logits[i] - max);
      sum += e[i];
    }
    float[] p = new float[logits.length];
    for (int i = 0; i < p.length; i++) {
      p[i] = (float) (e[i] / sum);
    }
    return p;
  }

  /** Element-wise logistic sigmoid. */
  public static float[] sigmoid(float[] logits) {
    float[] p = new float[logits.length];
    for (int i = 0; i < p.length; i++) {
      p[i] = sigmoid(logits[i]);
    }
    return p;
  }

  public static float sigmoid(float x) {
    return (float) (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));
  }

  /** The index of the largest value (the first on ties). */
  public static int argmax(float[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) {
      if (v[i] > v[best]) {
        best = i;
      }
    }
    return best;
  }
}
