package io.mml.runtime.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.mml.runtime.onnx.OnnxExporter;
import io.mml.runtime.onnx.OnnxParity;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A few training steps of a two-head model with a weighted loss, then export parity of the trained model. */
class MultitaskTrainingTest {
  @Test
  void trainsBothHeadsThenExportsWithParity() throws Exception {
    Shape input = new Shape(3, 16, 16);
    Backbone b = ModelFactory.backbone(ArchConfigs.with("type: cnn\nchannels: [8, 16]\n"), input);
    ModelSpec spec = new ModelSpec(b, List.of(HeadSpec.linear("cls", 3), HeadSpec.linear("reg", 1)));
    int batch = 8;
    try (NDManager manager = Engine.getEngine(SpecToDjl.ENGINE).newBaseManager();
        Model model = Model.newInstance("mt", SpecToDjl.ENGINE)) {
      Block block = SpecToDjl.buildInitialised(spec, manager, 3);
      model.setBlock(block);
      MultitaskLoss loss = new MultitaskLoss(List.of(Loss.softmaxCrossEntropyLoss(), Loss.l2Loss()), List.of(1f, 0.5f));
      DefaultTrainingConfig cfg = new DefaultTrainingConfig(loss)
          .optOptimizer(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.05f)).build());
      Random r = new Random(5);
      float[] x = new float[(int) (batch * input.size())];
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) r.nextGaussian();
      }
      float first = Float.NaN;
      float last = Float.NaN;
      try (Trainer trainer = model.newTrainer(cfg)) {
        trainer.initialize(SpecToDjl.batchShape(input, batch));
        for (int step = 0; step < 8; step++) {
          try (NDManager sub = manager.newSubManager()) {
            NDArray data = sub.create(x, SpecToDjl.batchShape(input, batch));
            NDArray cls = sub.arange(0, batch).toType(ai.djl.ndarray.types.DataType.FLOAT32, false).mod(3);
            NDArray reg = sub.arange(0, batch).toType(ai.djl.ndarray.types.DataType.FLOAT32, false).div(batch)
                .reshape(batch, 1);
            float value;
            try (GradientCollector gc = trainer.newGradientCollector()) {
              NDArray l = loss.evaluate(new NDList(cls, reg), trainer.forward(new NDList(data)));
              gc.backward(l);
              value = l.getFloat();
            }
            trainer.step();
            if (step == 0) {
              first = value;
            }
            last = value;
          }
        }
      }
      assertTrue(last < first, "weighted multitask loss went down: " + first + " -> " + last);
      byte[] onnx = OnnxExporter.toBytes(spec, block);
      OnnxParity.Result res = OnnxParity.compare(spec, block, onnx, manager, x, batch);
      System.out.printf("PARITY trained-mt  maxAbsDiff=%.3g argmax=%.3f loss %.4f -> %.4f%n", res.maxAbsDiff(),
          res.minArgmaxAgreement(), first, last);
      assertTrue(res.maxAbsDiff() < 1e-4, "max abs diff " + res.maxAbsDiff());
      assertEquals(1.0, res.minArgmaxAgreement());
    }
  }

  @Test
  void lossIsTheWeightedSum() {
    try (NDManager m = Engine.getEngine(SpecToDjl.ENGINE).newBaseManager()) {
      NDArray p1 = m.create(new float[] {1, 2}, new Shape(2, 1));
      NDArray l1 = m.create(new float[] {0, 0}, new Shape(2, 1));
      NDArray p2 = m.create(new float[] {3, 3}, new Shape(2, 1));
      NDArray l2 = m.create(new float[] {1, 1}, new Shape(2, 1));
      Loss a = Loss.l1Loss();
      Loss b = Loss.l1Loss();
      MultitaskLoss loss = new MultitaskLoss(List.of(a, b), List.of(2f, 0.25f));
      float expected = 2f * a.evaluate(new NDList(l1), new NDList(p1)).getFloat()
          + 0.25f * b.evaluate(new NDList(l2), new NDList(p2)).getFloat();
      assertEquals(expected, loss.evaluate(new NDList(l1, l2), new NDList(p1, p2)).getFloat(), 1e-6);
    }
  }
}
