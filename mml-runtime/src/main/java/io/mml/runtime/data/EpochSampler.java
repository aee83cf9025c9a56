package io.mml.runtime.data;

import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Sampler;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

/**
 * Decides which sample indices an epoch visits, in which order, in which batches. Deterministic
 * given (seed, epoch). Training: balanced ({@code sampling.balanced}: a class drawn uniformly,
 * then a sample of it uniformly, {@code sample_num} or {@code size} draws), random with
 * replacement ({@code sample_num > 0}), or a shuffled pass. Evaluation: every sample once, in
 * order. Also a DJL {@link Sampler} (each {@code sample} call is the data set's next epoch).
 */
public final class EpochSampler implements Sampler {
  private final SamplingOptions opts;
  private final boolean training;
  private final int[] classOf;

  /**
   * @param opts sampling options
   * @param training whether to shuffle/balance/resample
   * @param classOf class per sample index (needed for balanced sampling), or null
   */
  public EpochSampler(SamplingOptions opts, boolean training, int[] classOf) {
    this.opts = opts;
    this.training = training;
    this.classOf = classOf == null ? null : classOf.clone();
  }

  /** The visiting order of an epoch over {@code n} samples. */
  public int[] order(int n, int epoch) {
    if (n == 0) {
      return new int[0];
    }
    if (!training) {
      int[] out = new int[n];
      for (int i = 0; i < n; i++) {
        out[i] = i;
      }
      return out;
    }
    Random rng = Seeds.random(opts.seed(), epoch, 0x5a3b1e);
    int draws = opts.sampleNum() > 0 ? opts.sampleNum() : n;
    int[] out = new int[draws];
    if (opts.balanced() && classOf != null) {
      TreeMap<Integer, List<Integer>> byClass = new TreeMap<>();
      for (int i = 0; i < n; i++) {
        byClass.computeIfAbsent(classOf[i], k -> new ArrayList<>()).add(i);
      }
      List<List<Integer>> groups = new ArrayList<>(byClass.values());
      for (int d = 0; d < draws; d++) {
        List<Integer> g = groups.get(rng.nextInt(groups.size()));
        out[d] = g.get(rng.nextInt(g.size()));
      }
    } else if (opts.sampleNum() > 0) {
      for (int d = 0; d < draws; d++) {
        out[d] = rng.nextInt(n);
      }
    } else {
      for (int i = 0; i < n; i++) {
        out[i] = i;
      }
      for (int i = n - 1; i > 0; i--) {
        int j = rng.nextInt(i + 1);
        int t = out[i];
        out[i] = out[j];
        out[j] = t;
      }
    }
    return out;
  }

  /** The batches of an epoch (index lists), honouring {@code drop_last}. */
  public List<int[]> batches(int n, int epoch, int batchSize) {
    int[] order = order(n, epoch);
    List<int[]> out = new ArrayList<>();
    for (int s = 0; s < order.length; s += batchSize) {
      int e = Math.min(order.length, s + batchSize);
      if (e - s < batchSize && opts.dropLast() && training) {
        break;
      }
      int[] b = new int[e - s];
      System.arraycopy(order, s, b, 0, b.length);
      out.add(b);
    }
    return out;
  }

  public boolean training() {
    return training;
  }

  @Override
  public Iterator<List<Long>> sample(RandomAccessDataset dataset) {
    int epoch = dataset instanceof TaskDataset td ? td.nextEpoch() : 0;
    List<List<Long>> out = new ArrayList<>();
    for (int[] b : batches(Math.toIntExact(dataset.size()), epoch, opts.batchSize())) {
      List<Long> l = new ArrayList<>(b.length);
      for (int i : b) {
        l.add((long) i);
      }
      out.add(l);
    }
    return out.iterator();
  }

  @Override
  public int getBatchSize() {
    return opts.batchSize();
  }
}
