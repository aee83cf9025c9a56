package io.mml.runtime.toolkit;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import io.mml.runtime.models.ModelSpec;
import io.mml.runtime.models.SpecToDjl;
import io.mml.runtime.tasks.TaskStruct;
import io.mml.runtime.train.TrainingSetup;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.Optional;

/**
 * A model for a task: the backbone of the composed {@code arch} config with the head, loss and
 * metrics of the task's type, fresh or with trained parameters.
 *
 * @param setup the task's model spec, loss and metrics
 * @param params trained parameters (DJL's format), empty for a fresh model
 */
public record TaskModel(TrainingSetup setup, Optional<byte[]> params) {
  /** A fresh model (weights drawn when a block is built). */
  public static TaskModel fresh(TrainingSetup setup) {
    return new TaskModel(setup, Optional.empty());
  }

  /** The same model with trained parameters. */
  public TaskModel withParams(byte[] trained) {
    return new TaskModel(setup, Optional.of(trained));
  }

  public TaskStruct task() {
    return setup.task();
  }

  public ModelSpec spec() {
    return setup.spec();
  }

  /** Whether the model carries trained parameters. */
  public boolean trained() {
    return params.isPresent();
  }

  /**
   * A DJL block of the model on {@code manager}'s device: the trained parameters loaded, or for a
   * fresh model weights drawn with {@code seed} (the same seed gives the same weights).
   */
  public Block block(NDManager manager, long seed) throws IOException {
    if (params.isEmpty()) {
      return SpecToDjl.buildInitialised(spec(), manager, seed);
    }
    return load(spec(), params.get(), manager, "the model of " + task().name());
  }

  /**
   * A block of {@code spec} with {@code params} loaded, on {@code manager}'s device.
   *
   * @param what names the model in the error when the parameters do not fit the spec
   */
  public static Block load(ModelSpec spec, byte[] params, NDManager manager, String what) throws IOException {
    Block block = SpecToDjl.build(spec);
    block.initialize(manager, DataType.FLOAT32, SpecToDjl.batchShape(spec.inputShape(), 1));
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(params))) {
      block.loadParameters(manager, in);
    } catch (ai.djl.MalformedModelException e) {
      throw new IOException("The parameters of " + what + " do not fit its spec " + spec.backbone().name() + ": "
          + e.getMessage(), e);
    }
    return block;
  }
}
