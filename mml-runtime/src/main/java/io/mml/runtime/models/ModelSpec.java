package io.mml.runtime.models;

import ai.djl.ndarray.types.Shape;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A whole model: one backbone and one or more heads on its features. The model's output is an
 * NDList with one tensor per head, in head order (ONNX outputs in the same order, named by
 * {@link HeadSpec#outputName()}).
 */
public record ModelSpec(Backbone backbone, List<HeadSpec> heads) {
  public ModelSpec {
    heads = List.copyOf(heads);
    if (heads.isEmpty()) {
      throw new IllegalArgumentException("A model needs at least one head");
    }
    Set<String> names = new HashSet<>();
    for (HeadSpec h : heads) {
      if (h.task() == null && heads.size() > 1) {
        throw new IllegalArgumentException("Heads of a multitask model need task names");
      }
      if (!names.add(h.outputName())) {
        throw new IllegalArgumentException("Duplicate head " + h.outputName());
      }
      h.outputShape(backbone.outputShape()); // fails early on a head that does not fit
    }
  }

  /** A one-task model whose ONNX output is called {@code output}. */
  public static ModelSpec single(Backbone backbone, Layer head) {
    return new ModelSpec(backbone, List.of(new HeadSpec(null, head)));
  }

  /** The same model with every leaf layer of backbone and heads replaced by {@code f(leaf)}. */
  public ModelSpec mapLayers(UnaryOperator<Layer> f) {
    Backbone b = new Backbone(backbone.name(), Layer.mapLeaves(backbone.layer(), f), backbone.inputShape());
    return new ModelSpec(b, heads.stream().map(h -> new HeadSpec(h.task(), Layer.mapLeaves(h.layer(), f))).toList());
  }

  /** ONNX output names, head order. */
  public List<String> outputNames() {
    return heads.stream().map(HeadSpec::outputName).toList();
  }

  /** Per-sample output shapes, head order. */
  public List<Shape> outputShapes() {
    return heads.stream().map(h -> h.outputShape(backbone.outputShape())).toList();
  }

  public Shape inputShape() {
    return backbone.inputShape();
  }
}
