package io.mml.runtime.infer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A tiny hand-written ONNX (protobuf) encoder for tests and benchmarks: enough of ModelProto to
 * build small graphs (Gemm, Conv, Relu, pooling, ...) without a protobuf library. Field numbers
 * follow onnx.proto (IR version 7, default opset 13).
 */
public final class TinyOnnx {
  /** ONNX element types. */
  public static final int FLOAT = 1;
  public static final int INT64 = 7;

  private final List<byte[]> nodes = new ArrayList<>();
  private final List<byte[]> initializers = new ArrayList<>();
  private final List<byte[]> inputs = new ArrayList<>();
  private final List<byte[]> outputs = new ArrayList<>();

  /** A graph input; a {@code null} or negative dimension becomes a symbolic one ("N", "d1", ...). */
  public TinyOnnx input(String name, int elemType, long... dims) {
    inputs.add(valueInfo(name, elemType, dims));
    return this;
  }

  public TinyOnnx output(String name, int elemType, long... dims) {
    outputs.add(valueInfo(name, elemType, dims));
    return this;
  }

  /** A float initializer (weights). */
  public TinyOnnx weights(String name, float[] values, long... dims) {
    Pb t = new Pb();
    for (long d : dims) {
      t.varintField(1, d);
    }
    t.varintField(2, FLOAT);
    t.bytesField(8, name.getBytes(StandardCharsets.UTF_8));
    byte[] raw = new byte[values.length * 4];
    for (int i = 0; i < values.length; i++) {
      int b = Float.floatToIntBits(values[i]);
      raw[4 * i] = (byte) b;
      raw[4 * i + 1] = (byte) (b >>> 8);
      raw[4 * i + 2] = (byte) (b >>> 16);
      raw[4 * i + 3] = (byte) (b >>> 24);
    }
    t.bytesField(9, raw);
    initializers.add(t.bytes());
    return this;
  }

  /** A node; {@code attrs} are made with {@link #intAttr}, {@link #intsAttr}, {@link #floatAttr}. */
  public TinyOnnx node(String opType, List<String> in, List<String> out, byte[]... attrs) {
    Pb n = new Pb();
    for (String s : in) {
      n.stringField(1, s);
    }
    for (String s : out) {
      n.stringField(2, s);
    }
    n.stringField(3, opType + "_" + nodes.size());
    n.stringField(4, opType);
    for (byte[] a : attrs) {
      n.bytesField(5, a);
    }
    nodes.add(n.bytes());
    return this;
  }

  public static byte[] intAttr(String name, long v) {
    Pb a = new Pb();
    a.stringField(1, name);
    a.varintField(3, v);
    a.varintField(20, 2); // INT
    return a.bytes();
  }

  public static byte[] intsAttr(String name, long... vs) {
    Pb a = new Pb();
    a.stringField(1, name);
    for (long v : vs) {
      a.varintField(8, v);
    }
    a.varintField(20, 7); // INTS
    return a.bytes();
  }

  public static byte[] floatAttr(String name, float v) {
    Pb a = new Pb();
    a.stringField(1, name);
    a.fixed32Field(2, Float.floatToIntBits(v));
    a.varintField(20, 1); // FLOAT
    return a.bytes();
  }

  /** The ModelProto bytes. */
  public byte[] bytes() {
    Pb g = new Pb();
    for (byte[] n : nodes) {
      g.bytesField(1, n);
    }
    g.stringField(2, "tiny");
    for (byte[] t : initializers) {
      g.bytesField(5, t);
    }
    for (byte[] v : inputs) {
      g.bytesField(11, v);
    }
    for (byte[] v : outputs) {
      g.bytesField(12, v);
    }
    Pb opset = new Pb();
    opset.stringField(1, "");
    opset.varintField(2, 13);
    Pb m = new Pb();
    m.varintField(1, 7); // ir_version
    m.stringField(2, "mml-tests");
    m.bytesField(7, g.bytes());
    m.bytesField(8, opset.bytes());
    return m.bytes();
  }

  public Path write(Path file) {
    try {
      Files.write(file, bytes());
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] valueInfo(String name, int elemType, long... dims) {
    Pb shape = new Pb();
    for (int i = 0; i < dims.length; i++) {
      Pb dim = new Pb();
      if (dims[i] < 0) {
        dim.stringField(2, i == 0 ? "N" : "d" + i);
      } else {
        dim.varintField(1, dims[i]);
      }
      shape.bytesField(1, dim.bytes());
    }
    Pb tensor = new Pb();
    tensor.varintField(1, elemType);
    tensor.bytesField(2, shape.bytes());
    Pb type = new Pb();
    type.bytesField(1, tensor.bytes());
    Pb vi = new Pb();
    vi.stringField(1, name);
    vi.bytesField(2, type.bytes());
    return vi.bytes();
  }

  /** Deterministic pseudo-random weights in [-1, 1). */
  public static float[] values(int n, long seed) {
    float[] v = new float[n];
    long s = seed * 0x9E3779B97F4A7C15L + 1;
    for (int i = 0; i < n; i++) {
      s ^= s << 13;
      s ^= s >>> 7;
      s ^= s << 17;
      v[i] = ((s >>> 40) / (float) (1L << 24)) * 2 - 1;
    }
    return v;
  }

  /** A minimal protobuf writer. */
  static final class Pb {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    void varint(long v) {
      while ((v & ~0x7FL) != 0) {
        out.write((int) ((v & 0x7F) | 0x80));
        v >>>= 7;
      }
      out.write((int) v);
    }

    void tag(int field, int wire) {
      varint(((long) field << 3) | wire);
    }

    void varintField(int field, long v) {
      tag(field, 0);
      varint(v);
    }

    void fixed32Field(int field, int bits) {
      tag(field, 5);
      for (int i = 0; i < 4; i++) {
        out.write((bits >>> (8 * i)) & 0xFF);
      }
    }

    void bytesField(int field, byte[] b) {
      tag(field, 2);
      varint(b.length);
      out.write(b, 0, b.length);
    }

    void stringField(int field, String s) {
      bytesField(field, s.getBytes(StandardCharsets.UTF_8));
    }

    byte[] bytes() {
      return out.toByteArray();
    }
  }
}
