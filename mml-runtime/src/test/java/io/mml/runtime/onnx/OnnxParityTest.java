package io.mml.runtime.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnxruntime.OrtSession;
import io.mml.runtime.config.Config;
import io.mml.runtime.config.Yaml;
import io.mml.runtime.models.Backbone;
import io.mml.runtime.models.HeadSpec;
import io.mml.runtime.models.Layer;
import io.mml.runtime.models.ModelFactory;
import io.mml.runtime.models.ModelSpec;
import io.mml.runtime.models.SpecToDjl;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DJL block vs exported ONNX model in ONNX Runtime (all optimisations on), with BatchNorm running
 * statistics and affine parameters set to non-trivial values. Small inputs (3x32x32, batch 4).
 */
class OnnxParityTest {
  static final Shape IMAGE = new Shape(3, 32, 32);
  static final int BATCH = 4;
  static final double TOLERANCE = 1e-4;
  static NDManager manager;

  @BeforeAll
  static void start() {
    System.setProperty("ai.djl.pytorch.num_threads", "1");
    manager = Engine.getEngine(SpecToDjl.ENGINE).newBaseManager();
  }

  @AfterAll
  static void stop() {
    manager.close();
  }

  static Config arch(String name) {
    try (InputStream in = OnnxParityTest.class.getResourceAsStream("/META-INF/mml/configs/arch/" + name + ".yaml")) {
      return Config.of(Yaml.parseMapping(new String(in.readAllBytes(), StandardCharsets.UTF_8), name));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** Builds, randomises BatchNorm, exports and compares; returns the max abs diff. */
  static OnnxParity.Result parity(String label, ModelSpec spec, long seed, int batch, Path file) throws Exception {
    long t0 = System.nanoTime();
    // momentum 0: one training-mode pass sets the running statistics to that batch's statistics
    ModelSpec calibrating = spec.mapLayers(l -> l instanceof Layer.BatchNorm ? new Layer.BatchNorm(0f) : l);
    Block block = SpecToDjl.buildInitialised(calibrating, manager, seed);
    int bns = calibrateBatchNorm(block, calibrating, seed, batch);
    byte[] onnx = OnnxExporter.toBytes(spec, block);
    if (file != null) {
      OnnxExporter.export(spec, block, file);
      assertArrayEquals(onnx, Files.readAllBytes(file));
    }
    Random r = new Random(seed + 1);
    float[] input = new float[(int) (batch * spec.inputShape().size())];
    for (int i = 0; i < input.length; i++) {
      input[i] = (float) r.nextGaussian();
    }
    OnnxParity.Result res = OnnxParity.compare(spec, block, onnx, manager, input, batch);
    System.out.printf("PARITY %-14s maxAbsDiff=%.3g argmax=%.3f outputs=%s batchNorms=%d onnxBytes=%d (%.1f s)%n",
        label, res.maxAbsDiff(), res.minArgmaxAgreement(), res.outputs(), bns, onnx.length,
        (System.nanoTime() - t0) / 1e9);
    assertTrue(res.maxAbsDiff() < TOLERANCE, label + ": max abs diff " + res.maxAbsDiff());
    assertEquals(1.0, res.minArgmaxAgreement(), label + ": argmax agreement");
    return res;
  }

  /**
   * Gives every BatchNorm non-trivial parameters: gamma and beta seeded random values, running mean
   * and variance the statistics of a shifted, scaled random calibration batch (one training-mode
   * forward pass with momentum 0). Checks the running statistics really moved away from 0 and 1.
   */
  static int calibrateBatchNorm(Block block, ModelSpec spec, long seed, int batch) {
    Random r = new Random(seed);
    int count = 0;
    for (Pair<String, Parameter> p : block.getParameters()) {
      String name = p.getKey();
      float[] v = new float[(int) p.getValue().getArray().size()];
      if (name.endsWith("beta")) {
        for (int i = 0; i < v.length; i++) {
          v[i] = (float) (0.2 * r.nextGaussian());
        }
      } else if (name.endsWith("gamma")) {
        for (int i = 0; i < v.length; i++) {
          v[i] = 0.5f + r.nextFloat();
        }
        count++;
      } else {
        continue;
      }
      p.getValue().getArray().set(v);
    }
    if (count == 0) {
      return 0;
    }
    float[] calib = new float[(int) (batch * spec.inputShape().size())];
    for (int i = 0; i < calib.length; i++) {
      calib[i] = (float) (0.3 + 1.5 * r.nextGaussian());
    }
    try (NDManager sub = manager.newSubManager()) {
      block.forward(new ParameterStore(sub, false),
          new NDList(sub.create(calib, SpecToDjl.batchShape(spec.inputShape(), batch))), true);
    }
    double meanOff = 0;
    for (Pair<String, Parameter> p : block.getParameters()) {
      if (p.getKey().endsWith("runningMean")) {
        meanOff = Math.max(meanOff, p.getValue().getArray().abs().max().getFloat());
      }
    }
    assertTrue(meanOff > 0.01, "running means did not move: " + meanOff);
    return count;
  }

  static ModelSpec classifier(String arch, int classes) {
    Backbone b = ModelFactory.backbone(arch(arch), IMAGE);
    return ModelSpec.single(b, Layer.Linear.of(classes));
  }

  @Test
  void mlp(@TempDir Path dir) throws Exception {
    parity("mlp", classifier("mlp", 10), 1, BATCH, dir.resolve("mlp.onnx"));
  }

  @Test
  void cnn() throws Exception {
    parity("cnn", classifier("cnn", 10), 2, BATCH, null);
  }

  @Test
  void resnet18() throws Exception {
    parity("resnet18", classifier("resnet18", 10), 3, BATCH, null);
  }

  @Test
  void mobilenet() throws Exception {
    parity("mobilenet", classifier("mobilenet", 10), 4, BATCH, null);
  }

  @Test
  void resnet50SmallBatch() throws Exception {
    parity("resnet50", classifier("resnet50", 10), 5, 2, null);
  }

  @Test
  void resnet18LargeInputStemWithMaxPool() throws Exception {
    Config arch = io.mml.runtime.models.ArchConfigs.with("type: resnet\ndepth: 18\nwidth: 8\nsmall_input: false\n");
    ModelSpec spec = ModelSpec.single(ModelFactory.backbone(arch, new Shape(3, 64, 64)), Layer.Linear.of(5));
    parity("resnet18-w8-64", spec, 6, BATCH, null);
  }

  @Test
  void multitaskTwoHeads(@TempDir Path dir) throws Exception {
    Backbone b = ModelFactory.backbone(arch("cnn"), IMAGE);
    ModelSpec spec = new ModelSpec(b, List.of(HeadSpec.linear("digits", 10), HeadSpec.linear("age", 1)));
    OnnxParity.Result res = parity("multitask", spec, 7, BATCH, dir.resolve("mt.onnx"));
    assertEquals(List.of("logits_digits", "logits_age"), res.outputs().stream().map(OnnxParity.Output::name).toList());
    try (OrtSession s = OnnxParity.cpuSession(Files.readAllBytes(dir.resolve("mt.onnx")), 1)) {
      assertEquals(Set.of("input"), s.getInputNames());
      assertEquals(Set.of("logits_digits", "logits_age"), s.getOutputNames());
    }
  }

  @Test
  void segmentationHeadOnSpatialFeatures() throws Exception {
    Backbone b = ModelFactory.backbone(arch("cnn"), IMAGE, true);
    assertEquals(new Shape(128, 4, 4), b.outputShape());
    ModelSpec spec = new ModelSpec(b, List.of(HeadSpec.conv1x1("mask", 3), HeadSpec.conv1x1("edges", 2)));
    parity("seg", spec, 8, BATCH, null);
  }

  @Test
  void segmentationHeadUpsampledToTheInputResolution() throws Exception {
    Backbone b = ModelFactory.backbone(arch("cnn"), IMAGE, true);
    HeadSpec head = new HeadSpec("mask", Layer.Sequential.of(new Layer.Conv2d(3, 1, 1, 0, 1, true),
        new Layer.UpsampleNearest(8)));
    ModelSpec spec = new ModelSpec(b, List.of(head));
    assertEquals(new Shape(3, 32, 32), spec.outputShapes().get(0));
    parity("seg-up", spec, 10, BATCH, null);
  }

  @Test
  void everyLayerKind() throws Exception {
    // AvgPool, ReLU6, biased and grouped conv, dropout, a projection and an identity residual, bias-free Linear
    Layer body = Layer.Sequential.of(
        new Layer.Conv2d(8, 3, 2, 1, 1, true), new Layer.BatchNorm(), new Layer.Relu6(),
        new Layer.AvgPool(3, 2, 1),
        new Layer.Residual(Layer.Sequential.of(new Layer.Conv2d(16, 3, 1, 1, 2, false), new Layer.BatchNorm()),
            Layer.Sequential.of(Layer.Conv2d.of(16, 1, 1, 0), new Layer.BatchNorm())),
        new Layer.Relu(),
        Layer.Residual.identity(Layer.Sequential.of(new Layer.Conv2d(16, 3, 1, 1, 16, true), new Layer.Relu())),
        new Layer.MaxPool(2, 2, 0), new Layer.Dropout(0.5f), new Layer.Flatten(), new Layer.Linear(12, false),
        new Layer.Relu());
    Backbone b = new Backbone("custom", body, new Shape(3, 17, 15));
    parity("all-layers", ModelSpec.single(b, Layer.Linear.of(4)), 9, 3, null);
  }

  @Test
  void graphShape() {
    ModelSpec spec = classifier("resnet18", 10);
    Block block = SpecToDjl.buildInitialised(spec, manager, 1);
    ModelProto m = OnnxExporter.toModel(spec, block);
    assertEquals(8, m.getIrVersion());
    assertEquals(17, m.getOpsetImport(0).getVersion());
    assertEquals("batch", m.getGraph().getInput(0).getType().getTensorType().getShape().getDim(0).getDimParam());
    assertEquals("output", m.getGraph().getOutput(0).getName());
    Set<String> ops = m.getGraph().getNodeList().stream().map(NodeProto::getOpType).collect(Collectors.toSet());
    assertEquals(Set.of("Conv", "BatchNormalization", "Relu", "Add", "GlobalAveragePool", "Flatten", "Gemm"), ops);
    // weights are all there: parameters of DJL minus nothing
    long djlValues = 0;
    for (Pair<String, Parameter> p : block.getParameters()) {
      djlValues += p.getValue().getArray().size();
    }
    long onnxValues = m.getGraph().getInitializerList().stream()
        .mapToLong(t -> t.getDimsList().stream().mapToLong(Long::longValue).reduce(1, (x, y) -> x * y)).sum();
    assertEquals(djlValues, onnxValues);
  }
}
