package io.mml.runtime.infer;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One input or output of an ONNX model.
 *
 * @param name the tensor name
 * @param shape the dimensions, -1 for dynamic (symbolic) ones; empty for non-tensor values
 * @param elementType ONNX element type name (float, double, int64, uint8, ...), or a description
 *     of a non-tensor value (sequence, map)
 */
public record TensorSpec(String name, List<Long> shape, String elementType) {
  public TensorSpec {
    shape = List.copyOf(shape);
  }

  public static TensorSpec of(String name, String elementType, long... shape) {
    return new TensorSpec(name, java.util.Arrays.stream(shape).boxed().toList(), elementType);
  }

  public int rank() {
    return shape.size();
  }

  /** Dimension {@code i}, -1 when dynamic. */
  public long dim(int i) {
    return shape.get(i);
  }

  public boolean isFloat() {
    return "float".equals(elementType);
  }

  /** The shape as written in messages: {@code [-1, 3, 32, 32]}. */
  public String shapeString() {
    return shape.stream().map(String::valueOf).collect(Collectors.joining(", ", "[", "]"));
  }

  /** {@code 'logits' [-1, 10] float}. */
  public String describe() {
    return "'" + name + "' " + shapeString() + " " + elementType;
  }
}
