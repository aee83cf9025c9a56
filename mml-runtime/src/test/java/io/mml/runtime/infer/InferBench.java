package io.mml.runtime.infer;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.mml.runtime.files.FileTrees;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Micro benchmark (bench/infer/infer.sh): a bare {@code OrtSession.run} loop versus
 * {@link BatchPredictor} on the same small CNN ([N, 3, 32, 32] -> 10 logits) and batch size.
 * The bare loop feeds ready direct buffers and copies the logits out; BatchPredictor also copies
 * the samples from float[N][C][H][W] into its buffer. Alternating order, median of reps.
 *
 * <p>Arguments: {@code reps threads samplesAtBatch1 samplesAtBatch256}.
 */
public final class InferBench {
  private InferBench() {}

  public static void main(String[] args) throws Exception {
    int reps = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    int n1 = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
    int n256 = args.length > 3 ? Integer.parseInt(args[3]) : 2048;
    Path dir = Files.createTempDirectory("infer-bench");
    Path file = TestModels.cnn(dir, "cnn.onnx", 3, 32, 16, 10);
    System.out.printf(Locale.ROOT, "model: CNN [N,3,32,32] conv16-conv32/2-gap-gemm10; intra-op threads=%d; reps=%d%n",
        threads, reps);
    try (OnnxModel m = OnnxModel.open(file, OnnxModel.Options.of(false, threads))) {
      ModelBinding b = m.bind(TaskFit.of("bench", TaskKind.CLASSIFICATION, 3, 32, 32, 10));
      for (int[] cfg : new int[][] {{1, n1}, {256, n256}}) {
        run(m, b, cfg[0], cfg[1], reps);
      }
    } finally {
      FileTrees.deleteTree(dir);
    }
  }

  private static void run(OnnxModel m, ModelBinding b, int batch, int n, int reps) throws Exception {
    float[][][][] x = TestModels.samples(n, 3, 32, 32, 42);
    int per = 3 * 32 * 32;
    // the bare loop's inputs: one ready direct buffer per batch
    List<FloatBuffer> batches = new ArrayList<>();
    for (int s = 0; s < n; s += batch) {
      int real = Math.min(batch, n - s);
      FloatBuffer fb = ByteBuffer.allocateDirect(real * per * 4).order(ByteOrder.nativeOrder()).asFloatBuffer();
      for (int i = 0; i < real; i++) {
        for (float[][] plane : x[s + i]) {
          for (float[] row : plane) {
            fb.put(row);
          }
        }
      }
      fb.flip();
      batches.add(fb);
    }
    BatchPredictor predictor = new BatchPredictor(m, b, batch);
    OrtSession session = m.session();
    OrtEnvironment env = m.environment();
    String in = b.input().name();
    Set<String> outs = Set.of(b.output().name());
    float[][] sink = new float[n][];
    Runnable bare = () -> {
      int s = 0;
      for (FloatBuffer fb : batches) {
        int real = fb.limit() / per;
        try (OnnxTensor t = OnnxTensor.createTensor(env, fb, new long[] {real, 3, 32, 32});
             OrtSession.Result r = session.run(Map.of(in, t), outs)) {
          FloatBuffer o = ((OnnxTensor) r.get(0)).getFloatBuffer();
          for (int i = 0; i < real; i++) {
            sink[s + i] = new float[10];
            o.get(sink[s + i]);
          }
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
        s += real;
      }
    };
    Runnable pred = () -> predictor.predict(x);
    time(bare);
    time(pred); // warm-up
    double[] tb = new double[reps];
    double[] tp = new double[reps];
    for (int r = 0; r < reps; r++) {
      if (r % 2 == 0) {
        tb[r] = time(bare);
        tp[r] = time(pred);
      } else {
        tp[r] = time(pred);
        tb[r] = time(bare);
      }
    }
    float[][] check = predictor.predict(x);
    for (int i = 0; i < n; i++) {
      if (!Arrays.equals(check[i], sink[i])) {
        throw new IllegalStateException("BatchPredictor and the bare loop differ at sample " + i);
      }
    }
    double mb = median(tb);
    double mp = median(tp);
    System.out.printf(Locale.ROOT, "batch %3d, %d samples: bare run loop %8.1f ms [%.1f..%.1f] (%.0f samples/s) | "
        + "BatchPredictor %8.1f ms [%.1f..%.1f] (%.0f samples/s) | ratio predictor/bare %.3f%n",
        batch, n, mb, min(tb), max(tb), n / mb * 1000, mp, min(tp), max(tp), n / mp * 1000, mp / mb);
  }

  private static double time(Runnable r) {
    long t0 = System.nanoTime();
    r.run();
    return (System.nanoTime() - t0) / 1e6;
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  private static double min(double[] v) {
    return Arrays.stream(v).min().orElse(0);
  }

  private static double max(double[] v) {
    return Arrays.stream(v).max().orElse(0);
  }
}
