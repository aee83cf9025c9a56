package io.mml.runtime.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.Shape;
import io.mml.runtime.config.Config;
import io.mml.runtime.config.ConfigException;
import io.mml.runtime.config.Yaml;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Spec construction and shapes only (no engine). */
class ModelFactoryTest {
  static final Shape IMAGE = new Shape(3, 32, 32);

  static Config arch(String name) {
    try (InputStream in = ModelFactoryTest.class.getResourceAsStream("/META-INF/mml/configs/arch/" + name + ".yaml")) {
      return Config.of(Yaml.parseMapping(new String(in.readAllBytes(), StandardCharsets.UTF_8), name));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  static Config yaml(String text) {
    return ArchConfigs.with(text);
  }

  static List<Layer> leaves(Layer l) {
    List<Layer> out = new ArrayList<>();
    Layer.mapLeaves(l, x -> {
      out.add(x);
      return x;
    });
    return out;
  }

  @Test
  void featureWidthsOfTheShippedArchitectures() {
    assertEquals(256, ModelFactory.backbone(arch("mlp"), IMAGE).featureWidth());
    assertEquals(128, ModelFactory.backbone(arch("cnn"), IMAGE).featureWidth());
    assertEquals(512, ModelFactory.backbone(arch("resnet18"), IMAGE).featureWidth());
    assertEquals(512, ModelFactory.backbone(arch("resnet34"), IMAGE).featureWidth());
    assertEquals(2048, ModelFactory.backbone(arch("resnet50"), new Shape(3, 224, 224)).featureWidth());
    assertEquals(1280, ModelFactory.backbone(arch("mobilenet"), IMAGE).featureWidth());
    assertEquals("resnet18", ModelFactory.backbone(arch("resnet18"), IMAGE).name());
  }

  @Test
  void layerCountsMatchTheNamedDepths() {
    // conv layers with weights: ResNet-18 = 17 convs + 3 projection shortcuts; ResNet-50 = 49 + 4
    assertEquals(20, leaves(ModelFactory.backbone(arch("resnet18"), IMAGE).layer()).stream()
        .filter(l -> l instanceof Layer.Conv2d).count());
    assertEquals(36, leaves(ModelFactory.backbone(arch("resnet34"), IMAGE).layer()).stream()
        .filter(l -> l instanceof Layer.Conv2d).count());
    assertEquals(53, leaves(ModelFactory.backbone(arch("resnet50"), IMAGE).layer()).stream()
        .filter(l -> l instanceof Layer.Conv2d).count());
    List<Layer> mobile = leaves(ModelFactory.backbone(arch("mobilenet"), IMAGE).layer());
    assertEquals(17, mobile.stream().filter(l -> l instanceof Layer.Conv2d c && c.groups() == c.out() && c.groups() > 1)
        .count(), "one depthwise conv per inverted residual block");
    assertTrue(mobile.stream().anyMatch(l -> l instanceof Layer.Relu6));
  }

  @Test
  void stemDependsOnInputSize() {
    Backbone small = ModelFactory.backbone(arch("resnet18"), IMAGE, true);
    Backbone large = ModelFactory.backbone(arch("resnet18"), new Shape(3, 224, 224), true);
    assertEquals(new Shape(512, 4, 4), small.outputShape());
    assertEquals(new Shape(512, 7, 7), large.outputShape());
    assertTrue(small.spatial());
    assertFalse(leaves(small.layer()).stream().anyMatch(l -> l instanceof Layer.MaxPool));
    assertTrue(leaves(large.layer()).stream().anyMatch(l -> l instanceof Layer.MaxPool));
    Backbone forced = ModelFactory.backbone(yaml("type: resnet\ndepth: 18\nsmall_input: false\n"), IMAGE, true);
    assertEquals(new Shape(512, 1, 1), forced.outputShape());
  }

  @Test
  void mlpOptions() {
    Backbone b = ModelFactory.backbone(yaml("type: mlp\nhidden: [64, 32]\ndropout: 0.5\n"), new Shape(1, 28, 28));
    assertEquals(32, b.featureWidth());
    assertEquals(2, leaves(b.layer()).stream().filter(l -> l instanceof Layer.Dropout).count());
    assertEquals(784, ModelFactory.backbone(yaml("type: mlp\nhidden: []\n"), new Shape(1, 28, 28)).featureWidth());
    assertThrows(ConfigException.class, () -> ModelFactory.backbone(arch("mlp"), IMAGE, true));
  }

  @Test
  void thinnerVariants() {
    assertEquals(128, ModelFactory.backbone(yaml("type: resnet\ndepth: 18\nwidth: 16\n"), IMAGE).featureWidth());
    assertEquals(1280, ModelFactory.backbone(yaml("type: mobilenet\nwidth_mult: 0.5\n"), IMAGE).featureWidth());
    assertEquals(2560, ModelFactory.backbone(yaml("type: mobilenet\nwidth_mult: 2.0\n"), IMAGE).featureWidth());
    assertEquals(16, ModelFactory.divisible(16));
    assertEquals(8, ModelFactory.divisible(3));
  }

  @Test
  void badConfigsNameTheKey() {
    ConfigException e = assertThrows(ConfigException.class, () -> ModelFactory.backbone(yaml("type: vgg\n"), IMAGE));
    assertTrue(e.getMessage().contains("vgg"), e.getMessage());
    assertThrows(ConfigException.class, () -> ModelFactory.backbone(yaml("type: resnet\ndepth: 20\n"), IMAGE));
    assertThrows(ConfigException.class, () -> ModelFactory.backbone(yaml("type: mlp\ndropout: 1.5\n"), IMAGE));
    assertThrows(ConfigException.class, () -> ModelFactory.backbone(yaml("type: resnet\nsmall_input: maybe\n"), IMAGE));
    ConfigException typo = assertThrows(ConfigException.class,
        () -> ModelFactory.backbone(yaml("type: cnn\nchanels: [8]\n"), IMAGE));
    assertEquals("arch.chanels", typo.keyPath());
    assertTrue(typo.getMessage().contains("Did you mean 'channels'"), typo.getMessage());
    ConfigException missing = assertThrows(ConfigException.class,
        () -> ModelFactory.backbone(Config.of(Yaml.parseMapping("type: resnet\ndepth: 18\n", "t")), IMAGE));
    assertTrue(missing.getMessage().contains("missing"), missing.getMessage());
    // too many poolings for a tiny input
    assertThrows(ConfigException.class,
        () -> ModelFactory.backbone(yaml("type: cnn\nchannels: [8, 8, 8, 8, 8, 8]\n"), new Shape(1, 16, 16)));
  }

  @Test
  void modelSpecsCheckHeads() {
    Backbone flat = ModelFactory.backbone(arch("cnn"), IMAGE);
    Backbone dense = ModelFactory.backbone(arch("cnn"), IMAGE, true);
    ModelSpec multi = new ModelSpec(flat, List.of(HeadSpec.linear("a", 3), HeadSpec.linear("b", 1)));
    assertEquals(List.of("logits_a", "logits_b"), multi.outputNames());
    assertEquals(List.of(new Shape(3), new Shape(1)), multi.outputShapes());
    assertEquals(List.of("output"), ModelSpec.single(flat, Layer.Linear.of(2)).outputNames());
    assertThrows(IllegalArgumentException.class, () -> new ModelSpec(flat, List.of(HeadSpec.conv1x1("s", 2))));
    assertThrows(IllegalArgumentException.class, () -> new ModelSpec(dense, List.of(HeadSpec.linear("c", 2))));
    assertThrows(IllegalArgumentException.class,
        () -> new ModelSpec(flat, List.of(HeadSpec.linear("a", 3), HeadSpec.linear("a", 1))));
    assertThrows(IllegalArgumentException.class, () -> new HeadSpec("bad name", Layer.Linear.of(1)));
    assertEquals(new Shape(4, 4, 4), new ModelSpec(dense, List.of(SpecTaskHead.conv1x1().spec("s", 4)))
        .outputShapes().get(0));
    assertTrue(SpecTaskHead.conv1x1().dense());
    assertEquals(HeadSpec.linear("t", 5), SpecTaskHead.specOf(SpecTaskHead.linear(), "t", 5));
  }
}
