package io.mml.runtime.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mml.runtime.config.Config;
import io.mml.runtime.config.ConfigException;
import io.mml.runtime.infer.TaskKind;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainPiecesTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path tmp;

  static Config cfg(String json) throws Exception {
    return Config.of((ObjectNode) JSON.readTree(json));
  }

  @Test
  void stepCosineAndPlateauSchedules() throws Exception {
    LrSchedule step = LrSchedule.fromConfig(cfg("{\"lr_scheduler\":{\"name\":\"step\",\"step_size\":2,\"gamma\":0.5}}"),
        0.1, 10);
    assertEquals(0.1, step.rate(0, 0.1, 0), 1e-12);
    assertEquals(0.1, step.rate(1, 0.1, 0), 1e-12);
    assertEquals(0.05, step.rate(2, 0.1, 0), 1e-12);
    assertEquals(0.025, step.rate(5, 0.1, 0), 1e-12);
    LrSchedule cos = LrSchedule.fromConfig(cfg("{\"lr_scheduler\":{\"name\":\"cosine\",\"min_lr\":0.0}}"), 1.0, 4);
    // 0.5 * (1 + cos(pi * e / 4)): 1, 0.8536, 0.5, 0.1464
    assertEquals(1.0, cos.rate(0, 1, 0), 1e-9);
    assertEquals(0.5, cos.rate(2, 1, 0), 1e-9);
    assertEquals(0.1464466, cos.rate(3, 1, 0), 1e-6);
    LrSchedule plateau = LrSchedule.fromConfig(
        cfg("{\"lr_scheduler\":{\"name\":\"plateau\",\"factor\":0.1,\"patience\":2,\"min_lr\":0.001}}"), 0.1, 10);
    assertEquals(0.1, plateau.rate(3, 0.1, 1), 1e-12, "one bad epoch: keep");
    assertEquals(0.01, plateau.rate(4, 0.1, 2), 1e-12, "patience reached: reduce");
    assertEquals(0.001, plateau.rate(9, 0.001, 4), 1e-12, "never below min_lr");
    ConfigException e = assertThrows(ConfigException.class,
        () -> LrSchedule.fromConfig(cfg("{\"lr_scheduler\":{\"name\":\"cosin\"}}"), 0.1, 10));
    assertTrue(e.getMessage().contains("cosine"), e.getMessage());
  }

  @Test
  void trainStateRoundTripsThroughItsFile() throws Exception {
    EpochRecord r = new EpochRecord(0, 0.001, 0.9, 0.8, Map.of("accuracy", 0.5), 1.25);
    TrainState s = new TrainState(1, 3, 0.001, 0.8, 0, 0, 2.5, List.of(r));
    s.save(tmp);
    TrainState back = TrainState.load(tmp).orElseThrow();
    assertEquals(s.epoch(), back.epoch());
    assertEquals(s.batchesDone(), back.batchesDone());
    assertEquals(0.5, back.history().get(0).metrics().get("accuracy"));
    TrainState fresh = TrainState.start(0.01);
    fresh.save(tmp);
    assertTrue(Double.isNaN(TrainState.load(tmp).orElseThrow().bestValue()), "NaN survives JSON");
  }

  @Test
  void curvesCsvHasOneRowPerEpochAndMetricColumns() {
    List<EpochRecord> h = List.of(new EpochRecord(0, 0.001, 1.0, 0.9, Map.of("accuracy", 0.5), 1),
        new EpochRecord(1, 0.001, 0.5, Double.NaN, Map.of("accuracy", 0.75), 1));
    String csv = TrainingCurves.csv(h);
    List<String> lines = csv.lines().toList();
    assertEquals("epoch,lr,train_loss,val_loss,accuracy,seconds", lines.get(0));
    assertEquals("1,0.00100000,0.500000,,0.750000,1.000", lines.get(2));
  }

  @Test
  void outputsTurnLogitsIntoProbabilitiesAndPixelsIntoRows() {
    Outputs cls = new Outputs(TaskKind.CLASSIFICATION);
    cls.add(new float[] {0f, (float) Math.log(3)}, 1);
    assertArrayEquals(new float[] {0.25f, 0.75f}, cls.predictions().scores()[0], 1e-6f);
    assertArrayEquals(new float[] {1f}, cls.predictions().targets()[0]);
    Outputs seg = new Outputs(TaskKind.SEGMENTATION);
    // 2 classes x 1 x 2 pixels; the second pixel is ignored (255).
    seg.add(new float[] {1f, 0f, 0f, 5f}, new io.mml.runtime.data.decoded.MaskData(2, 1, new int[] {0, 255}));
    assertEquals(1, seg.predictions().size());
    assertEquals(0f, seg.predictions().targets()[0][0]);
  }

  @Test
  void multitaskJobsMonitorPrefixedTaskMetricsAndNormaliseTheirWeights() {
    var acc = new io.mml.runtime.tasktype.builtin.ClassificationMetrics.Accuracy();
    FoldTrainer.Part a = new FoldTrainer.Part("a", 0, TaskKind.CLASSIFICATION,
        ai.djl.training.loss.Loss.softmaxCrossEntropyLoss(), List.of(acc), null, null, 3);
    FoldTrainer.Part b = new FoldTrainer.Part("b", 1, TaskKind.CLASSIFICATION,
        ai.djl.training.loss.Loss.softmaxCrossEntropyLoss(), List.of(acc), null, null, 1);
    FoldTrainer.Job job = new FoldTrainer.Job("mt", null, List.of(a, b), Config.empty(), tmp, 0, null);
    assertTrue(job.multitask());
    assertEquals(List.of(0.75f, 0.25f), job.normalisedWeights());
    assertTrue(job.trainingLoss() instanceof io.mml.runtime.models.MultitaskLoss);
    assertEquals("b/accuracy", job.key(b, "accuracy"));
    assertTrue(FoldTrainer.higherIsBetter("b/accuracy", job));
    assertTrue(!FoldTrainer.higherIsBetter("a/val_loss", job));
    assertTrue(!FoldTrainer.higherIsBetter("val_loss", job));
    ConfigException e = assertThrows(ConfigException.class, () -> FoldTrainer.higherIsBetter("accuracy", job));
    assertTrue(e.getMessage().contains("a/accuracy"), e.getMessage());
    FoldTrainer.Job single = new FoldTrainer.Job("one", null, List.of(a), Config.empty(), tmp, 0, null);
    assertTrue(FoldTrainer.higherIsBetter("accuracy", single));
    assertEquals(List.of(1f), single.normalisedWeights());
    assertThrows(IllegalArgumentException.class, () -> new FoldTrainer.Job("dup", null, List.of(a, a), Config.empty(),
        tmp, 0, null));
  }
}
