package io.mml.runtime.toolkit;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.mml.runtime.data.Sample;
import io.mml.runtime.data.SampleBatches;
import io.mml.runtime.data.TaskDataset;
import io.mml.runtime.models.SpecToDjl;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a model's backbone (its heads left out) over a data set and returns one embedding per
 * sample: the backbone's feature vector, spatial feature maps averaged over height and width.
 * Inference mode (batch norm uses its running statistics, no dropout), on the CPU.
 */
public final class FeatureExtractor {
  private final long seed;

  /** @param seed draws the weights of a fresh (untrained) model; a trained model's are loaded */
  public FeatureExtractor(long seed) {
    this.seed = seed;
  }

  /**
   * The embeddings of the samples of one epoch of {@code data} (its sampling decides which and how
   * many; batches of {@code sampling.batch_size}). The data's images must have the model's input
   * shape, which holds for a data module and a model of the same run config.
   */
  public Features extract(TaskModel model, TaskDataset data) throws IOException {
    List<String> ids = new ArrayList<>();
    List<float[]> rows = new ArrayList<>();
    try (NDManager manager = NDManager.newBaseManager(Device.cpu(), SpecToDjl.ENGINE)) {
      Block backbone = model.block(manager, seed).getChildren().get(0).getValue();
      ParameterStore params = new ParameterStore(manager, false);
      try (SampleBatches batches = data.sampleBatches(0, data.sampling().batchSize())) {
        while (batches.hasNext()) {
          List<Sample> samples = batches.next();
          try (NDManager sub = manager.newSubManager()) {
            NDArray out = backbone.forward(params, new NDList(input(sub, model, samples)), false).singletonOrThrow();
            if (out.getShape().dimension() == 4) {
              out = out.mean(new int[] {2, 3});
            }
            int n = samples.size();
            float[] flat = out.reshape(n, -1).toFloatArray();
            int width = flat.length / n;
            for (int i = 0; i < n; i++) {
              float[] row = new float[width];
              System.arraycopy(flat, i * width, row, 0, width);
              rows.add(row);
              ids.add(samples.get(i).sampleId());
            }
          }
        }
      }
    }
    return new Features(data.task().name(), ids, rows.toArray(new float[0][]));
  }

  private static NDArray input(NDManager manager, TaskModel model, List<Sample> samples) {
    long per = model.spec().inputShape().size();
    float[] x = new float[(int) (per * samples.size())];
    for (int i = 0; i < samples.size(); i++) {
      float[] px = samples.get(i).image().pixels();
      if (px.length != per) {
        throw new IllegalArgumentException("Sample " + samples.get(i).sampleId() + " of " + samples.get(i).task()
            + " has " + px.length + " values but the model takes " + model.spec().inputShape() + "; build the data"
            + " module and the model from the same config (same preprocessing and arch.input_channels).");
      }
      System.arraycopy(px, 0, x, (int) (i * per), px.length);
    }
    return manager.create(x, SpecToDjl.batchShape(model.spec().inputShape(), samples.size()));
  }
}
