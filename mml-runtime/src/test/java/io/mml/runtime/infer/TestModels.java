package io.mml.runtime.infer;

import static io.mml.runtime.infer.TinyOnnx.FLOAT;
import static io.mml.runtime.infer.TinyOnnx.INT64;
import static io.mml.runtime.infer.TinyOnnx.intAttr;
import static io.mml.runtime.infer.TinyOnnx.intsAttr;

import java.nio.file.Path;
import java.util.List;

/** The small ONNX models the inference tests and the benchmark use. */
public final class TestModels {
  private TestModels() {}

  static final float[] GEMM_W = TinyOnnx.values(12, 1); // [3, 4]
  static final float[] GEMM_B = TinyOnnx.values(3, 2);

  /** Gemm [N, 4] -> 'logits' [N, 3] (W [3, 4], transB=1); batch {@code n} (-1 = dynamic). */
  public static Path gemm(Path dir, String file, long n) {
    return new TinyOnnx()
        .input("x", FLOAT, n, 4)
        .weights("W", GEMM_W, 3, 4)
        .weights("B", GEMM_B, 3)
        .node("Gemm", List.of("x", "W", "B"), List.of("logits"), intAttr("transB", 1))
        .output("logits", FLOAT, n, 3)
        .write(dir.resolve(file));
  }

  /** The Gemm model's logits for one sample, computed in Java. */
  static float[] gemmRef(float[] x) {
    float[] y = new float[3];
    for (int o = 0; o < 3; o++) {
      float s = GEMM_B[o];
      for (int i = 0; i < 4; i++) {
        s += GEMM_W[o * 4 + i] * x[i];
      }
      y[o] = s;
    }
    return y;
  }

  /** Gemm with a second output 'probs' = Softmax(logits). */
  public static Path gemmTwoOutputs(Path dir) {
    return new TinyOnnx()
        .input("x", FLOAT, -1, 4)
        .weights("W", GEMM_W, 3, 4)
        .weights("B", GEMM_B, 3)
        .node("Gemm", List.of("x", "W", "B"), List.of("logits"), intAttr("transB", 1))
        .node("Softmax", List.of("logits"), List.of("probs"), intAttr("axis", 1))
        .output("logits", FLOAT, -1, 3)
        .output("probs", FLOAT, -1, 3)
        .write(dir.resolve("two_outputs.onnx"));
  }

  /** Two inputs: a + b. */
  public static Path twoInputs(Path dir) {
    return new TinyOnnx()
        .input("a", FLOAT, -1, 4)
        .input("b", FLOAT, -1, 4)
        .node("Add", List.of("a", "b"), List.of("sum"))
        .output("sum", FLOAT, -1, 4)
        .write(dir.resolve("two_inputs.onnx"));
  }

  /** An int64 input cast to float. */
  public static Path intInput(Path dir) {
    return new TinyOnnx()
        .input("ids", INT64, -1, 4)
        .node("Cast", List.of("ids"), List.of("f"), intAttr("to", FLOAT))
        .weights("W", GEMM_W, 3, 4)
        .node("MatMul", List.of("f", "Wt"), List.of("logits"))
        .weights("Wt", TinyOnnx.values(12, 3), 4, 3)
        .output("logits", FLOAT, -1, 3)
        .write(dir.resolve("int_input.onnx"));
  }

  /** An output of labels (int64 ArgMax) instead of logits. */
  public static Path labelsOutput(Path dir) {
    return new TinyOnnx()
        .input("x", FLOAT, -1, 4)
        .node("ArgMax", List.of("x"), List.of("label"), intAttr("axis", 1), intAttr("keepdims", 1))
        .output("label", INT64, -1, 1)
        .write(dir.resolve("labels.onnx"));
  }

  /**
   * A small CNN classifier: [N, c, h, w] -> Conv 3x3 (k filters, pad 1) -> Relu -> Conv 3x3 stride 2
   * (2k) -> Relu -> GlobalAveragePool -> Flatten -> Gemm -> 'logits' [N, classes]. Height and width
   * are dynamic when {@code hw} is -1.
   */
  public static Path cnn(Path dir, String file, int c, long hw, int k, int classes) {
    return new TinyOnnx()
        .input("image", FLOAT, -1, c, hw, hw)
        .weights("c1w", TinyOnnx.values(k * c * 9, 11), k, c, 3, 3)
        .weights("c1b", TinyOnnx.values(k, 12), k)
        .node("Conv", List.of("image", "c1w", "c1b"), List.of("h1"), intsAttr("kernel_shape", 3, 3),
            intsAttr("pads", 1, 1, 1, 1))
        .node("Relu", List.of("h1"), List.of("r1"))
        .weights("c2w", TinyOnnx.values(2 * k * k * 9, 13), 2 * k, k, 3, 3)
        .weights("c2b", TinyOnnx.values(2 * k, 14), 2 * k)
        .node("Conv", List.of("r1", "c2w", "c2b"), List.of("h2"), intsAttr("kernel_shape", 3, 3),
            intsAttr("pads", 1, 1, 1, 1), intsAttr("strides", 2, 2))
        .node("Relu", List.of("h2"), List.of("r2"))
        .node("GlobalAveragePool", List.of("r2"), List.of("gap"))
        .node("Flatten", List.of("gap"), List.of("flat"), intAttr("axis", 1))
        .weights("fw", TinyOnnx.values(classes * 2 * k, 15), classes, 2 * k)
        .weights("fb", TinyOnnx.values(classes, 16), classes)
        .node("Gemm", List.of("flat", "fw", "fb"), List.of("logits"), intAttr("transB", 1))
        .output("logits", FLOAT, -1, classes)
        .write(dir.resolve(file));
  }

  /** Segmentation: [N, c, H, W] (dynamic H, W) -> 1x1 Conv -> 'masks' [N, classes, H, W]. */
  public static Path seg(Path dir, int c, int classes) {
    return new TinyOnnx()
        .input("image", FLOAT, -1, c, -1, -1)
        .weights("w", TinyOnnx.values(classes * c, 21), classes, c, 1, 1)
        .weights("b", TinyOnnx.values(classes, 22), classes)
        .node("Conv", List.of("image", "w", "b"), List.of("masks"), intsAttr("kernel_shape", 1, 1))
        .output("masks", FLOAT, -1, classes, -1, -1)
        .write(dir.resolve("seg.onnx"));
  }

  /** Regression: [N, 4] -> 'value' [N, 1]. */
  public static Path regression(Path dir) {
    return new TinyOnnx()
        .input("x", FLOAT, -1, 4)
        .weights("W", TinyOnnx.values(4, 31), 1, 4)
        .weights("B", TinyOnnx.values(1, 32), 1)
        .node("Gemm", List.of("x", "W", "B"), List.of("value"), intAttr("transB", 1))
        .output("value", FLOAT, -1, 1)
        .write(dir.resolve("regression.onnx"));
  }

  /** Deterministic samples [n][c][h][w]. */
  public static float[][][][] samples(int n, int c, int h, int w, long seed) {
    float[] v = TinyOnnx.values(n * c * h * w, seed);
    float[][][][] s = new float[n][c][h][w];
    int p = 0;
    for (int i = 0; i < n; i++) {
      for (int ci = 0; ci < c; ci++) {
        for (int y = 0; y < h; y++) {
          for (int x = 0; x < w; x++) {
            s[i][ci][y][x] = v[p++];
          }
        }
      }
    }
    return s;
  }
}
