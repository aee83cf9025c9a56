package io.mml.runtime.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchPredictorTest {
  private static final float EPS = 1e-5f;
  @TempDir Path dir;

  private static void assertClose(float[][] expected, float[][] actual) {
    assertEquals(expected.length, actual.length);
    for (int i = 0; i < expected.length; i++) {
      assertArrayEquals(expected[i], actual[i], EPS, "sample " + i);
    }
  }

  private static float[] flat(float[][][] s) {
    int c = s.length;
    int h = s[0].length;
    int w = s[0][0].length;
    float[] v = new float[c * h * w];
    int p = 0;
    for (float[][] plane : s) {
      for (float[] row : plane) {
        System.arraycopy(row, 0, v, p, w);
        p += w;
      }
    }
    return v;
  }

  @Test
  void gemmLogitsMatchJavaAndBatchingMatchesOneByOne() {
    float[][][][] x = TestModels.samples(10, 4, 1, 1, 5);
    float[][] ref = new float[10][];
    for (int i = 0; i < 10; i++) {
      ref[i] = TestModels.gemmRef(flat(x[i]));
    }
    try (OnnxModel m = OnnxModel.open(TestModels.gemm(dir, "g.onnx", -1), OnnxModel.Options.of(false, 1))) {
      ModelBinding b = m.bind(TaskFit.of("t", TaskKind.CLASSIFICATION, 4, 1, 1, 3));
      for (int bs : new int[] {1, 3, 4, 10, 64}) {
        BatchPredictor p = new BatchPredictor(m, b, bs);
        assertEquals(bs, p.batchSize());
        assertClose(ref, p.predict(x));
      }
    }
  }

  @Test
  void cnnBatchedEqualsOneByOneIncludingTheLastPartialBatch() {
    float[][][][] x = TestModels.samples(7, 3, 8, 8, 9);
    try (OnnxModel m = OnnxModel.open(TestModels.cnn(dir, "cnn.onnx", 3, 8, 4, 5), OnnxModel.Options.of(false, 1))) {
      ModelBinding b = m.bind(TaskFit.of("t", TaskKind.CLASSIFICATION, 3, 8, 8, 5));
      float[][] one = new BatchPredictor(m, b, 1).predict(x);
      assertEquals(5, one[0].length);
      assertClose(one, new BatchPredictor(m, b, 3).predict(x)); // 3 + 3 + 1
      assertClose(one, new BatchPredictor(m, b, 256).predict(x));
      // from a buffer, starting mid-buffer
      FloatBuffer buf = FloatBuffer.allocate(5 + 7 * 3 * 8 * 8);
      buf.position(5);
      for (float[][][] s : x) {
        buf.put(flat(s));
      }
      buf.position(5);
      assertClose(one, new BatchPredictor(m, b, 4).predict(buf, 7, 3, 8, 8));
      assertEquals(5, buf.position());
    }
  }

  @Test
  void aFixedBatchOfOneRunsOneByOne() {
    float[][][][] x = TestModels.samples(5, 4, 1, 1, 6);
    try (OnnxModel m = OnnxModel.open(TestModels.gemm(dir, "g1.onnx", 1), OnnxModel.Options.cpu())) {
      BatchPredictor p = new BatchPredictor(m, m.bind(TaskFit.of("t", TaskKind.CLASSIFICATION, 4, 1, 1, 3)), 32);
      assertEquals(1, p.batchSize());
      float[][] y = p.predict(x);
      for (int i = 0; i < 5; i++) {
        assertArrayEquals(TestModels.gemmRef(flat(x[i])), y[i], EPS);
      }
    }
  }

  @Test
  void aFixedBatchOfFourPadsTheLastBatch() {
    float[][][][] x = TestModels.samples(6, 4, 1, 1, 7);
    try (OnnxModel m = OnnxModel.open(TestModels.gemm(dir, "g4.onnx", 4), OnnxModel.Options.cpu())) {
      BatchPredictor p = new BatchPredictor(m, m.bind(TaskFit.of("t", TaskKind.CLASSIFICATION, 4, 1, 1, 3)), 100);
      assertEquals(4, p.batchSize());
      float[][] y = p.predict(x);
      assertEquals(6, y.length);
      for (int i = 0; i < 6; i++) {
        assertArrayEquals(TestModels.gemmRef(flat(x[i])), y[i], EPS);
      }
    }
  }

  @Test
  void segmentationMapsMatchAOneByOneConvolution() {
    float[][][][] x = TestModels.samples(3, 2, 5, 6, 8);
    float[] w = TinyOnnx.values(3 * 2, 21);
    float[] bias = TinyOnnx.values(3, 22);
    try (OnnxModel m = OnnxModel.open(TestModels.seg(dir, 2, 3), OnnxModel.Options.cpu())) {
      BatchPredictor p = new BatchPredictor(m, m.bind(TaskFit.of("s", TaskKind.SEGMENTATION, 2, 5, 6, 3)), 2);
      float[][][][] maps = p.predictMaps(x);
      assertEquals(3, maps.length);
      for (int i = 0; i < 3; i++) {
        for (int k = 0; k < 3; k++) {
          for (int y = 0; y < 5; y++) {
            for (int xx = 0; xx < 6; xx++) {
              float ref = bias[k] + w[k * 2] * x[i][0][y][xx] + w[k * 2 + 1] * x[i][1][y][xx];
              assertEquals(ref, maps[i][k][y][xx], EPS);
            }
          }
        }
      }
    }
  }

  @Test
  void aDynamicClassDimensionIsCheckedAtRunTime() {
    Path file = new TinyOnnx().input("x", TinyOnnx.FLOAT, -1, -1)
        .node("Identity", java.util.List.of("x"), java.util.List.of("y"))
        .output("y", TinyOnnx.FLOAT, -1, -1).write(dir.resolve("dyn.onnx"));
    try (OnnxModel m = OnnxModel.open(file, OnnxModel.Options.cpu())) {
      BatchPredictor p = new BatchPredictor(m, m.bind(TaskFit.of("t", TaskKind.CLASSIFICATION, 4, 1, 1, 3)), 2);
      String e = assertThrows(InferException.class, () -> p.predict(TestModels.samples(2, 4, 1, 1, 1))).getMessage();
      assertEquals(file + ": output 'y' has shape [2, 4] at run time but task t has 3 classes; "
          + "export the model with 3 outputs or choose another task", e);
    }
  }

  @Test
  void helpers() {
    assertArrayEquals(new float[] {0.09003057f, 0.24472847f, 0.66524096f},
        BatchPredictor.softmax(new float[] {1, 2, 3}), 1e-7f);
    assertArrayEquals(new float[] {0.5f, 0.5f}, BatchPredictor.softmax(new float[] {1000, 1000}), 0f);
    assertArrayEquals(new float[] {0.5f, 0.7310586f, 0.26894143f},
        BatchPredictor.sigmoid(new float[] {0, 1, -1}), 1e-7f);
    assertEquals(0f, BatchPredictor.sigmoid(-1000f));
    assertEquals(1, BatchPredictor.argmax(new float[] {0, 3, 3, 1}));
  }
}
