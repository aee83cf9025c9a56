package io.mml.runtime.models;

import ai.djl.ndarray.types.Shape;

/**
 * A backbone spec with the shapes it was checked against.
 *
 * @param name the architecture id ({@code mlp}, {@code resnet18}, ...)
 * @param layer the layers
 * @param inputShape per-sample input shape ({@code (C, H, W)} or {@code (F)})
 * @param outputShape per-sample feature shape: {@code (F)} for a flat backbone, {@code (C, h, w)} for a
 *     spatial one (segmentation)
 */
public record Backbone(String name, Layer layer, Shape inputShape, Shape outputShape) {
  public Backbone {
    Shape computed = layer.outputShape(inputShape);
    if (outputShape == null) {
      outputShape = computed;
    } else if (!computed.equals(outputShape)) {
      throw new IllegalArgumentException("Backbone " + name + " gives " + computed + ", not " + outputShape);
    }
  }

  public Backbone(String name, Layer layer, Shape inputShape) {
    this(name, layer, inputShape, null);
  }

  /** Features per sample (flat) or feature channels (spatial): what a head receives. */
  public int featureWidth() {
    return (int) outputShape.get(0);
  }

  /** Whether the features keep spatial axes {@code (C, h, w)}. */
  public boolean spatial() {
    return outputShape.dimension() == 3;
  }
}
