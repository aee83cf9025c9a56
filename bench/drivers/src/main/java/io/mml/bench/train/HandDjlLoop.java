package io.mml.bench.train;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mml.runtime.config.Config;
import io.mml.runtime.models.HeadSpec;
import io.mml.runtime.models.Layer;
import io.mml.runtime.models.ModelFactory;
import io.mml.runtime.models.ModelSpec;
import io.mml.runtime.models.SpecToDjl;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * The hand-written DJL loop of bench/train-vs-pytorch.sh: what a DJL user would write for the
 * PyTorch twin (bench/train/twin.py), with no framework around it. Every PNG of the task's fold 0
 * is decoded once into bytes; per epoch a fresh permutation, per batch a float array normalised in
 * Java and one NDArray, DJL's {@code Trainer} (forward, softmax cross entropy, backward, Adam step),
 * the loss kept on the device and read once per epoch; then a validation pass (loss and accuracy).
 * The model is the same DJL block tree the framework trains (from {@link ModelFactory} and
 * {@link SpecToDjl}). Threads: {@code -Dai.djl.pytorch.num_threads}. Prints one JSON line per epoch,
 * as the twin does.
 */
public final class HandDjlLoop {
  private static final float[] MEAN = {0.485f, 0.456f, 0.406f};
  private static final float[] STD = {0.229f, 0.224f, 0.225f};

  private record Split(byte[][] pixels, long[] labels) {}

  private HandDjlLoop() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> a = BenchSupport.args(args);
    Path desc = Path.of(a.get("desc"));
    String arch = a.getOrDefault("arch", "mlp");
    int channels = Integer.parseInt(a.getOrDefault("channels", "1"));
    int epochs = Integer.parseInt(a.getOrDefault("epochs", "6"));
    int batch = Integer.parseInt(a.getOrDefault("batch", "64"));
    float lr = Float.parseFloat(a.getOrDefault("lr", "1e-3"));
    JsonNode d = new ObjectMapper().readTree(desc.toFile());
    Path root = desc.getParent();
    List<String> val = new ArrayList<>();
    d.get("train_folds").get(0).forEach(n -> val.add(n.asText()));
    List<String> train = new ArrayList<>();
    for (int f = 1; f < d.get("train_folds").size(); f++) {
      d.get("train_folds").get(f).forEach(n -> train.add(n.asText()));
    }
    int classes = d.get("idx_to_class").size();
    Split tr = decode(root, d.get("train_samples"), train, channels);
    Split va = decode(root, d.get("train_samples"), val, channels);
    int h = 28;
    int w = 28;
    Shape input = new Shape(channels, h, w);
    // The shipped arch option (its YAML holds the defaults), with the widths of this comparison.
    com.fasterxml.jackson.databind.node.ObjectNode archTree;
    try (java.io.InputStream in = HandDjlLoop.class.getResourceAsStream("/META-INF/mml/configs/arch/" + arch
        + ".yaml")) {
      archTree = (com.fasterxml.jackson.databind.node.ObjectNode) new ObjectMapper(
          new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).readTree(in);
    }
    String widths = arch.equals("mlp") ? a.getOrDefault("hidden", "256") : a.getOrDefault("conv-channels", "32,64");
    com.fasterxml.jackson.databind.node.ArrayNode list = archTree.putArray(arch.equals("mlp") ? "hidden" : "channels");
    for (String width : widths.split(",")) {
      list.add(Integer.parseInt(width.trim()));
    }
    Config archCfg = Config.of(archTree);
    ModelSpec spec = new ModelSpec(ModelFactory.backbone(archCfg, input),
        List.of(new HeadSpec("t", Layer.Linear.of(classes))));
    float[] mean = new float[channels];
    float[] std = new float[channels];
    for (int c = 0; c < channels; c++) {
      mean[c] = channels == 3 ? MEAN[c] : (MEAN[0] + MEAN[1] + MEAN[2]) / 3;
      std[c] = channels == 3 ? STD[c] : (STD[0] + STD[1] + STD[2]) / 3;
    }
    Loss loss = Loss.softmaxCrossEntropyLoss();
    Engine.getEngine(SpecToDjl.ENGINE).setRandomSeed(42);
    try (Model model = Model.newInstance("hand", Device.cpu(), SpecToDjl.ENGINE);
        NDManager manager = NDManager.newBaseManager(Device.cpu(), SpecToDjl.ENGINE)) {
      Block block = SpecToDjl.build(spec);
      model.setBlock(block);
      DefaultTrainingConfig tc = new DefaultTrainingConfig(loss)
          .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(lr)).build())
          .optDevices(new Device[] {Device.cpu()});
      try (Trainer trainer = model.newTrainer(tc)) {
        trainer.initialize(SpecToDjl.batchShape(input, 1));
        Random rng = new Random(42);
        int n = tr.labels().length;
        int[] perm = new int[n];
        for (int e = 0; e < epochs; e++) {
          long t0 = System.nanoTime();
          for (int i = 0; i < n; i++) {
            perm[i] = i;
          }
          for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
          }
          NDArray lossSum = manager.zeros(new Shape());
          for (int s = 0; s < n; s += batch) {
            int b = Math.min(batch, n - s);
            try (NDManager sub = manager.newSubManager()) {
              NDList x = new NDList(batchArray(sub, tr, perm, s, b, channels, h, w, mean, std));
              long[] y = new long[b];
              for (int i = 0; i < b; i++) {
                y[i] = tr.labels()[perm[s + i]];
              }
              NDList labels = new NDList(sub.create(y));
              try (GradientCollector gc = trainer.newGradientCollector()) {
                NDArray l = loss.evaluate(labels, trainer.forward(x, labels));
                gc.backward(l);
                NDArray acc = lossSum.add(l.mul(b));
                acc.attach(manager);
                lossSum.close();
                lossSum = acc;
              }
              trainer.step();
            }
          }
          double trainLoss = lossSum.getFloat() / n;
          lossSum.close();
          long t1 = System.nanoTime();
          ParameterStore ps = new ParameterStore(manager, false);
          int m = va.labels().length;
          int[] order = new int[m];
          for (int i = 0; i < m; i++) {
            order[i] = i;
          }
          double vloss = 0;
          int correct = 0;
          for (int s = 0; s < m; s += batch) {
            int b = Math.min(batch, m - s);
            try (NDManager sub = manager.newSubManager()) {
              NDList x = new NDList(batchArray(sub, va, order, s, b, channels, h, w, mean, std));
              long[] y = new long[b];
              for (int i = 0; i < b; i++) {
                y[i] = va.labels()[s + i];
              }
              NDList out = block.forward(ps, x, false);
              vloss += loss.evaluate(new NDList(sub.create(y)), new NDList(out.get(0))).getFloat() * b;
              float[] logits = out.get(0).toFloatArray();
              for (int i = 0; i < b; i++) {
                int best = 0;
                for (int k = 1; k < classes; k++) {
                  if (logits[i * classes + k] > logits[i * classes + best]) {
                    best = k;
                  }
                }
                correct += best == y[i] ? 1 : 0;
              }
            }
          }
          long t2 = System.nanoTime();
          System.out.printf(Locale.ROOT, "{\"epoch\": %d, \"seconds\": %.6f, \"train_seconds\": %.6f, \"val_seconds\":"
                  + " %.6f, \"train_loss\": %.6f, \"val_loss\": %.6f, \"val_accuracy\": %.6f}%n", e + 1, (t2 - t0) / 1e9,
              (t1 - t0) / 1e9, (t2 - t1) / 1e9, trainLoss, vloss / m, correct / (double) m);
        }
      }
    }
  }

  private static NDArray batchArray(NDManager m, Split s, int[] order, int from, int b, int c, int h, int w,
      float[] mean, float[] std) {
    int per = c * h * w;
    int plane = h * w;
    float[] x = new float[b * per];
    for (int i = 0; i < b; i++) {
      byte[] px = s.pixels()[order[from + i]];
      for (int k = 0; k < per; k++) {
        int ch = k / plane;
        x[i * per + k] = ((px[k] & 0xff) / 255f - mean[ch]) / std[ch];
      }
    }
    return m.create(x, new Shape(b, c, h, w));
  }

  private static Split decode(Path root, JsonNode samples, List<String> ids, int channels) throws IOException {
    byte[][] px = new byte[ids.size()][];
    long[] y = new long[ids.size()];
    for (int i = 0; i < ids.size(); i++) {
      JsonNode e = samples.get(ids.get(i));
      BufferedImage im = ImageIO.read(Files.newInputStream(root.resolve(e.get("image").asText())));
      Raster r = im.getRaster();
      int h = im.getHeight();
      int w = im.getWidth();
      byte[] out = new byte[channels * h * w];
      int[] pix = new int[r.getNumBands()];
      for (int yy = 0; yy < h; yy++) {
        for (int xx = 0; xx < w; xx++) {
          r.getPixel(xx, yy, pix);
          for (int c = 0; c < channels; c++) {
            out[(c * h + yy) * w + xx] = (byte) pix[Math.min(c, pix.length - 1)];
          }
        }
      }
      px[i] = out;
      y[i] = e.get("class").asLong();
    }
    return new Split(px, y);
  }
}
