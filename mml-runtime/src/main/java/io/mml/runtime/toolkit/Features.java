package io.mml.runtime.toolkit;

import java.util.List;

/**
 * Backbone embeddings of a task's samples: one row per sample, in the order the data set's
 * sampling drew them (with {@code sampling.sample_num} a sample may appear more than once).
 *
 * @param task the task the samples belong to
 * @param sampleIds the id of each row's sample
 * @param values the embeddings, {@code values[i]} of sample {@code sampleIds.get(i)}; every row has
 *     the backbone's feature width
 */
public record Features(String task, List<String> sampleIds, float[][] values) {
  public Features {
    sampleIds = List.copyOf(sampleIds);
    if (sampleIds.size() != values.length) {
      throw new IllegalArgumentException(sampleIds.size() + " sample ids for " + values.length + " feature rows");
    }
  }

  /** The number of rows. */
  public int size() {
    return values.length;
  }

  /** The feature width (0 without rows). */
  public int dim() {
    return values.length == 0 ? 0 : values[0].length;
  }
}
