package io.mml.runtime.infer;

import static io.mml.runtime.infer.TaskKind.CLASSIFICATION;
import static io.mml.runtime.infer.TaskKind.MULTILABEL;
import static io.mml.runtime.infer.TaskKind.REGRESSION;
import static io.mml.runtime.infer.TaskKind.SEGMENTATION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelSignatureTest {
  @TempDir Path dir;

  private static ModelSignature sig(List<TensorSpec> in, List<TensorSpec> out) {
    return new ModelSignature(Path.of("model.onnx"), in, out);
  }

  private static TensorSpec f(String name, long... shape) {
    return TensorSpec.of(name, "float", shape);
  }

  private static String error(ModelSignature s, TaskFit fit) {
    return assertThrows(InferException.class, () -> s.checkFits(fit)).getMessage();
  }

  private static void assertContains(String text, String... parts) {
    for (String p : parts) {
      assertTrue(text.contains(p), () -> "expected '" + p + "' in: " + text);
    }
  }

  @Test
  void detectsNamesShapesAndTypesFromOnnxFiles() {
    try (OnnxModel m = OnnxModel.open(TestModels.gemm(dir, "g.onnx", -1), OnnxModel.Options.cpu())) {
      assertEquals(List.of(TensorSpec.of("x", "float", -1, 4)), m.signature().inputs());
      assertEquals(List.of(TensorSpec.of("logits", "float", -1, 3)), m.signature().outputs());
      ModelBinding b = m.bind(TaskFit.of("t", CLASSIFICATION, 4, 1, 1, 3));
      assertEquals(0, b.fixedBatch());
      assertTrue(b.flatInput());
    }
    try (OnnxModel m = OnnxModel.open(TestModels.gemm(dir, "g1.onnx", 1), OnnxModel.Options.cpu())) {
      assertEquals("[1, 4]", m.signature().inputs().get(0).shapeString());
      assertEquals(1, m.bind(TaskFit.of("t", CLASSIFICATION, 4, 1, 1, 3)).fixedBatch());
    }
    try (OnnxModel m = OnnxModel.open(TestModels.seg(dir, 2, 3), OnnxModel.Options.cpu())) {
      assertEquals(List.of(TensorSpec.of("image", "float", -1, 2, -1, -1)), m.signature().inputs());
      assertEquals(List.of(TensorSpec.of("masks", "float", -1, 3, -1, -1)), m.signature().outputs());
      m.bind(TaskFit.of("s", SEGMENTATION, 2, -1, -1, 3));
    }
    try (OnnxModel m = OnnxModel.open(TestModels.twoInputs(dir), OnnxModel.Options.cpu())) {
      assertEquals(List.of("a", "b"), m.signature().inputs().stream().map(TensorSpec::name).toList());
    }
    try (OnnxModel m = OnnxModel.open(TestModels.labelsOutput(dir), OnnxModel.Options.cpu())) {
      assertEquals(TensorSpec.of("label", "int64", -1, 1), m.signature().outputs().get(0));
    }
  }

  @Test
  void theExampleMessageForAClassCountMismatch() {
    ModelSignature s = sig(List.of(f("x", -1, 3, 32, 32)), List.of(f("logits", -1, 10)));
    assertEquals("model.onnx: output 'logits' has shape [-1, 10] but task demo_shapes has 3 classes; "
        + "export the model with 3 outputs or choose another task",
        error(s, TaskFit.of("demo_shapes", CLASSIFICATION, 3, 32, 32, 3)));
  }

  @Test
  void severalInputsAreListed() throws Exception {
    try (OnnxModel m = OnnxModel.open(TestModels.twoInputs(dir), OnnxModel.Options.cpu())) {
      String e = assertThrows(InferException.class, () -> m.bind(TaskFit.of("t", CLASSIFICATION, 4, 1, 1, 4)))
          .getMessage();
      assertContains(e, "two_inputs.onnx: the model has 2 inputs ('a' [-1, 4] float, 'b' [-1, 4] float)",
          "exactly one float tensor", "task t");
    }
    assertContains(error(sig(List.of(), List.of(f("y", -1, 3))), TaskFit.of("t", CLASSIFICATION, 1, 2, 2, 3)),
        "has 0 inputs (none)");
  }

  @Test
  void aNonFloatInput() {
    try (OnnxModel m = OnnxModel.open(TestModels.intInput(dir), OnnxModel.Options.cpu())) {
      String e = assertThrows(InferException.class, () -> m.bind(TaskFit.of("t", CLASSIFICATION, 4, 1, 1, 3)))
          .getMessage();
      assertContains(e, "int_input.onnx: input 'ids' is int64 [-1, 4] but mml feeds float32 images [N, 4, 1, 1]");
    }
  }

  @Test
  void inputChannelsSizeAndRank() {
    ModelSignature cnn = sig(List.of(f("image", -1, 3, 8, 8)), List.of(f("logits", -1, 2)));
    assertContains(error(cnn, TaskFit.of("gray", CLASSIFICATION, 1, 8, 8, 2)),
        "model.onnx: input 'image' has shape [-1, 3, 8, 8] (3 channels) but task gray has 1-channel images [N, 1, 8, 8]");
    assertContains(error(cnn, TaskFit.of("big", CLASSIFICATION, 3, 16, 16, 2)),
        "input 'image' has shape [-1, 3, 8, 8] but task big images are 16x16", "preprocess to 8x8");
    assertContains(error(cnn, TaskFit.of("varied", CLASSIFICATION, 3, -1, -1, 2)),
        "(a fixed image size) but the images of task varied vary in size");
    ModelSignature flat = sig(List.of(f("x", -1, 4)), List.of(f("logits", -1, 2)));
    assertContains(error(flat, TaskFit.of("t", CLASSIFICATION, 3, 2, 2, 2)),
        "input 'x' has shape [-1, 4] (4 features) but task t has 3x2x2 = 12 values per sample");
    assertContains(error(flat, TaskFit.of("t", CLASSIFICATION, 3, -1, -1, 2)), "(flat features) but the images");
    ModelSignature r3 = sig(List.of(f("x", -1, 4, 4)), List.of(f("logits", -1, 2)));
    assertContains(error(r3, TaskFit.of("t", CLASSIFICATION, 1, 4, 4, 2)), "[-1, 4, 4] (rank 3)");
    // dynamic dimensions fit anything
    sig(List.of(f("image", -1, -1, -1, -1)), List.of(f("logits", -1, -1)))
        .checkFits(TaskFit.of("t", CLASSIFICATION, 5, 7, 9, 4));
  }

  @Test
  void outputSelection() {
    try (OnnxModel m = OnnxModel.open(TestModels.gemmTwoOutputs(dir), OnnxModel.Options.cpu())) {
      TaskFit fit = TaskFit.of("t", CLASSIFICATION, 4, 1, 1, 3);
      String e = assertThrows(InferException.class, () -> m.bind(fit)).getMessage();
      assertContains(e, "two_outputs.onnx: the model has 2 outputs ('logits' [-1, 3] float, 'probs' [-1, 3] float); "
          + "set mode.output_name to the one holding the logits for task t");
      e = assertThrows(InferException.class, () -> m.bind(fit.withOutputName("scores"))).getMessage();
      assertContains(e, "mode.output_name='scores' but the model's outputs are 'logits' [-1, 3] float, "
          + "'probs' [-1, 3] float");
      assertEquals("probs", m.bind(fit.withOutputName("probs")).output().name());
      assertEquals("logits", m.bind(fit.withOutputName("logits")).output().name());
    }
  }

  @Test
  void aLabelsOutputIsRejected() {
    try (OnnxModel m = OnnxModel.open(TestModels.labelsOutput(dir), OnnxModel.Options.cpu())) {
      String e = assertThrows(InferException.class, () -> m.bind(TaskFit.of("t", CLASSIFICATION, 4, 1, 1, 4)))
          .getMessage();
      assertContains(e, "output 'label' is int64 [-1, 1] but task t (classification) reads float32 [N, 4]",
          "not labels");
    }
  }

  @Test
  void outputShapesPerTaskType() {
    List<TensorSpec> in = List.of(f("x", -1, 1, 4, 4));
    assertContains(error(sig(in, List.of(f("y", -1, 3, 4, 4))), TaskFit.of("t", MULTILABEL, 1, 4, 4, 3)),
        "output 'y' has shape [-1, 3, 4, 4] but task t (multilabel_classification) needs [N, 3] (one score per class)");
    assertContains(error(sig(in, List.of(f("y", -1, 5))), TaskFit.of("t", MULTILABEL, 1, 4, 4, 3)),
        "but task t has 3 classes; export the model with 3 outputs");
    assertContains(error(sig(in, List.of(f("y", -1, 2, 2))), TaskFit.of("t", REGRESSION, 1, 4, 4, 1)),
        "but task t (regression) needs [N] or [N, 1]");
    assertContains(error(sig(in, List.of(f("y", -1, 2))), TaskFit.of("t", REGRESSION, 1, 4, 4, 1)),
        "but task t has 1 target value; export the model with 1 outputs");
    assertContains(error(sig(in, List.of(f("y", -1))), TaskFit.of("t", REGRESSION, 1, 4, 4, 2)),
        "needs [N, 2]");
    sig(in, List.of(f("y", -1))).checkFits(TaskFit.of("t", REGRESSION, 1, 4, 4, 1));
    sig(in, List.of(f("y", -1, 1))).checkFits(TaskFit.of("t", REGRESSION, 1, 4, 4, 1));
    assertContains(error(sig(in, List.of(f("y", -1, 3))), TaskFit.of("t", SEGMENTATION, 1, 4, 4, 3)),
        "needs [N, 3, 4, 4] (one score map per class)");
    assertContains(error(sig(in, List.of(f("y", -1, 2, 4, 4))), TaskFit.of("t", SEGMENTATION, 1, 4, 4, 3)),
        "has 3 classes");
    assertContains(error(sig(in, List.of(f("y", -1, 3, 2, 2))), TaskFit.of("t", SEGMENTATION, 1, 4, 4, 3)),
        "needs masks of the input size [N, 3, 4, 4]");
    assertContains(error(sig(List.of(f("x", 2, 1, 4, 4)), List.of(f("y", 1, 3))),
        TaskFit.of("t", CLASSIFICATION, 1, 4, 4, 3)), "but input 'x' has batch 2");
  }

  @Test
  void unreadableFiles() throws Exception {
    String e = assertThrows(InferException.class,
        () -> OnnxModel.open(dir.resolve("missing.onnx"), OnnxModel.Options.cpu())).getMessage();
    assertContains(e, "ONNX model file not found: ", "missing.onnx");
    Path junk = Files.writeString(dir.resolve("junk.onnx"), "not a model");
    e = assertThrows(InferException.class, () -> OnnxModel.open(junk, OnnxModel.Options.cpu())).getMessage();
    assertContains(e, "junk.onnx: not a model ONNX Runtime can load: ");
  }

  @Test
  void taskKindsFromIds() {
    assertEquals(SEGMENTATION, TaskKind.fromId("semantic_segmentation"));
    assertContains(assertThrows(InferException.class, () -> TaskKind.fromId("no_task")).getMessage(),
        "Task type 'no_task' has no model outputs to predict");
  }
}
