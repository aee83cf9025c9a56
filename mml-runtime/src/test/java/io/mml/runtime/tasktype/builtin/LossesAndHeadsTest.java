package io.mml.runtime.tasktype.builtin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.loss.Loss;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mml.runtime.config.Config;
import io.mml.runtime.config.ConfigException;
import io.mml.runtime.tasks.TaskHeader;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Heads and losses on the PyTorch engine: output shapes and loss values on tiny inputs worked out by hand. */
class LossesAndHeadsTest {
  private static final double LN2 = Math.log(2);
  private NDManager manager;

  @BeforeEach
  void open() {
    manager = NDManager.newBaseManager("PyTorch");
  }

  @AfterEach
  void close() {
    manager.close();
  }

  private static Config settings(String json) throws Exception {
    return Config.of((ObjectNode) new ObjectMapper().readTree(json));
  }

  private static TaskHeader header(Map<String, Long> occ) {
    TreeMap<Integer, String> idx = new TreeMap<>();
    int i = 0;
    for (String c : occ.keySet()) {
      idx.put(i++, c);
    }
    return new TaskHeader("t", "classification", null, null, null, null, null, idx, occ, 1, 4, null, null, null, null,
        null, null);
  }

  private float value(Loss loss, NDArray labels, NDArray predictions) {
    return loss.evaluate(new NDList(labels), new NDList(predictions)).getFloat();
  }

  private Shape outputShape(Block block, Shape input) {
    block.initialize(manager, DataType.FLOAT32, input);
    block.setInitializer(Initializer.ONES, ai.djl.nn.Parameter.Type.WEIGHT);
    NDList out = block.forward(new ParameterStore(manager, false), new NDList(manager.ones(input)), false);
    return out.singletonOrThrow().getShape();
  }

  @Test
  void linearHeadGivesOneOutputPerClass() {
    assertEquals(new Shape(2, 3), outputShape(new LinearHead().build(3), new Shape(2, 8)));
  }

  @Test
  void segmentationHeadKeepsTheFeatureMapSize() {
    assertEquals(new Shape(1, 4, 5, 5), outputShape(new SegmentationHead().build(4), new Shape(1, 6, 5, 5)));
  }

  @Test
  void crossEntropyWithoutWeights() throws Exception {
    // Equal logits over two classes: −log ½ = ln 2.
    Loss loss = new ClassificationLoss().build(header(Map.of("a", 1L, "b", 1L)), settings("{\"class_weights\": null}"));
    assertEquals(LN2, value(loss, manager.create(new float[] {0}), manager.create(new float[][] {{0, 0}})), 1e-5);
  }

  @Test
  void crossEntropyWithAutoWeights() throws Exception {
    // class_occ a: 3, b: 1 → w = N / (C·n) = 4/6 and 4/2 (ratio 1 : 3).
    // Row 1: logits (0, 0), label a: −log ½ = ln 2. Row 2: logits (ln 3, 0), label b: p_b = 1/4, −log ¼ = 2 ln 2.
    // Weighted mean: (2/3 · ln 2 + 2 · 2 ln 2) / (2/3 + 2) = 1.75 ln 2.
    TaskHeader task = header(new TreeMap<>(Map.of("a", 3L, "b", 1L)));
    assertArrayEquals(new float[] {4f / 6, 2f}, ClassificationLoss.weights(task, settings("{\"class_weights\": \"auto\"}")),
        1e-6f);
    Loss loss = new ClassificationLoss().build(task, settings("{\"class_weights\": \"auto\"}"));
    NDArray logits = manager.create(new float[][] {{0, 0}, {(float) Math.log(3), 0}});
    assertEquals(1.75 * LN2, value(loss, manager.create(new float[] {0, 1}), logits), 1e-5);
    // Explicit weights 1 and 3 give the same mean; a wrong count is a config error.
    Loss explicit = new ClassificationLoss().build(task, settings("{\"class_weights\": [1, 3]}"));
    assertEquals(1.75 * LN2, value(explicit, manager.create(new float[] {0, 1}), logits), 1e-5);
    assertThrows(ConfigException.class, () -> new ClassificationLoss().build(task, settings("{\"class_weights\": [1]}")));
  }

  @Test
  void binaryCrossEntropyForMultilabel() throws Exception {
    // Logit 0 → sigmoid ½ for each class; −log ½ = ln 2 whether the label is 0 or 1.
    Loss loss = new MultilabelLoss().build(header(Map.of("a", 1L, "b", 1L)), settings("{}"));
    assertEquals(LN2, value(loss, manager.create(new float[][] {{1, 0}}), manager.create(new float[][] {{0, 0}})), 1e-5);
  }

  @Test
  void diceAndCrossEntropyForSegmentation() throws Exception {
    // Logits 0 everywhere, 2 classes, 1×2 pixels labelled (0, 1): CE = ln 2, probabilities ½.
    // Per class Dice with smooth 1: (2·½ + 1) / (1 + 1 + 1) = 2/3 → Dice term 1 − 2/3 = 1/3. Total ln 2 + 1/3.
    Loss loss = new SegmentationLoss().build(header(Map.of("a", 1L, "b", 1L)), settings("{}"));
    NDArray logits = manager.zeros(new Shape(1, 2, 1, 2));
    assertEquals(LN2 + 1.0 / 3, value(loss, manager.create(new float[] {0, 1}, new Shape(1, 1, 2)), logits), 1e-5);
    // Dice alone with smooth 0: (2·½) / (1 + 1) = ½ → 0.5.
    Loss dice = new SegmentationLoss().build(null, settings("{\"ce_weight\": 0, \"smooth\": 0}"));
    assertEquals(0.5, value(dice, manager.create(new float[] {0, 1}, new Shape(1, 1, 2)), logits), 1e-5);
  }

  @Test
  void segmentationIgnoresPixelsLabelled255() throws Exception {
    // The same two pixels as above plus a third labelled 255 with a confident, wrong logit: the
    // loss must be the two-pixel loss (ln 2 + 1/3), not an error and not influenced by the third.
    Loss loss = new SegmentationLoss().build(header(Map.of("a", 1L, "b", 1L)), settings("{}"));
    NDArray logits = manager.create(new float[] {0, 0, 9, 0, 0, -9}, new Shape(1, 2, 1, 3));
    NDArray labels = manager.create(new float[] {0, 1, 255}, new Shape(1, 1, 3));
    assertEquals(LN2 + 1.0 / 3, value(loss, labels, logits), 1e-5);
  }

  @Test
  void huberAndL2ForRegression() throws Exception {
    // Predictions 0, 0 against 3, 0.5 with δ = 1: |3| > δ → 1·(3 − ½) = 2.5; |0.5| ≤ δ → ½·0.25 = 0.125; mean 1.3125.
    NDArray pred = manager.create(new float[][] {{0}, {0}});
    NDArray labels = manager.create(new float[] {3, 0.5f});
    assertEquals(1.3125, value(new RegressionLoss().build(null, settings("{}")), labels, pred), 1e-5);
    // L2: (9 + 0.25) / 2.
    assertEquals(4.625, value(new RegressionLoss().build(null, settings("{\"kind\": \"l2\"}")), labels, pred), 1e-5);
    assertThrows(ConfigException.class, () -> new RegressionLoss().build(null, settings("{\"kind\": \"l1\"}")));
  }
}
