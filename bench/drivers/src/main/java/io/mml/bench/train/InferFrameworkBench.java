package io.mml.bench.train;

import ai.djl.ndarray.NDManager;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.mml.runtime.config.Config;
import io.mml.runtime.data.DataSplit;
import io.mml.runtime.data.DecodedCache;
import io.mml.runtime.data.Sample;
import io.mml.runtime.data.SampleBatches;
import io.mml.runtime.data.SamplingOptions;
import io.mml.runtime.data.TaskDataset;
import io.mml.runtime.infer.BatchPredictor;
import io.mml.runtime.infer.OnnxModel;
import io.mml.runtime.tasks.TaskStruct;
import io.mml.runtime.tasktype.TaskMetric;
import io.mml.runtime.train.OnnxEvaluation;
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
import java.util.Set;

/**
 * Driver of bench/infer-framework.sh (issue 4 b): the framework's evaluation of a split
 * ({@link OnnxEvaluation#run}: samples loaded through TaskDataset, batched into a buffer,
 * {@link BatchPredictor}, rows and metric predictions collected, then the task's metrics, i.e. what
 * ModelEvaluator.test does after opening the model) versus a bare {@code OrtSession.run} loop over
 * direct float buffers pre-built from the same samples, on the same session of the same exported
 * model (demo_shapes cnn trained one epoch by FoldTrainer). Also BatchPredictor alone on pre-built
 * buffers. Framework variants: decoded-image cache warm, and no cache (PNG decoding every pass).
 */
public final class InferFrameworkBench {
  private InferFrameworkBench() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> a = BenchSupport.args(args);
    Path work = Path.of(a.get("work"));
    int reps = Integer.parseInt(a.getOrDefault("reps", "5"));
    int passes = Integer.parseInt(a.getOrDefault("passes", "40"));
    int threads = Integer.parseInt(a.getOrDefault("threads", "1"));
    Config cfg = BenchSupport.trainConfig(work.resolve("data"), work.resolve("results"),
        List.of("trainer.max_epochs=1"));
    int batch = cfg.has("mode.inference_batch") ? cfg.getInt("mode.inference_batch") : 64;
    TaskStruct task = BenchSupport.demoShapes(work.resolve("data"));
    DecodedCache cache = SamplingOptions.fromConfig(cfg).newCache();
    TrainingSetup setup = TrainingSetup.of(task, cfg, cache);
    Path onnx = work.resolve("cnn.onnx");
    try (NDManager m = TrainedModel.cpuManager()) {
      TrainedModel.make(task, cfg, cache, setup, 1, work, m, onnx);
    }
    TaskDataset cached = TrainingSetup.dataset(task, DataSplit.TEST, 0, cfg, cache, false);
    TaskDataset uncached = TrainingSetup.dataset(task, DataSplit.TEST, 0, cfg, null, false);
    Config cfg0 = BenchSupport.trainConfig(work.resolve("data"), work.resolve("results"),
        List.of("trainer.max_epochs=1", "num_workers=0"));
    TaskDataset cached0 = TrainingSetup.dataset(task, DataSplit.TEST, 0, cfg0, cache, false);
    BenchSupport.warm(task, cfg, cache, DataSplit.TEST);
    long[] in = setup.spec().inputShape().getShape();
    int c = (int) in[0];
    int h = (int) in[1];
    int w = (int) in[2];
    int per = c * h * w;

    // The samples as the framework sees them, in its order; pre-built per batch for the bare loop.
    List<Sample> samples = new ArrayList<>();
    try (SampleBatches it = cached.sampleBatches(0, batch)) {
      while (it.hasNext()) {
        samples.addAll(it.next());
      }
    }
    int n = samples.size();
    List<FloatBuffer> direct = new ArrayList<>();
    List<FloatBuffer> heap = new ArrayList<>();
    for (int s = 0; s < n; s += batch) {
      int real = Math.min(batch, n - s);
      FloatBuffer d = ByteBuffer.allocateDirect(real * per * 4).order(ByteOrder.nativeOrder()).asFloatBuffer();
      FloatBuffer hb = FloatBuffer.allocate(real * per);
      for (int i = 0; i < real; i++) {
        d.put(samples.get(s + i).image().pixels());
        hb.put(samples.get(s + i).image().pixels());
      }
      d.flip();
      hb.flip();
      direct.add(d);
      heap.add(hb);
    }

    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "model: demo_shapes %s (FoldTrainer, 1 epoch) exported by OnnxExporter;"
            + " split test, %d samples, inference batch %d (mode.inference_batch), ORT CPU provider ALL_OPT,"
            + " %d intra-op thread(s), num_workers=%d; %d passes per measurement, %d reps, order rotated%n",
        cfg.getString("arch.id"), n, batch, threads, cached.sampling().numWorkers(), passes, reps));
    System.out.print(out);

    try (OnnxEvaluation.Session session = OnnxEvaluation.open(onnx, task.name(), setup.kind(), c, h, w,
        setup.numOutputs(), setup.spec().outputNames().get(0), OnnxModel.Options.of(false, threads), batch)) {
      OrtSession ort = session.model().session();
      OrtEnvironment env = session.model().environment();
      String inName = session.binding().input().name();
      Set<String> outNames = Set.of(session.binding().output().name());
      BatchPredictor predictor = session.predictor();

      // Check: all paths give the same logits.
      float[][] bare = bare(ort, env, inName, outNames, direct, n, c, h, w);
      OnnxEvaluation.Split fwOut = OnnxEvaluation.run(session, cached, "test", setup.kind());
      for (int i = 0; i < n; i++) {
        if (!java.util.Arrays.equals(bare[i], fwOut.rows().get(i).outputs())) {
          throw new IllegalStateException("framework and bare logits differ at sample " + i);
        }
      }

      String[] names = {"framework, cache warm", "framework, no cache (PNG decode)", "BatchPredictor alone",
          "bare OrtSession.run", "attribution: loading only (warm)", "attribution: loading only, workers=0",
          "framework, cache warm, workers=0", "attribution: metrics only"};
      OnnxEvaluation.Split last = fwOut;
      List<List<Double>> times = new ArrayList<>();
      for (int k = 0; k < names.length; k++) {
        times.add(new ArrayList<>());
      }
      double sink = 0;
      for (int r = 0; r < reps + 1; r++) { // rep 0 warms up
        for (int j = 0; j < names.length; j++) {
          int k = (r % 2 == 0) ? (j + r) % names.length : (names.length - 1 - j + r) % names.length;
          long t0 = System.nanoTime();
          for (int p = 0; p < passes; p++) {
            switch (k) {
              case 0 -> sink += framework(session, cached, setup);
              case 1 -> sink += framework(session, uncached, setup);
              case 2 -> {
                for (FloatBuffer hb : heap) {
                  sink += predictor.predict(hb, hb.remaining() / per, c, h, w)[0][0];
                }
              }
              case 3 -> sink += bare(ort, env, inName, outNames, direct, n, c, h, w)[0][0];
              case 4 -> sink += load(cached);
              case 5 -> sink += load(cached0);
              case 6 -> sink += framework(session, cached0, setup);
              default -> {
                for (TaskMetric metric : setup.metrics()) {
                  sink += metric.compute(last.predictions());
                }
              }
            }
          }
          double ms = (System.nanoTime() - t0) / 1e6 / passes;
          if (r > 0) {
            times.get(k).add(ms);
          }
        }
      }
      if (Double.isNaN(sink)) {
        System.err.println("NaN");
      }
      double bareMs = BenchSupport.median(times.get(3));
      StringBuilder t = new StringBuilder();
      t.append("  ms per pass over the split, median [min..max]; throughput ratio = bare / path\n");
      for (int k = 0; k < names.length; k++) {
        double med = BenchSupport.median(times.get(k));
        List<Double> perRep = new ArrayList<>();
        for (int r = 0; r < reps; r++) {
          perRep.add(times.get(3).get(r) / times.get(k).get(r));
        }
        t.append(String.format(Locale.ROOT, "  %-34s %s ms  %7.0f img/s  ratio vs bare %.3f (per-rep ratios %s)%n",
            names[k], BenchSupport.stats(times.get(k), "%.2f"), n / med * 1000, bareMs / med,
            BenchSupport.stats(perRep, "%.3f")));
      }
      System.out.print(t);
      out.append(t);
    }
    Files.writeString(Path.of(a.get("report")), out.toString(), StandardCharsets.UTF_8);
  }

  /** What ModelEvaluator.test does per split once the model is open: evaluation and metrics. */
  private static double framework(OnnxEvaluation.Session session, TaskDataset data, TrainingSetup setup)
      throws java.io.IOException {
    OnnxEvaluation.Split s = OnnxEvaluation.run(session, data, "test", setup.kind());
    double m = 0;
    for (TaskMetric metric : setup.metrics()) {
      m += metric.compute(s.predictions());
    }
    return m;
  }

  /** Only the data side of OnnxEvaluation.run: the split's batches of samples. */
  private static double load(TaskDataset data) {
    double x = 0;
    try (SampleBatches it = data.sampleBatches(0, 64)) {
      while (it.hasNext()) {
        x += it.next().get(0).image().pixels()[0];
      }
    }
    return x;
  }

  private static float[][] bare(OrtSession ort, OrtEnvironment env, String inName, Set<String> outNames,
      List<FloatBuffer> batches, int n, int c, int h, int w) throws OrtException {
    float[][] out = new float[n][];
    int i = 0;
    for (FloatBuffer b : batches) {
      int real = b.remaining() / (c * h * w);
      try (OnnxTensor x = OnnxTensor.createTensor(env, b, new long[] {real, c, h, w});
          OrtSession.Result r = ort.run(Map.of(inName, x), outNames)) {
        FloatBuffer fb = ((OnnxTensor) r.get(0)).getFloatBuffer();
        int k = fb.remaining() / real;
        for (int j = 0; j < real; j++) {
          float[] o = new float[k];
          fb.get(o);
          out[i++] = o;
        }
      }
    }
    return out;
  }
}
