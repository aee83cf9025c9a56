package io.mml.runtime.onnx;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import io.mml.runtime.files.AtomicFiles;
import io.mml.runtime.models.HeadSpec;
import io.mml.runtime.models.Layer;
import io.mml.runtime.models.ModelSpec;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a model as ONNX (opset 17, IR version 8) from its {@link ModelSpec} and the parameters of
 * the DJL block built from it by {@code SpecToDjl.build(ModelSpec)}. The spec gives the graph, the
 * block (walked in parallel, child by child) gives the weights; nothing is guessed from DJL's opaque
 * lambda blocks.
 *
 * <p>Graph: input {@code input} {@code [batch, ...]} with a dynamic batch axis; one output per head
 * named {@link HeadSpec#outputName()}. Layers map to Conv (weights as initializers),
 * BatchNormalization in inference form (scale, B, running mean and variance, epsilon 1e-5), Relu,
 * Clip(0, 6), MaxPool, AveragePool (count_include_pad 1), GlobalAveragePool, Flatten(axis 1),
 * Gemm(transB 1) and Add for residuals; Dropout is the identity and writes no node.
 */
public final class OnnxExporter {
  public static final int OPSET = 17;
  public static final long IR_VERSION = 8;
  public static final String INPUT_NAME = "input";
  public static final String BATCH_DIM = "batch";

  private final GraphProto.Builder graph = GraphProto.newBuilder();
  private final List<NodeProto.Builder> nodes = new ArrayList<>();
  private final Map<String, Integer> opCounts = new HashMap<>();

  private OnnxExporter() {}

  /** Writes the model atomically to {@code out}. */
  public static void export(ModelSpec spec, Block block, Path out) {
    AtomicFiles.write(out, toBytes(spec, block));
  }

  /** The serialised ONNX model. */
  public static byte[] toBytes(ModelSpec spec, Block block) {
    return toModel(spec, block).toByteArray();
  }

  /** The ONNX model proto. */
  public static ModelProto toModel(ModelSpec spec, Block block) {
    OnnxExporter ex = new OnnxExporter();
    GraphProto graph = ex.buildGraph(spec, block);
    return ModelProto.newBuilder()
        .setIrVersion(IR_VERSION)
        .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
        .setProducerName("mml")
        .setProducerVersion(java.util.Objects.requireNonNullElse(OnnxExporter.class.getPackage().getImplementationVersion(), "dev"))
        .setDocString("backbone " + spec.backbone().name())
        .setGraph(graph)
        .build();
  }

  private GraphProto buildGraph(ModelSpec spec, Block block) {
    List<Block> parts = children(block, 2, "model");
    graph.setName(spec.backbone().name());
    graph.addInput(valueInfo(INPUT_NAME, spec.inputShape()));
    String features = emit(spec.backbone().layer(), parts.get(0), INPUT_NAME, "backbone");
    List<Block> heads = children(parts.get(1), spec.heads().size(), "heads");
    List<Shape> outShapes = spec.outputShapes();
    for (int i = 0; i < spec.heads().size(); i++) {
      HeadSpec h = spec.heads().get(i);
      String prefix = h.task() == null ? "head" : "head_" + h.task();
      String out = emit(h.layer(), heads.get(i), features, prefix);
      String name = h.outputName();
      NodeProto.Builder producer = out.equals(features) || out.equals(INPUT_NAME) ? null : producerOf(out);
      if (producer == null) {
        node("Identity", List.of(out), name);
      } else {
        producer.setOutput(0, name);
      }
      graph.addOutput(valueInfo(name, outShapes.get(i)));
    }
    for (NodeProto.Builder n : nodes) {
      graph.addNode(n);
    }
    return graph.build();
  }

  /** Emits the nodes of one layer; returns the name of its output tensor. */
  private String emit(Layer layer, Block block, String in, String path) {
    if (layer instanceof Layer.Conv2d c) {
      long inPerGroup = param(block, "weight", path).getShape().get(1);
      float[] w = floats(param(block, "weight", path), new Shape(c.out(), inPerGroup, c.kernel(), c.kernel()), path);
      List<String> inputs = new ArrayList<>(List.of(in,
          initializer(path + ".weight", w, c.out(), inPerGroup, c.kernel(), c.kernel())));
      if (c.bias()) {
        inputs.add(initializer(path + ".bias", floats(param(block, "bias", path), new Shape(c.out()), path), c.out()));
      }
      NodeProto.Builder n = nodeBuilder("Conv", inputs);
      n.addAttribute(ints("kernel_shape", c.kernel(), c.kernel()));
      n.addAttribute(ints("strides", c.stride(), c.stride()));
      n.addAttribute(ints("pads", c.pad(), c.pad(), c.pad(), c.pad()));
      n.addAttribute(ints("dilations", 1, 1));
      n.addAttribute(intAttr("group", c.groups()));
      return n.getOutput(0);
    } else if (layer instanceof Layer.BatchNorm) {
      long ch = param(block, "gamma", path).getShape().get(0);
      Shape s = new Shape(ch);
      NodeProto.Builder n = nodeBuilder("BatchNormalization", List.of(in,
          initializer(path + ".gamma", floats(param(block, "gamma", path), s, path), ch),
          initializer(path + ".beta", floats(param(block, "beta", path), s, path), ch),
          initializer(path + ".running_mean", floats(param(block, "runningMean", path), s, path), ch),
          initializer(path + ".running_var", floats(param(block, "runningVar", path), s, path), ch)));
      n.addAttribute(AttributeProto.newBuilder().setName("epsilon").setType(AttributeProto.AttributeType.FLOAT)
          .setF(Layer.BatchNorm.EPSILON));
      return n.getOutput(0);
    } else if (layer instanceof Layer.Relu) {
      return node("Relu", List.of(in));
    } else if (layer instanceof Layer.Relu6) {
      return node("Clip", List.of(in, initializer(path + ".min", new float[] {0f}), initializer(path + ".max",
          new float[] {6f})));
    } else if (layer instanceof Layer.MaxPool p) {
      NodeProto.Builder n = nodeBuilder("MaxPool", List.of(in));
      poolAttributes(n, p.kernel(), p.stride(), p.pad());
      return n.getOutput(0);
    } else if (layer instanceof Layer.AvgPool p) {
      NodeProto.Builder n = nodeBuilder("AveragePool", List.of(in));
      poolAttributes(n, p.kernel(), p.stride(), p.pad());
      n.addAttribute(intAttr("count_include_pad", 1));
      return n.getOutput(0);
    } else if (layer instanceof Layer.GlobalAvgPool) {
      return node("GlobalAveragePool", List.of(in));
    } else if (layer instanceof Layer.Flatten) {
      NodeProto.Builder n = nodeBuilder("Flatten", List.of(in));
      n.addAttribute(intAttr("axis", 1));
      return n.getOutput(0);
    } else if (layer instanceof Layer.UpsampleNearest u) {
      float f = u.factor();
      NodeProto.Builder n = nodeBuilder("Resize", List.of(in, "", initializer(path + ".scales",
          new float[] {1f, 1f, f, f}, 4)));
      n.addAttribute(stringAttr("mode", "nearest"));
      n.addAttribute(stringAttr("coordinate_transformation_mode", "asymmetric"));
      n.addAttribute(stringAttr("nearest_mode", "floor"));
      return n.getOutput(0);
    } else if (layer instanceof Layer.Linear l) {
      long inF = param(block, "weight", path).getShape().get(1);
      List<String> inputs = new ArrayList<>(List.of(in,
          initializer(path + ".weight", floats(param(block, "weight", path), new Shape(l.out(), inF), path), l.out(), inF)));
      if (l.bias()) {
        inputs.add(initializer(path + ".bias", floats(param(block, "bias", path), new Shape(l.out()), path), l.out()));
      }
      NodeProto.Builder n = nodeBuilder("Gemm", inputs);
      n.addAttribute(intAttr("transB", 1));
      return n.getOutput(0);
    } else if (layer instanceof Layer.Dropout) {
      return in; // identity at inference
    } else if (layer instanceof Layer.Sequential s) {
      List<Block> kids = children(block, s.layers().size(), path);
      String cur = in;
      for (int i = 0; i < s.layers().size(); i++) {
        cur = emit(s.layers().get(i), kids.get(i), cur, path + "." + i);
      }
      return cur;
    } else if (layer instanceof Layer.Residual r) {
      List<Block> kids = children(block, 2, path);
      String a = emit(r.body(), kids.get(0), in, path + ".body");
      String b = isIdentity(r.shortcut()) ? in : emit(r.shortcut(), kids.get(1), in, path + ".shortcut");
      return node("Add", List.of(a, b));
    }
    throw new IllegalArgumentException("Cannot export layer " + layer);
  }

  private static boolean isIdentity(Layer l) {
    if (l instanceof Layer.Sequential s) {
      return s.layers().stream().allMatch(OnnxExporter::isIdentity);
    }
    return l instanceof Layer.Dropout;
  }

  private void poolAttributes(NodeProto.Builder n, int kernel, int stride, int pad) {
    n.addAttribute(ints("kernel_shape", kernel, kernel));
    n.addAttribute(ints("strides", stride, stride));
    n.addAttribute(ints("pads", pad, pad, pad, pad));
    n.addAttribute(intAttr("ceil_mode", 0));
  }

  // ---- graph building ----

  private String node(String op, List<String> inputs) {
    return nodeBuilder(op, inputs).getOutput(0);
  }

  private void node(String op, List<String> inputs, String output) {
    nodeBuilder(op, inputs).setOutput(0, output);
  }

  private NodeProto.Builder nodeBuilder(String op, List<String> inputs) {
    int k = opCounts.merge(op, 1, Integer::sum);
    String name = op.toLowerCase(java.util.Locale.ROOT) + "_" + k;
    NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(name).addAllInput(inputs).addOutput(name + "_out");
    nodes.add(n);
    return n;
  }

  private NodeProto.Builder producerOf(String tensor) {
    for (NodeProto.Builder n : nodes) {
      if (n.getOutputList().contains(tensor)) {
        return n;
      }
    }
    return null;
  }

  private String initializer(String name, float[] values, long... dims) {
    ByteBuffer buf = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    buf.asFloatBuffer().put(values);
    TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT.getNumber())
        .setRawData(ByteString.copyFrom(buf.array()));
    for (long d : dims) {
      t.addDims(d);
    }
    graph.addInitializer(t);
    return name;
  }

  private static AttributeProto ints(String name, long... values) {
    AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
    for (long v : values) {
      a.addInts(v);
    }
    return a.build();
  }

  private static AttributeProto stringAttr(String name, String value) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRING)
        .setS(ByteString.copyFromUtf8(value)).build();
  }

  private static AttributeProto intAttr(String name, long value) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
  }

  private static ValueInfoProto valueInfo(String name, Shape perSample) {
    TensorShapeProto.Builder shape = TensorShapeProto.newBuilder()
        .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam(BATCH_DIM));
    for (long d : perSample.getShape()) {
      shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
    }
    return ValueInfoProto.newBuilder().setName(name)
        .setType(TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder()
            .setElemType(TensorProto.DataType.FLOAT.getNumber()).setShape(shape)))
        .build();
  }

  // ---- reading the DJL block ----

  private static List<Block> children(Block block, int expected, String path) {
    List<Block> kids = new ArrayList<>(block.getChildren().values());
    if (kids.size() != expected) {
      throw new IllegalArgumentException("Block at " + path + " has " + kids.size() + " children, the spec " + expected
          + ": the block was not built from this spec (SpecToDjl)");
    }
    return kids;
  }

  private static NDArray param(Block block, String name, String path) {
    Parameter p = block.getDirectParameters().get(name);
    if (p == null || !p.isInitialized()) {
      throw new IllegalArgumentException("Block at " + path + " (" + block.getClass().getSimpleName()
          + ") has no initialised parameter '" + name + "'");
    }
    return p.getArray();
  }

  private static float[] floats(NDArray a, Shape expected, String path) {
    if (!a.getShape().equals(expected)) {
      throw new IllegalArgumentException("Parameter at " + path + " has shape " + a.getShape() + ", expected " + expected);
    }
    return a.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
  }
}
