package io.mml.bench.train;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import io.mml.runtime.files.FileTrees;
import io.mml.runtime.models.SpecToDjl;
import io.mml.runtime.onnx.OnnxExporter;
import io.mml.runtime.train.FoldTrainer;
import io.mml.runtime.train.TrainingSetup;
import io.mml.runtime.config.Config;
import io.mml.runtime.data.DataSplit;
import io.mml.runtime.data.DecodedCache;
import io.mml.runtime.data.TaskDataset;
import io.mml.runtime.tasks.TaskStruct;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A model for the inference benchmarks: trained with FoldTrainer (or only initialised), then exported like the train mode does. */
final class TrainedModel {
  private TrainedModel() {}

  /** Trains {@code epochs} epochs (0: initialised only) and returns the block (in {@code manager}) after exporting it to {@code onnx}. */
  static Block make(TaskStruct task, Config cfg, DecodedCache cache, TrainingSetup setup, int epochs, Path work,
      NDManager manager, Path onnx) throws IOException {
    Block block = SpecToDjl.build(setup.spec());
    block.initialize(manager, DataType.FLOAT32, SpecToDjl.batchShape(setup.spec().inputShape(), 1));
    if (epochs > 0) {
      TaskDataset train = TrainingSetup.dataset(task, DataSplit.TRAIN, 0, cfg, cache, true);
      TaskDataset val = TrainingSetup.dataset(task, DataSplit.VAL, 0, cfg, cache, false);
      Path ckpt = Files.createTempDirectory(work, "model.");
      FoldTrainer.Result r = FoldTrainer.train(new FoldTrainer.Job("bench model", setup.spec(), setup.kind(),
          setup.loss(), setup.metrics(), train, val, cfg, ckpt, 7, null));
      try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(r.bestParams()))) {
        block.loadParameters(manager, in);
      } catch (MalformedModelException e) {
        throw new IOException(e);
      }
      FileTrees.deleteTree(ckpt);
    }
    OnnxExporter.export(setup.spec(), block, onnx);
    return block;
  }

  /** Turns libtorch's grad mode off on this thread (DJL's JniUtils is runtime-only, hence reflection). */
  static void noGrad() {
    ai.djl.engine.Engine.getEngine(SpecToDjl.ENGINE); // loads libtorch
    try {
      Class.forName("ai.djl.pytorch.jni.JniUtils").getMethod("setGradMode", boolean.class).invoke(null, false);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot switch off libtorch's grad mode", e);
    }
  }

  static NDManager cpuManager() {
    return NDManager.newBaseManager(Device.cpu(), SpecToDjl.ENGINE);
  }
}
