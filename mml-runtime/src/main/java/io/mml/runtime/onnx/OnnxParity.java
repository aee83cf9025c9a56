package io.mml.runtime.onnx;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.mml.runtime.models.ModelSpec;
import io.mml.runtime.models.SpecToDjl;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks that an exported ONNX model computes what its DJL block computes: runs the block in
 * inference mode (BatchNorm on running statistics, dropout off) and the ONNX bytes in ONNX Runtime
 * (CPU, all graph optimisations on) on the same batch and compares every output.
 */
public final class OnnxParity {
  private OnnxParity() {}

  /**
   * Parity of one output.
   *
   * @param name the ONNX output name
   * @param maxAbsDiff the largest absolute difference of any value
   * @param argmaxAgreement the share of rows (batch x all axes but 1) whose argmax over axis 1 agrees
   * @param maxAbsValue the largest absolute DJL output value (the scale the difference is relative to)
   */
  public record Output(String name, double maxAbsDiff, double argmaxAgreement, double maxAbsValue) {}

  /** The result over all outputs. */
  public record Result(List<Output> outputs) {
    public double maxAbsDiff() {
      return outputs.stream().mapToDouble(Output::maxAbsDiff).max().orElse(0);
    }

    public double minArgmaxAgreement() {
      return outputs.stream().mapToDouble(Output::argmaxAgreement).min().orElse(1);
    }
  }

  /** An ONNX Runtime CPU session with all graph optimisations on. */
  public static OrtSession cpuSession(byte[] onnx, int threads) throws OrtException {
    OrtEnvironment env = io.mml.runtime.infer.OrtEnv.get();
    try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
      opts.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      opts.setIntraOpNumThreads(threads);
      opts.setInterOpNumThreads(1);
      return env.createSession(onnx, opts);
    }
  }

  /**
   * Compares the DJL block with the ONNX model on a batch.
   *
   * @param input values of shape {@code [batch, ...spec.inputShape()]}, C order
   */
  public static Result compare(ModelSpec spec, Block block, byte[] onnx, NDManager manager, float[] input, int batch)
      throws OrtException {
    Shape shape = SpecToDjl.batchShape(spec.inputShape(), batch);
    List<float[]> djl = new ArrayList<>();
    try (NDManager sub = manager.newSubManager()) {
      NDArray x = sub.create(input, shape);
      NDList out = block.forward(new ParameterStore(sub, false), new NDList(x), false);
      for (NDArray a : out) {
        djl.add(a.toFloatArray());
      }
    }
    List<String> names = spec.outputNames();
    List<Shape> outShapes = spec.outputShapes();
    List<Output> results = new ArrayList<>();
    OrtEnvironment env = io.mml.runtime.infer.OrtEnv.get();
    try (OrtSession session = cpuSession(onnx, 1);
        OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), shape.getShape());
        OrtSession.Result r = session.run(Map.of(OnnxExporter.INPUT_NAME, t))) {
      for (int i = 0; i < names.size(); i++) {
        OnnxValue v = r.get(names.get(i)).orElseThrow(() -> new IllegalStateException("no ONNX output"));
        FloatBuffer fb = ((OnnxTensor) v).getFloatBuffer();
        float[] ort = new float[fb.remaining()];
        fb.get(ort);
        float[] ref = djl.get(i);
        if (ort.length != ref.length) {
          throw new IllegalStateException("Output " + names.get(i) + ": ONNX has " + ort.length + " values, DJL "
              + ref.length);
        }
        results.add(new Output(names.get(i), maxAbsDiff(ref, ort), argmaxAgreement(ref, ort, batch, outShapes.get(i)),
            maxAbs(ref)));
      }
    }
    return new Result(results);
  }

  static double maxAbs(float[] a) {
    double m = 0;
    for (float v : a) {
      m = Math.max(m, Math.abs(v));
    }
    return m;
  }

  static double maxAbsDiff(float[] a, float[] b) {
    double m = 0;
    for (int i = 0; i < a.length; i++) {
      double d = Math.abs((double) a[i] - b[i]);
      if (Double.isNaN(d)) {
        return Double.POSITIVE_INFINITY;
      }
      m = Math.max(m, d);
    }
    return m;
  }

  /** Argmax over the first per-sample axis (classes / channels), per sample and spatial position. */
  static double argmaxAgreement(float[] a, float[] b, int batch, Shape perSample) {
    int classes = (int) perSample.get(0);
    int inner = (int) (perSample.size() / classes);
    int rows = 0;
    int agree = 0;
    for (int n = 0; n < batch; n++) {
      for (int p = 0; p < inner; p++) {
        int base = n * classes * inner + p;
        int ia = 0;
        int ib = 0;
        for (int c = 1; c < classes; c++) {
          if (a[base + c * inner] > a[base + ia * inner]) {
            ia = c;
          }
          if (b[base + c * inner] > b[base + ib * inner]) {
            ib = c;
          }
        }
        rows++;
        if (ia == ib) {
          agree++;
        }
      }
    }
    return rows == 0 ? 1 : (double) agree / rows;
  }
}
