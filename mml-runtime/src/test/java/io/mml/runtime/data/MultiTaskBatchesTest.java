package io.mml.runtime.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.mml.runtime.tasks.TaskStruct;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MultiTaskBatchesTest {
  @TempDir Path tmp;

  @Test
  void everyStepHoldsEveryTaskAndShorterTasksCycle() {
    TaskStruct shapes = TaskDatasetTest.demo(tmp, "demo_shapes"); // 240 train samples in fold 0
    TaskStruct stripes = TaskDatasetTest.demo(tmp, "demo_stripes"); // 128
    SamplingOptions o = SamplingOptions.defaults().withNumWorkers(2);
    List<TaskDataset> ds = List.of(TaskDataset.builder(shapes, DataSplit.TRAIN, 0).optSampling(o).build(),
        TaskDataset.builder(stripes, DataSplit.TRAIN, 0).optSampling(o).build());
    try (NDManager m = NDManager.newBaseManager()) {
      MultiTaskBatches mt = new MultiTaskBatches(m, ds, 40, 0);
      assertEquals(20, mt.perTaskBatchSize());
      assertEquals(12, mt.steps(), "240 / 20 steps for the longest task");
      Map<String, Integer> counts = new HashMap<>();
      Set<String> stripesSeen = new HashSet<>();
      List<String> firstIds = new ArrayList<>();
      int steps = 0;
      for (MultiTaskBatch b : mt) {
        try (b) {
          assertEquals(List.of("demo_shapes", "demo_stripes"), b.tasks());
          for (TaskBatch p : b.parts()) {
            int size = p.size();
            assertTrue(size == 20 || p.task().equals("demo_stripes") && size == 8, p.task() + " " + size);
            assertEquals(new Shape(size, 3, 32, 32), p.data().singletonOrThrow().getShape());
            assertEquals(new Shape(size), p.labels().singletonOrThrow().getShape());
            counts.merge(p.task(), size, Integer::sum);
          }
          stripesSeen.addAll(b.part("demo_stripes").orElseThrow().sampleIds());
          if (steps == 0) {
            firstIds.addAll(b.part("demo_shapes").orElseThrow().sampleIds());
          }
          steps++;
        }
      }
      assertEquals(12, steps);
      assertEquals(240, counts.get("demo_shapes"), "the longest task is covered exactly once");
      assertTrue(counts.get("demo_stripes") >= 128 && counts.get("demo_stripes") <= 240, counts.toString());
      assertEquals(128, stripesSeen.size(), "the shorter task is covered fully, then starts over");
      List<String> again = new ArrayList<>();
      for (MultiTaskBatch b : new MultiTaskBatches(m, ds, 40, 0)) {
        try (b) {
          if (again.isEmpty()) {
            again.addAll(b.part("demo_shapes").orElseThrow().sampleIds());
          }
        }
      }
      assertEquals(firstIds, again, "deterministic");
    }
  }
}
