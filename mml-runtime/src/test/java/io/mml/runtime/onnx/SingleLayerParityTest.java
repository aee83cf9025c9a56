package io.mml.runtime.onnx;

import ai.djl.ndarray.types.Shape;
import io.mml.runtime.models.Backbone;
import io.mml.runtime.models.Layer;
import io.mml.runtime.models.ModelSpec;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each layer kind alone (odd, non-square input sizes), then flatten + linear, DJL vs ONNX Runtime. */
class SingleLayerParityTest {
  @BeforeAll
  static void start() {
    OnnxParityTest.start();
  }

  @AfterAll
  static void stop() {
    OnnxParityTest.stop();
  }

  static Stream<Arguments> layers() {
    Shape s = new Shape(3, 17, 15);
    return Stream.of(
        Arguments.of("conv-bias", s, new Layer.Conv2d(8, 3, 2, 1, 1, true)),
        Arguments.of("conv-5x5-s3", s, new Layer.Conv2d(4, 5, 3, 2, 1, false)),
        Arguments.of("avgpool-pad", s, new Layer.AvgPool(3, 2, 1)),
        Arguments.of("avgpool", s, new Layer.AvgPool(3, 2, 0)),
        Arguments.of("maxpool", s, new Layer.MaxPool(2, 2, 0)),
        Arguments.of("maxpool-pad", s, new Layer.MaxPool(3, 2, 1)),
        Arguments.of("relu6", s, new Layer.Relu6()),
        Arguments.of("group-conv", new Shape(4, 9, 8), new Layer.Conv2d(16, 3, 1, 1, 2, false)),
        Arguments.of("depthwise", new Shape(16, 9, 8), new Layer.Conv2d(16, 3, 1, 1, 16, true)),
        Arguments.of("batchnorm", s, new Layer.BatchNorm()),
        Arguments.of("global-avg", s, new Layer.GlobalAvgPool()),
        Arguments.of("linear-nobias", s, Layer.Sequential.of(new Layer.Flatten(), new Layer.Linear(12, false))),
        Arguments.of("flat-input", new Shape(20), Layer.Sequential.of(Layer.Linear.of(6), new Layer.Dropout(0.3f))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("layers")
  void layer(String label, Shape in, Layer layer) throws Exception {
    Backbone b = new Backbone(label, layer, in);
    Layer head = b.outputShape().dimension() == 1 ? Layer.Linear.of(4)
        : Layer.Sequential.of(new Layer.Flatten(), Layer.Linear.of(4));
    OnnxParityTest.parity(label, ModelSpec.single(b, head), 11, 3, null);
  }
}
