package io.mml.runtime.models;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds DJL blocks from a {@link Layer} spec. The block tree mirrors the spec one to one (a
 * {@link Layer.Sequential} is a {@link SequentialBlock} with one child per layer, a
 * {@link Layer.Residual} a {@link ParallelBlock} of body and shortcut joined by a sum, a model a
 * {@link SequentialBlock} of backbone and a {@link ParallelBlock} of heads), which is what lets the
 * ONNX exporter read each layer's parameters from the block at the same place.
 */
public final class SpecToDjl {
  /** The engine used for models (its random seed makes initialisation repeatable). */
  public static final String ENGINE = "PyTorch";

  private SpecToDjl() {}

  /** The block of one layer spec (uninitialised). */
  public static Block build(Layer layer) {
    if (layer instanceof Layer.Conv2d c) {
      return Conv2d.builder()
          .setFilters(c.out())
          .setKernelShape(new Shape(c.kernel(), c.kernel()))
          .optStride(new Shape(c.stride(), c.stride()))
          .optPadding(new Shape(c.pad(), c.pad()))
          .optGroups(c.groups())
          .optBias(c.bias())
          .build();
    } else if (layer instanceof Layer.BatchNorm b) {
      return BatchNorm.builder().optAxis(1).optEpsilon(Layer.BatchNorm.EPSILON).optMomentum(b.momentum()).build();
    } else if (layer instanceof Layer.Relu) {
      return Activation.reluBlock();
    } else if (layer instanceof Layer.Relu6) {
      return Activation.relu6Block();
    } else if (layer instanceof Layer.MaxPool p) {
      return Pool.maxPool2dBlock(new Shape(p.kernel(), p.kernel()), new Shape(p.stride(), p.stride()),
          new Shape(p.pad(), p.pad()), false);
    } else if (layer instanceof Layer.AvgPool p) {
      return Pool.avgPool2dBlock(new Shape(p.kernel(), p.kernel()), new Shape(p.stride(), p.stride()),
          new Shape(p.pad(), p.pad()), false, true);
    } else if (layer instanceof Layer.GlobalAvgPool) {
      return new LambdaBlock(SpecToDjl::globalAvgPool, "globalAvgPool");
    } else if (layer instanceof Layer.Flatten) {
      return Blocks.batchFlattenBlock();
    } else if (layer instanceof Layer.UpsampleNearest u) {
      int f = u.factor();
      return new LambdaBlock(in -> new NDList(in.singletonOrThrow().repeat(2, f).repeat(3, f)), "upsampleNearest");
    } else if (layer instanceof Layer.Linear l) {
      return withTorchInit(Linear.builder().setUnits(l.out()).optBias(l.bias()).build());
    } else if (layer instanceof Layer.Dropout d) {
      return Dropout.builder().optRate(d.rate()).build();
    } else if (layer instanceof Layer.Sequential s) {
      if (s.layers().isEmpty()) {
        return Blocks.identityBlock(); // DJL refuses to run an empty SequentialBlock
      }
      SequentialBlock block = new SequentialBlock();
      for (Layer l : s.layers()) {
        block.add(build(l));
      }
      return block;
    } else if (layer instanceof Layer.Residual r) {
      return new ParallelBlock(SpecToDjl::sum, List.of(build(r.body()), build(r.shortcut())));
    }
    throw new IllegalArgumentException("Unknown layer " + layer);
  }

  /**
   * Linear weights start as PyTorch's do ({@code kaiming_uniform_} with {@code a = sqrt(5)}: uniform
   * in {@code +-1/sqrt(fan_in)}). With DJL's default (Xavier) the MLP of bench/train-vs-pytorch.sh
   * ended 6 epochs 2.5-3 points under its PyTorch twin on each of 3 seeds. Convolutions keep DJL's
   * default: with PyTorch's bounds there a small BatchNorm CNN on 48 images stopped learning.
   */
  static Block withTorchInit(Block block) {
    block.setInitializer(SpecToDjl::torchUniform, Parameter.Type.WEIGHT);
    return block;
  }

  private static NDArray torchUniform(NDManager manager, Shape shape, DataType type) {
    long fanIn = shape.dimension() > 1 ? shape.size() / shape.get(0) : shape.size();
    float bound = (float) (1 / Math.sqrt(Math.max(1, fanIn)));
    return manager.randomUniform(-bound, bound, shape, type);
  }

  /** The block of a whole model: backbone, then all heads on its features; output one tensor per head. */
  public static Block build(ModelSpec model) {
    List<Block> heads = new ArrayList<>();
    for (HeadSpec h : model.heads()) {
      heads.add(build(h.layer()));
    }
    SequentialBlock block = new SequentialBlock();
    block.add(build(model.backbone().layer()));
    block.add(new ParallelBlock(SpecToDjl::concatLists, heads));
    return block;
  }

  /**
   * Builds and initialises a model block with the engine's random seed set first, so the same seed
   * gives the same weights.
   */
  public static Block buildInitialised(ModelSpec model, NDManager manager, long seed) {
    Engine.getEngine(ENGINE).setRandomSeed((int) seed);
    Block block = build(model);
    block.initialize(manager, DataType.FLOAT32, batchShape(model.inputShape(), 1));
    return block;
  }

  /** The per-sample shape with a leading batch axis. */
  public static Shape batchShape(Shape perSample, long batch) {
    return new Shape(batch).addAll(perSample);
  }

  private static NDList globalAvgPool(NDList in) {
    NDArray x = in.singletonOrThrow();
    Shape s = x.getShape();
    return new NDList(Pool.globalAvgPool2d(x).reshape(s.get(0), s.get(1), 1, 1));
  }

  private static NDList sum(List<NDList> branches) {
    NDArray a = branches.get(0).singletonOrThrow();
    NDArray b = branches.get(1).singletonOrThrow();
    return new NDList(a.add(b));
  }

  private static NDList concatLists(List<NDList> outs) {
    NDList all = new NDList(outs.size());
    for (NDList o : outs) {
      all.addAll(o);
    }
    return all;
  }
}
