package io.mml.runtime.tasktype.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mml.runtime.tasktype.TaskMetric;
import io.mml.runtime.tasktype.TaskType;
import io.mml.runtime.tasktype.TaskTypes;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The built-in task types as the generated registry delivers them, and their config stubs. */
class BuiltinTaskTypesTest {
  private final TaskTypes types = TaskTypes.load(getClass().getClassLoader());

  private static List<String> metricNames(TaskType t) {
    return t.metrics().stream().map(Supplier::get).map(TaskMetric::name).toList();
  }

  @Test
  void allFiveAreRegistered() {
    assertTrue(types.ids().containsAll(
        Set.of("classification", "multilabel_classification", "semantic_segmentation", "regression", "no_task")));
  }

  @Test
  void classification() {
    TaskType t = types.get("classification");
    assertEquals("cls", t.route());
    assertEquals("class", t.target());
    assertEquals(List.of("accuracy", "macro_f1", "precision", "recall", "auroc", "mcc", "ece"), metricNames(t));
    assertTrue(t.head().get() instanceof LinearHead);
    assertTrue(t.loss().get() instanceof ClassificationLoss);
  }

  @Test
  void multilabelTakesClassesOrSoftClasses() {
    TaskType t = types.get("multilabel_classification");
    assertEquals("classes", t.targetFor(Set.of("image", "classes")));
    assertEquals("soft_classes", t.targetFor(Set.of("image", "soft_classes")));
    assertTrue(types.requiresCheck("multilabel_classification", Set.of("image")).isPresent());
    assertEquals(List.of("average_precision"), metricNames(t));
  }

  @Test
  void segmentationRegressionAndNoTask() {
    assertEquals(List.of("dice", "iou"), metricNames(types.get("semantic_segmentation")));
    assertEquals("seg", types.get("semantic_segmentation").route());
    assertEquals(List.of("mse", "mae", "spearman"), metricNames(types.get("regression")));
    TaskType none = types.get("no_task");
    assertFalse(none.trainable());
    assertNull(none.head());
    assertTrue(none.satisfiedBy(Set.of("image")));
  }

  @Test
  void configStubsAreOnTheClassPath() throws Exception {
    try (InputStream in = getClass().getClassLoader().getResourceAsStream("META-INF/mml/configs/loss/cls/default.yaml")) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(text.contains("class_weights: null"), text);
    }
    try (InputStream in = getClass().getClassLoader().getResourceAsStream("META-INF/mml/configs/metrics/seg/default.yaml")) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(text.contains("names: [dice, iou]"), text);
    }
  }
}
