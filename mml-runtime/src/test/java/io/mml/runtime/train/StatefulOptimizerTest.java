package io.mml.runtime.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.mml.runtime.models.SpecToDjl;
import org.junit.jupiter.api.Test;

/** Our optimizer does DJL's Adam arithmetic, and its saved state continues a training exactly. */
class StatefulOptimizerTest {
  private static float[] train(Optimizer opt, int from, int steps, byte[][] stateOut, byte[] stateIn,
      float[] startWeights) {
    Engine.getEngine(SpecToDjl.ENGINE).setRandomSeed(7);
    try (Model model = Model.newInstance("t", Device.cpu(), SpecToDjl.ENGINE);
        NDManager data = NDManager.newBaseManager(Device.cpu(), SpecToDjl.ENGINE)) {
      Block block = Linear.builder().setUnits(3).build();
      model.setBlock(block);
      block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 4));
      if (startWeights != null) {
        NDArray w = block.getParameters().valueAt(0).getArray();
        NDArray b = block.getParameters().valueAt(1).getArray();
        int nw = Math.toIntExact(w.size());
        w.set(java.util.Arrays.copyOfRange(startWeights, 0, nw));
        b.set(java.util.Arrays.copyOfRange(startWeights, nw, startWeights.length));
      }
      Loss loss = Loss.l2Loss();
      try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(loss).optOptimizer(opt))) {
        trainer.initialize(new Shape(1, 4));
        if (stateIn != null) {
          ((StatefulOptimizer) opt).load(block, model.getNDManager(), stateIn);
        }
        for (int s = from; s < from + steps; s++) {
          try (NDManager sub = data.newSubManager(); GradientCollector gc = trainer.newGradientCollector()) {
            NDArray x = sub.arange(8f).reshape(2, 4).add(s);
            NDArray y = sub.ones(new Shape(2, 3)).mul(s % 3);
            NDArray l = loss.evaluate(new NDList(y), trainer.forward(new NDList(x)));
            gc.backward(l);
          }
          trainer.step();
        }
        if (stateOut != null) {
          stateOut[0] = ((StatefulOptimizer) opt).save(block);
        }
        float[] w = block.getParameters().valueAt(0).getArray().toFloatArray();
        float[] b = block.getParameters().valueAt(1).getArray().toFloatArray();
        float[] all = java.util.Arrays.copyOf(w, w.length + b.length);
        System.arraycopy(b, 0, all, w.length, b.length);
        return all;
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }

  @Test
  void adamEqualsDjlsAdam() {
    float[] djl = train(Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.01f)).build(), 0, 6, null, null, null);
    float[] ours = train(adam(), 0, 6, null, null, null);
    assertArrayEquals(djl, ours, 0f);
  }

  private static StatefulOptimizer adam() {
    return StatefulOptimizer.adam(0.01f, 0.9f, 0.999f, 0f).build();
  }

  @Test
  void savedStateContinuesExactlyOnAFreshBlock() {
    float[] whole = train(adam(), 0, 6, null, null, null);
    byte[][] state = new byte[1][];
    float[] half = train(adam(), 0, 3, state, null, null);
    float[] resumed = train(adam(), 3, 3, null, state[0], half);
    assertArrayEquals(whole, resumed, 0f);
    float[] restarted = train(adam(), 3, 3, null, null, half);
    boolean differs = false;
    for (int i = 0; i < whole.length; i++) {
      differs |= whole[i] != restarted[i];
    }
    assertEquals(true, differs, "without the saved moments the continuation differs");
  }

  @Test
  void sgdWithMomentumEqualsDjlsSgd() {
    float[] djl = train(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.01f)).optMomentum(0.9f).build(), 0, 5,
        null, null, null);
    float[] ours = train(StatefulOptimizer.sgd(0.01f, 0.9f, 0f).build(), 0, 5, null, null, null);
    assertArrayEquals(djl, ours, 0f);
  }
}
