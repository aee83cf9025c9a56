package io.mml.bench.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.mml.runtime.config.Config;
import io.mml.runtime.data.DecodedCache;
import io.mml.runtime.data.SamplingOptions;
import io.mml.runtime.tasks.TaskStruct;
import io.mml.runtime.train.TrainingSetup;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Driver of bench/djl-vs-ort.sh (issue 4 c): inference throughput of the same model in DJL/PyTorch
 * (block.forward in inference mode, libtorch grad mode off, input copied in and logits copied out
 * per batch) versus ONNX Runtime (CPU provider, ALL_OPT, intra-op threads = PyTorch's
 * num_threads, input from a direct buffer, logits copied out) at batch 1 and 256. Models: the
 * demo_shapes cnn trained one epoch by FoldTrainer, and resnet18 (32x32 input, initialised only:
 * throughput does not depend on the weights). Alternating DJL/ORT, median of reps.
 */
public final class DjlVsOrtBench {
  private DjlVsOrtBench() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> a = BenchSupport.args(args);
    Path work = Path.of(a.get("work"));
    int reps = Integer.parseInt(a.getOrDefault("reps", "5"));
    int threads = Integer.parseInt(System.getProperty("ai.djl.pytorch.num_threads", "1"));
    List<String> archs = List.of(a.getOrDefault("archs", "cnn resnet18").split(" "));
    TrainedModel.noGrad();
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "threads: PyTorch num_threads=%d, ORT intra-op=%d; reps %d; images/s,"
        + " median [min..max]; ratio = ORT / DJL%n", threads, threads, reps));
    System.out.print(out);
    for (String arch : archs) {
      Config cfg = BenchSupport.trainConfig(work.resolve("data"), work.resolve("results"),
          List.of("arch=" + arch, "trainer.max_epochs=1"));
      TaskStruct task = BenchSupport.demoShapes(work.resolve("data"));
      DecodedCache cache = SamplingOptions.fromConfig(cfg).newCache();
      TrainingSetup setup = TrainingSetup.of(task, cfg, cache);
      int epochs = arch.equals("cnn") ? 1 : 0;
      Path onnx = work.resolve(arch + ".onnx");
      try (NDManager manager = TrainedModel.cpuManager()) {
        Block block = TrainedModel.make(task, cfg, cache, setup, epochs, work, manager, onnx);
        TrainedModel.noGrad(); // FoldTrainer's gradient collectors ran on this thread
        long[] s = setup.spec().inputShape().getShape();
        int per = (int) (s[0] * s[1] * s[2]);
        boolean big = !arch.equals("cnn");
        try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
          so.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
          so.setIntraOpNumThreads(threads);
          OrtEnvironment env = OrtEnvironment.getEnvironment();
          try (OrtSession ort = env.createSession(onnx.toString(), so)) {
            String inName = ort.getInputNames().iterator().next();
            for (int batch : new int[] {1, 256}) {
              int n = batch == 1 ? (big ? 100 : 1000) : (big ? 256 : 2048);
              float[] data = new float[n * per];
              Random rng = new Random(3);
              for (int i = 0; i < data.length; i++) {
                data[i] = (float) rng.nextGaussian();
              }
              FloatBuffer direct = ByteBuffer.allocateDirect(data.length * 4).order(ByteOrder.nativeOrder())
                  .asFloatBuffer().put(data);
              ParameterStore ps = new ParameterStore(manager, false);
              // parity on the first batch
              float[] d0 = djl(block, ps, manager, data, per, s, batch, batch);
              float[] o0 = ort(ort, env, inName, direct, per, s, batch, batch);
              double diff = 0;
              for (int i = 0; i < d0.length; i++) {
                diff = Math.max(diff, Math.abs(d0[i] - o0[i]));
              }
              List<Double> djlRate = new ArrayList<>();
              List<Double> ortRate = new ArrayList<>();
              for (int r = 0; r < reps + 1; r++) { // rep 0 warms up
                for (int k = 0; k < 2; k++) {
                  boolean doDjl = (k == 0) == (r % 2 == 0);
                  long t0 = System.nanoTime();
                  if (doDjl) {
                    djl(block, ps, manager, data, per, s, batch, n);
                  } else {
                    ort(ort, env, inName, direct, per, s, batch, n);
                  }
                  double rate = n / ((System.nanoTime() - t0) / 1e9);
                  if (r > 0) {
                    (doDjl ? djlRate : ortRate).add(rate);
                  }
                }
              }
              String line = String.format(Locale.ROOT, "  %-8s batch %3d (%4d images): DJL %s  ORT %s  ratio %.2f"
                      + "  (max |logit diff| %.1e)%n", arch, batch, n, BenchSupport.stats(djlRate, "%.0f"),
                  BenchSupport.stats(ortRate, "%.0f"), BenchSupport.median(ortRate) / BenchSupport.median(djlRate),
                  diff);
              System.out.print(line);
              out.append(line);
            }
          }
        }
      }
    }
    Files.writeString(Path.of(a.get("report")), out.toString(), StandardCharsets.UTF_8);
  }

  /** DJL inference over the first n images in batches; returns the logits of the last batch. */
  private static float[] djl(Block block, ParameterStore ps, NDManager manager, float[] data, int per, long[] s,
      int batch, int n) {
    float[] last = null;
    float[] buf = new float[batch * per];
    for (int start = 0; start + batch <= n; start += batch) {
      System.arraycopy(data, start * per, buf, 0, batch * per);
      try (NDManager sub = manager.newSubManager()) {
        NDArray x = sub.create(buf, new Shape(batch, s[0], s[1], s[2]));
        last = block.forward(ps, new NDList(x), false).get(0).toFloatArray();
      }
    }
    return last;
  }

  /** ORT inference over the first n images in batches; returns the logits of the last batch. */
  private static float[] ort(OrtSession ort, OrtEnvironment env, String inName, FloatBuffer direct, int per,
      long[] s, int batch, int n) throws ai.onnxruntime.OrtException {
    float[] last = null;
    for (int start = 0; start + batch <= n; start += batch) {
      FloatBuffer b = direct.duplicate().position(start * per).limit((start + batch) * per).slice();
      try (OnnxTensor x = OnnxTensor.createTensor(env, b, new long[] {batch, s[0], s[1], s[2]});
          OrtSession.Result r = ort.run(Map.of(inName, x))) {
        FloatBuffer fb = ((OnnxTensor) r.get(0)).getFloatBuffer();
        last = new float[fb.remaining()];
        fb.get(last);
      }
    }
    return last;
  }
}
