package io.mml.runtime.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.training.loss.Loss;
import io.mml.runtime.config.Config;
import io.mml.runtime.infer.TaskKind;
import io.mml.runtime.models.SpecToDjl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pieces of the training loop, each on a loop over a tiny block (no data, no trainer). */
class TrainingListenersTest {
  @TempDir
  Path tmp;
  private NDManager manager;
  private TrainingLoop loop;
  private Block block;

  @BeforeEach
  void setUp() {
    manager = NDManager.newBaseManager(Device.cpu(), SpecToDjl.ENGINE);
    block = Linear.builder().setUnits(2).build();
    block.initialize(manager, DataType.FLOAT32, new Shape(1, 3));
    FoldTrainer.Part part = new FoldTrainer.Part("t", 0, TaskKind.CLASSIFICATION, Loss.softmaxCrossEntropyLoss(),
        List.of(), null, null, 1);
    FoldTrainer.Job job = new FoldTrainer.Job("t fold 0", null, List.of(part), Config.empty(), tmp, 1, null);
    TrainerOptions opts = new TrainerOptions(10, "val_loss", 2, 0.0, 0, 1, false, "cpu");
    loop = new TrainingLoop(job, opts, block, StatefulOptimizer.adam(1e-3f, 0.9f, 0.999f, 0).build(), manager, 0.1);
  }

  @AfterEach
  void tearDown() {
    manager.close();
  }

  private EpochRecord epoch(double valLoss) {
    EpochRecord r = new EpochRecord(loop.epoch(), loop.lr(), 1.0, valLoss, Map.of(), 0.1);
    loop.endEpoch(r);
    return r;
  }

  @Test
  void bestModelKeepsTheBestValueEpochAndParameters() throws Exception {
    BestModelListener best = new BestModelListener("val_loss", false, 0.01);
    best.onEpochEnd(loop, epoch(0.5));
    assertTrue(loop.improved());
    assertNotNull(loop.bestParams());
    best.onEpochEnd(loop, epoch(0.495)); // within min_delta: not an improvement
    assertFalse(loop.improved());
    assertEquals(1, loop.badEpochs());
    best.onEpochEnd(loop, epoch(0.3));
    assertEquals(0.3, loop.bestValue());
    assertEquals(2, loop.bestEpoch());
    assertEquals(0, loop.badEpochs());
    assertTrue(new BestModelListener("accuracy", true, 0).improves(0.9, 0.8));
    assertFalse(new BestModelListener("accuracy", true, 0).improves(Double.NaN, 0.8));
  }

  @Test
  void earlyStoppingStopsAfterPatienceBadEpochs() throws Exception {
    BestModelListener best = new BestModelListener("val_loss", false, 0);
    EarlyStoppingListener early = new EarlyStoppingListener(2, "val_loss");
    for (double v : new double[] {0.5, 0.6}) {
      EpochRecord r = epoch(v);
      best.onEpochEnd(loop, r);
      early.onEpochEnd(loop, r);
      assertFalse(loop.stopping());
    }
    EpochRecord r = epoch(0.7);
    best.onEpochEnd(loop, r);
    early.onEpochEnd(loop, r);
    assertTrue(loop.stopping());
  }

  @Test
  void theScheduleSetsEachEpochsRateButKeepsAResumedEpochs() {
    LrScheduleListener lr = new LrScheduleListener(LrSchedule.constant(0.05), 0.05);
    lr.onEpochBegin(loop);
    assertEquals(0.05, loop.lr(), 1e-12);
    assertEquals(0.05f, loop.optimizer().learningRate());
    loop.restore(new TrainState(3, 7, 0.01, 0.2, 1, 0, 2.5, List.of()));
    lr.onEpochBegin(loop);
    assertEquals(0.01, loop.lr(), 1e-12, "mid-epoch resume keeps the saved rate");
  }

  @Test
  void checkpointsRoundTripStateBestAndOptimizer() throws Exception {
    new BestModelListener("val_loss", false, 0).onEpochEnd(loop, epoch(0.4));
    CheckpointListener ckpt = new CheckpointListener(tmp, 0);
    ckpt.onEpochEnd(loop, loop.history().get(0));
    assertTrue(Files.exists(tmp.resolve("state.json")));
    assertTrue(Files.exists(tmp.resolve(CheckpointListener.BEST)));
    assertTrue(Files.exists(tmp.resolve("last-e0001-b000000.params")));
    assertTrue(Files.exists(tmp.resolve("last-e0001-b000000.opt")));
    byte[] best = loop.bestParams();
    epoch(0.6);
    ckpt.onEpochEnd(loop, loop.history().get(1));
    assertFalse(Files.exists(tmp.resolve("last-e0001-b000000.params")), "older checkpoints are removed");
    manager.close();
    setUp();
    assertTrue(CheckpointListener.restore(tmp, loop, manager).isPresent());
    assertEquals(2, loop.epoch());
    assertEquals(0.4, loop.bestValue());
    assertArrayEquals(best, loop.bestParams());
  }

  @Test
  void timedCheckpointsWaitForTheirInterval() throws Exception {
    CheckpointListener ckpt = new CheckpointListener(tmp, 10);
    loop.beginEpoch(5);
    ckpt.onBatchEnd(loop);
    ckpt.onEpochEnd(loop, epoch(0.5));
    assertFalse(Files.exists(tmp.resolve("state.json")), "10 minutes have not passed");
    ckpt.onTrainingEnd(loop);
    assertTrue(Files.exists(tmp.resolve("state.json")), "always at the end");
  }
}
