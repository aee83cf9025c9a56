package io.mml.runtime.models;

import ai.djl.ndarray.types.Shape;
import io.mml.runtime.config.Config;
import io.mml.runtime.config.ConfigException;
import java.util.ArrayList;
import java.util.List;

/**
 * Backbone specs from the {@code arch} config group.
 *
 * <p>ResNet and MobileNet follow the topology of DJL's model-zoo builders ({@code ResNetV1},
 * {@code MobileNetV2}) and of torchvision, but are built from our own {@link Layer} spec instead of
 * the zoo blocks: the zoo assembles them from opaque {@code LambdaBlock}s (activations, pooling,
 * flatten) that cannot be read back for the ONNX export. Building the same topology from the spec
 * gives equivalent DJL blocks that can also be exported exactly.
 *
 * <p>Keys (all under {@code arch}): {@code type} = mlp | cnn | resnet | mobilenet, and per type
 * <ul>
 *   <li>mlp: {@code hidden} (list of widths), {@code dropout}</li>
 *   <li>cnn: {@code channels} (one conv-bn-relu-maxpool stage per entry), {@code dropout}</li>
 *   <li>resnet: {@code depth} (18, 34, 50), {@code width} (64 = standard), {@code small_input}
 *       (auto | true | false), {@code dropout}</li>
 *   <li>mobilenet: {@code width_mult}, {@code last_channels}, {@code small_input}, {@code dropout}</li>
 * </ul>
 * {@code small_input: auto} uses the small-image stem (3x3 stride-1 convolution, no max pool) when
 * the input is at most 64 pixels on its shorter side.
 */
public final class ModelFactory {
  /** Inputs at most this many pixels on the shorter side count as small for {@code small_input: auto}. */
  public static final int SMALL_INPUT_MAX = 64;

  private ModelFactory() {}

  /** A backbone with flat features {@code (F)} for classification and regression heads. */
  public static Backbone backbone(Config arch, Shape input) {
    return backbone(arch, input, false);
  }

  /**
   * A backbone.
   *
   * @param arch the {@code arch} sub-config
   * @param input per-sample input shape, {@code (C, H, W)} (any shape for mlp)
   * @param spatial keep the last feature map {@code (C, h, w)} (no global pooling) for dense heads
   */
  public static Backbone backbone(Config arch, Shape input, boolean spatial) {
    ArchOptions options = ArchOptions.from(arch);
    String name = options.id();
    Layer layer;
    if (options instanceof ArchOptions.Mlp m) {
      if (spatial) {
        throw new ConfigException("arch.type", "arch 'mlp' has no spatial features; choose a convolutional arch.");
      }
      layer = mlp(m.hidden(), (float) m.dropout());
    } else if (options instanceof ArchOptions.Cnn c) {
      layer = cnn(c.channels(), (float) c.dropout(), spatial);
    } else if (options instanceof ArchOptions.Resnet r) {
      layer = resnet(r.depth(), r.width(), small(r.smallInput(), input), (float) r.dropout(), spatial);
    } else {
      ArchOptions.Mobilenet m = (ArchOptions.Mobilenet) options;
      layer = mobilenetV2(m.widthMult(), m.lastChannels(), small(m.smallInput(), input), (float) m.dropout(),
          spatial);
    }
    try {
      return new Backbone(name, layer, input);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("arch", "arch '" + name + "' does not fit input " + input + ": " + e.getMessage());
    }
  }

  // ---- MLP ----

  /** Flatten, then per hidden width: Linear, ReLU (, Dropout). */
  public static Layer mlp(List<Integer> hidden, float dropout) {
    List<Layer> ls = new ArrayList<>();
    ls.add(new Layer.Flatten());
    for (int h : hidden) {
      ls.add(Layer.Linear.of(h));
      ls.add(new Layer.Relu());
      if (dropout > 0) {
        ls.add(new Layer.Dropout(dropout));
      }
    }
    return new Layer.Sequential(ls);
  }

  // ---- small CNN ----

  /** Per channel count: conv3x3-BN-ReLU-maxpool2; then global average pooling and flatten. */
  public static Layer cnn(List<Integer> channels, float dropout, boolean spatial) {
    List<Layer> ls = new ArrayList<>();
    for (int c : channels) {
      ls.add(Layer.Conv2d.of(c, 3, 1, 1));
      ls.add(new Layer.BatchNorm());
      ls.add(new Layer.Relu());
      ls.add(new Layer.MaxPool(2, 2, 0));
    }
    return new Layer.Sequential(withPooling(ls, dropout, spatial));
  }

  // ---- ResNet ----

  /**
   * ResNet v1 (basic blocks for 18/34, bottlenecks with expansion 4 for 50; the stride on the 3x3
   * convolution as in torchvision), projection shortcuts (1x1 conv + BN) where shape changes.
   */
  public static Layer resnet(int depth, int width, boolean smallInput, float dropout, boolean spatial) {
    int[] blocks;
    boolean bottleneck;
    switch (depth) {
      case 18 -> {
        blocks = new int[] {2, 2, 2, 2};
        bottleneck = false;
      }
      case 34 -> {
        blocks = new int[] {3, 4, 6, 3};
        bottleneck = false;
      }
      case 50 -> {
        blocks = new int[] {3, 4, 6, 3};
        bottleneck = true;
      }
      default -> throw new ConfigException("arch.depth", "ResNet depth must be 18, 34 or 50, got " + depth + ".");
    }
    if (width < 1) {
      throw new ConfigException("arch.width", "ResNet width must be >= 1, got " + width + ".");
    }
    List<Layer> ls = new ArrayList<>();
    if (smallInput) {
      ls.add(Layer.Conv2d.of(width, 3, 1, 1));
      ls.add(new Layer.BatchNorm());
      ls.add(new Layer.Relu());
    } else {
      ls.add(Layer.Conv2d.of(width, 7, 2, 3));
      ls.add(new Layer.BatchNorm());
      ls.add(new Layer.Relu());
      ls.add(new Layer.MaxPool(3, 2, 1));
    }
    int in = width;
    for (int stage = 0; stage < 4; stage++) {
      int planes = width << stage;
      for (int b = 0; b < blocks[stage]; b++) {
        int stride = stage > 0 && b == 0 ? 2 : 1;
        int out = bottleneck ? planes * 4 : planes;
        Layer body = bottleneck
            ? Layer.Sequential.of(
                Layer.Conv2d.of(planes, 1, 1, 0), new Layer.BatchNorm(), new Layer.Relu(),
                Layer.Conv2d.of(planes, 3, stride, 1), new Layer.BatchNorm(), new Layer.Relu(),
                Layer.Conv2d.of(out, 1, 1, 0), new Layer.BatchNorm())
            : Layer.Sequential.of(
                Layer.Conv2d.of(planes, 3, stride, 1), new Layer.BatchNorm(), new Layer.Relu(),
                Layer.Conv2d.of(planes, 3, 1, 1), new Layer.BatchNorm());
        Layer shortcut = stride != 1 || in != out
            ? Layer.Sequential.of(Layer.Conv2d.of(out, 1, stride, 0), new Layer.BatchNorm())
            : Layer.Sequential.of();
        ls.add(new Layer.Residual(body, shortcut));
        ls.add(new Layer.Relu());
        in = out;
      }
    }
    return new Layer.Sequential(withPooling(ls, dropout, spatial));
  }

  // ---- MobileNetV2 ----

  private static final int[][] MOBILENET_V2 = {
    // expansion t, channels c, repeats n, stride s
    {1, 16, 1, 1}, {6, 24, 2, 2}, {6, 32, 3, 2}, {6, 64, 4, 2}, {6, 96, 3, 1}, {6, 160, 3, 2}, {6, 320, 1, 1},
  };

  /**
   * MobileNetV2: stem conv3x3-BN-ReLU6, inverted residuals (1x1 expand-BN-ReLU6, depthwise 3x3
   * conv-BN-ReLU6, linear 1x1 projection-BN; identity shortcut when stride 1 and widths match), a
   * final 1x1 conv-BN-ReLU6. Small inputs use stride 1 in the stem and in the second stage.
   */
  public static Layer mobilenetV2(double widthMult, int lastChannels, boolean smallInput, float dropout,
      boolean spatial) {
    if (!(widthMult > 0)) {
      throw new ConfigException("arch.width_mult", "width_mult must be > 0, got " + widthMult + ".");
    }
    List<Layer> ls = new ArrayList<>();
    int in = divisible(32 * widthMult);
    ls.add(Layer.Conv2d.of(in, 3, smallInput ? 1 : 2, 1));
    ls.add(new Layer.BatchNorm());
    ls.add(new Layer.Relu6());
    for (int si = 0; si < MOBILENET_V2.length; si++) {
      int[] cfg = MOBILENET_V2[si];
      int out = divisible(cfg[1] * widthMult);
      for (int i = 0; i < cfg[2]; i++) {
        int stride = i == 0 ? (smallInput && si == 1 ? 1 : cfg[3]) : 1;
        int hidden = in * cfg[0];
        List<Layer> body = new ArrayList<>();
        if (cfg[0] != 1) {
          body.add(Layer.Conv2d.of(hidden, 1, 1, 0));
          body.add(new Layer.BatchNorm());
          body.add(new Layer.Relu6());
        }
        body.add(new Layer.Conv2d(hidden, 3, stride, 1, hidden, false));
        body.add(new Layer.BatchNorm());
        body.add(new Layer.Relu6());
        body.add(Layer.Conv2d.of(out, 1, 1, 0));
        body.add(new Layer.BatchNorm());
        Layer seq = new Layer.Sequential(body);
        ls.add(stride == 1 && in == out ? Layer.Residual.identity(seq) : seq);
        in = out;
      }
    }
    int last = widthMult > 1.0 ? divisible(lastChannels * widthMult) : lastChannels;
    ls.add(Layer.Conv2d.of(last, 1, 1, 0));
    ls.add(new Layer.BatchNorm());
    ls.add(new Layer.Relu6());
    return new Layer.Sequential(withPooling(ls, dropout, spatial));
  }

  // ---- helpers ----

  private static List<Layer> withPooling(List<Layer> ls, float dropout, boolean spatial) {
    if (!spatial) {
      ls.add(new Layer.GlobalAvgPool());
      ls.add(new Layer.Flatten());
    }
    if (dropout > 0) {
      ls.add(new Layer.Dropout(dropout));
    }
    return ls;
  }

  /** Rounds channels to a multiple of 8, never more than 10 % below the value (as MobileNetV2). */
  static int divisible(double v) {
    int r = Math.max(8, (int) (v + 4) / 8 * 8);
    if (r < 0.9 * v) {
      r += 8;
    }
    return r;
  }

  private static boolean small(String smallInput, Shape input) {
    return switch (smallInput) {
      case "auto" -> input.dimension() == 3 && Math.min(input.get(1), input.get(2)) <= SMALL_INPUT_MAX;
      case "true" -> true;
      default -> false;
    };
  }
}
