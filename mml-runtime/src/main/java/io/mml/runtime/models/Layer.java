package io.mml.runtime.models;

import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * An architecture specification: immutable layer records from which both the DJL block
 * ({@link SpecToDjl}) and the ONNX graph ({@code io.mml.runtime.onnx.OnnxExporter}) are built, so the
 * export never has to guess what an opaque DJL {@code LambdaBlock} (ReLU, pooling, flatten) was.
 *
 * <p>Shapes passed to {@link #outputShape} are per sample (no batch axis): {@code (C, H, W)} for
 * images, {@code (F)} for feature vectors.
 */
public sealed interface Layer {

  /** The per-sample output shape for a per-sample input shape; fails on an unsuitable input. */
  Shape outputShape(Shape in);

  /** 2-D convolution, square kernel; weight {@code [out, in/groups, k, k]} as in ONNX. */
  record Conv2d(int out, int kernel, int stride, int pad, int groups, boolean bias) implements Layer {
    public Conv2d {
      positive("out", out);
      positive("kernel", kernel);
      positive("stride", stride);
      positive("groups", groups);
      if (pad < 0) {
        throw new IllegalArgumentException("Conv2d pad must be >= 0, got " + pad);
      }
      if (out % groups != 0) {
        throw new IllegalArgumentException("Conv2d out=" + out + " is not divisible by groups=" + groups);
      }
    }

    /** A bias-free convolution with one group (the usual form before a BatchNorm). */
    public static Conv2d of(int out, int kernel, int stride, int pad) {
      return new Conv2d(out, kernel, stride, pad, 1, false);
    }

    @Override
    public Shape outputShape(Shape in) {
      requireRank(this, in, 3);
      if (in.get(0) % groups != 0) {
        throw new IllegalArgumentException("Conv2d input channels " + in.get(0) + " not divisible by groups " + groups);
      }
      return new Shape(out, spatial(in.get(1), kernel, stride, pad), spatial(in.get(2), kernel, stride, pad));
    }
  }

  /**
   * Batch normalisation over channels (axis 1); epsilon 1e-5, DJL parameters
   * gamma/beta/runningMean/runningVar.
   *
   * @param momentum DJL's momentum of the running statistics while training (running = momentum *
   *     running + (1 - momentum) * batch; 0.9 = PyTorch's 0.1); not part of the exported graph
   */
  record BatchNorm(float momentum) implements Layer {
    public static final float EPSILON = 1e-5f;
    public static final float DEFAULT_MOMENTUM = 0.9f;

    public BatchNorm {
      if (!(momentum >= 0 && momentum < 1)) {
        throw new IllegalArgumentException("BatchNorm momentum must be in [0, 1), got " + momentum);
      }
    }

    public BatchNorm() {
      this(DEFAULT_MOMENTUM);
    }

    @Override
    public Shape outputShape(Shape in) {
      return in;
    }
  }

  /** max(x, 0). */
  record Relu() implements Layer {
    @Override
    public Shape outputShape(Shape in) {
      return in;
    }
  }

  /** min(max(x, 0), 6) (ONNX {@code Clip}). */
  record Relu6() implements Layer {
    @Override
    public Shape outputShape(Shape in) {
      return in;
    }
  }

  /** Max pooling, square window, no ceil mode. */
  record MaxPool(int kernel, int stride, int pad) implements Layer {
    public MaxPool {
      positive("kernel", kernel);
      positive("stride", stride);
    }

    @Override
    public Shape outputShape(Shape in) {
      requireRank(this, in, 3);
      return new Shape(in.get(0), spatial(in.get(1), kernel, stride, pad), spatial(in.get(2), kernel, stride, pad));
    }
  }

  /**
   * Average pooling, square window, no ceil mode; padded cells count as zeros (count_include_pad=1,
   * PyTorch's default). DJL 0.36's PyTorch engine averages this way even when asked not to count
   * the padding, so this is the one semantics both sides agree on.
   */
  record AvgPool(int kernel, int stride, int pad) implements Layer {
    public AvgPool {
      positive("kernel", kernel);
      positive("stride", stride);
    }

    @Override
    public Shape outputShape(Shape in) {
      requireRank(this, in, 3);
      return new Shape(in.get(0), spatial(in.get(1), kernel, stride, pad), spatial(in.get(2), kernel, stride, pad));
    }
  }

  /** Mean over the spatial axes, keeping them: {@code (C, H, W) -> (C, 1, 1)} as ONNX GlobalAveragePool. */
  record GlobalAvgPool() implements Layer {
    @Override
    public Shape outputShape(Shape in) {
      requireRank(this, in, 3);
      return new Shape(in.get(0), 1, 1);
    }
  }

  /**
   * Nearest-neighbour upsampling by an integer factor on both spatial axes (each value repeated
   * {@code factor x factor} times; ONNX {@code Resize} nearest, asymmetric, floor). Brings
   * segmentation logits from the backbone's resolution back to the input's.
   */
  record UpsampleNearest(int factor) implements Layer {
    public UpsampleNearest {
      positive("factor", factor);
    }

    @Override
    public Shape outputShape(Shape in) {
      requireRank(this, in, 3);
      return new Shape(in.get(0), in.get(1) * factor, in.get(2) * factor);
    }
  }

  /** Everything after the batch axis into one axis, C,H,W order (ONNX {@code Flatten(axis=1)}). */
  record Flatten() implements Layer {
    @Override
    public Shape outputShape(Shape in) {
      return new Shape(in.size());
    }
  }

  /** Fully connected layer on a flat input; weight {@code [out, in]} (ONNX {@code Gemm transB=1}). */
  record Linear(int out, boolean bias) implements Layer {
    public Linear {
      positive("out", out);
    }

    public static Linear of(int out) {
      return new Linear(out, true);
    }

    @Override
    public Shape outputShape(Shape in) {
      requireRank(this, in, 1);
      return new Shape(out);
    }
  }

  /** Dropout while training; the identity at inference (not exported). */
  record Dropout(float rate) implements Layer {
    public Dropout {
      if (!(rate >= 0 && rate < 1)) {
        throw new IllegalArgumentException("Dropout rate must be in [0, 1), got " + rate);
      }
    }

    @Override
    public Shape outputShape(Shape in) {
      return in;
    }
  }

  /** Layers applied one after another. An empty sequence is the identity. */
  record Sequential(List<Layer> layers) implements Layer {
    public Sequential {
      layers = List.copyOf(layers);
    }

    public static Sequential of(Layer... layers) {
      return new Sequential(Arrays.asList(layers));
    }

    @Override
    public Shape outputShape(Shape in) {
      Shape s = in;
      for (Layer l : layers) {
        s = l.outputShape(s);
      }
      return s;
    }
  }

  /**
   * A residual connection: {@code body(x) + shortcut(x)} (ONNX {@code Add}). The shortcut is the
   * identity when it is an empty {@link Sequential}. An activation after the sum is a separate layer.
   */
  record Residual(Layer body, Layer shortcut) implements Layer {
    public static Residual identity(Layer body) {
      return new Residual(body, Sequential.of());
    }

    @Override
    public Shape outputShape(Shape in) {
      Shape a = body.outputShape(in);
      Shape b = shortcut.outputShape(in);
      if (!a.equals(b)) {
        throw new IllegalArgumentException("Residual branches disagree: body " + a + " vs shortcut " + b);
      }
      return a;
    }
  }

  /**
   * The spec with every leaf layer replaced by {@code f(leaf)} (sequences and residuals rebuilt
   * around them), e.g. to change BatchNorm momentum or dropout rates.
   */
  static Layer mapLeaves(Layer layer, UnaryOperator<Layer> f) {
    if (layer instanceof Sequential s) {
      return new Sequential(s.layers().stream().map(l -> mapLeaves(l, f)).toList());
    } else if (layer instanceof Residual r) {
      return new Residual(mapLeaves(r.body(), f), mapLeaves(r.shortcut(), f));
    }
    return f.apply(layer);
  }

  private static long spatial(long size, int kernel, int stride, int pad) {
    long span = size + 2L * pad - kernel;
    if (span < 0) {
      throw new IllegalArgumentException("Spatial size " + size + " too small for kernel " + kernel + ", stride " + stride + ", pad " + pad);
    }
    return span / stride + 1;
  }

  private static void positive(String what, int v) {
    if (v < 1) {
      throw new IllegalArgumentException(what + " must be >= 1, got " + v);
    }
  }

  private static void requireRank(Layer l, Shape in, int rank) {
    if (in.dimension() != rank) {
      throw new IllegalArgumentException(l.getClass().getSimpleName() + " needs a per-sample input of rank " + rank + ", got " + in);
    }
  }
}
