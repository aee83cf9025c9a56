package io.mml.runtime.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.mml.runtime.data.decoded.ImageData;
import io.mml.runtime.data.decoded.MaskData;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A batch of one task as tensors.
 * <ul>
 *   <li>{@code data}: one float32 array {@code [B, C, H, W]}</li>
 *   <li>{@code labels}: one array: classification int64 {@code [B]}; multilabel float32
 *       {@code [B, K]} (multi-hot or soft); regression float32 {@code [B]}; segmentation int64
 *       {@code [B, H, W]}; empty for unlabelled data and {@code no_task}</li>
 *   <li>{@code sampleIds}: the B sample ids in batch order (for writing predictions)</li>
 * </ul>
 *
 * @param task task name
 * @param sampleIds sample ids, in batch order
 * @param data the image batch
 * @param labels the target batch (possibly empty)
 */
public record TaskBatch(String task, List<String> sampleIds, NDList data, NDList labels) implements AutoCloseable {
  public int size() {
    return sampleIds.size();
  }

  /** Stacks samples (all of the same task and image size) into arrays owned by {@code manager}. */
  public static TaskBatch of(NDManager manager, String task, List<Sample> samples) {
    if (samples.isEmpty()) {
      throw new IllegalArgumentException("empty batch");
    }
    ImageData first = samples.get(0).image();
    int per = first.pixels().length;
    // One direct buffer per batch, handed to the engine as it is (no second copy).
    ByteBuffer bytes = ByteBuffer.allocateDirect(samples.size() * per * Float.BYTES).order(ByteOrder.nativeOrder());
    FloatBuffer data = bytes.asFloatBuffer();
    List<String> ids = new ArrayList<>(samples.size());
    for (int i = 0; i < samples.size(); i++) {
      Sample s = samples.get(i);
      ImageData im = s.image();
      if (im.channels() != first.channels() || im.height() != first.height() || im.width() != first.width()) {
        throw new IllegalStateException("Task '" + task + "': sample '" + s.sampleId() + "' is " + im.channels() + "x"
            + im.height() + "x" + im.width() + " but sample '" + samples.get(0).sampleId() + "' in the same batch is "
            + first.channels() + "x" + first.height() + "x" + first.width() + ". Images of a batch must have one size:"
            + " add a resize step to augmentations.pipeline, e.g. {name: resize, size: [" + first.height() + ", "
            + first.width() + "]}.");
      }
      data.put(im.pixels());
      ids.add(s.sampleId());
    }
    NDArray x = manager.create(bytes, new Shape(samples.size(), first.channels(), first.height(), first.width()),
        DataType.FLOAT32);
    NDList labels = labels(manager, samples);
    return new TaskBatch(task, List.copyOf(ids), new NDList(x), labels);
  }

  private static NDList labels(NDManager manager, List<Sample> samples) {
    Object t0 = samples.get(0).target();
    int b = samples.size();
    if (t0 == null) {
      return new NDList();
    }
    if (t0 instanceof Integer) {
      long[] y = new long[b];
      for (int i = 0; i < b; i++) {
        y[i] = (Integer) samples.get(i).target();
      }
      return new NDList(manager.create(y, new Shape(b)));
    }
    if (t0 instanceof Float) {
      float[] y = new float[b];
      for (int i = 0; i < b; i++) {
        y[i] = (Float) samples.get(i).target();
      }
      return new NDList(manager.create(y, new Shape(b)));
    }
    if (t0 instanceof float[] v0) {
      int k = v0.length;
      float[] y = new float[b * k];
      for (int i = 0; i < b; i++) {
        System.arraycopy((float[]) samples.get(i).target(), 0, y, i * k, k);
      }
      return new NDList(manager.create(y, new Shape(b, k)));
    }
    if (t0 instanceof MaskData m0) {
      int n = m0.labels().length;
      long[] y = new long[b * n];
      for (int i = 0; i < b; i++) {
        int[] l = ((MaskData) samples.get(i).target()).labels();
        if (l.length != n) {
          throw new IllegalStateException("masks of one batch differ in size; add a resize step");
        }
        for (int j = 0; j < n; j++) {
          y[i * n + j] = l[j];
        }
      }
      return new NDList(manager.create(y, new Shape(b, m0.height(), m0.width())));
    }
    throw new IllegalStateException("unknown target type " + t0.getClass());
  }

  @Override
  public void close() {
    data.close();
    labels.close();
  }
}
