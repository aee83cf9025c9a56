package io.mml.runtime.data;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * One epoch of multitask training batches (as mml's combined loader in {@code max_size_cycle}
 * mode): every step holds one {@link TaskBatch} per task of {@code max(1, batchSize / tasks)}
 * samples; the epoch has as many steps as the longest task has batches, and shorter tasks start
 * over (with a fresh order) when they run out. Deterministic given the data sets' seeds and the
 * epoch. The caller closes each {@link MultiTaskBatch}.
 */
public final class MultiTaskBatches implements Iterable<MultiTaskBatch> {
  private final NDManager manager;
  private final List<TaskDataset> datasets;
  private final int perTask;
  private final int epoch;

  /**
   * @param manager parent manager; each step gets a sub-manager
   * @param datasets one data set per task (distinct task names)
   * @param batchSize total samples per step, split evenly over the tasks
   * @param epoch the epoch number
   */
  public MultiTaskBatches(NDManager manager, List<TaskDataset> datasets, int batchSize, int epoch) {
    if (datasets.isEmpty()) {
      throw new IllegalArgumentException("no data sets");
    }
    if (datasets.stream().map(d -> d.task().name()).distinct().count() != datasets.size()) {
      throw new IllegalArgumentException("two data sets of the same task: " + datasets);
    }
    for (TaskDataset d : datasets) {
      if (d.size() == 0) {
        throw new IllegalArgumentException(d + " is empty; multitask batches need samples from every task");
      }
    }
    this.manager = manager;
    this.datasets = List.copyOf(datasets);
    this.perTask = Math.max(1, batchSize / datasets.size());
    this.epoch = epoch;
  }

  /** Samples per task per step. */
  public int perTaskBatchSize() {
    return perTask;
  }

  /** Steps in the epoch: the most batches any task has. */
  public int steps() {
    int max = 0;
    for (TaskDataset d : datasets) {
      max = Math.max(max, d.batchesPerEpoch(perTask));
    }
    return max;
  }

  /** The sampler epoch of the {@code cycle}-th pass of a task within multitask epoch {@code e}. */
  static int cycleEpoch(int e, int cycle) {
    return e * 65536 + cycle;
  }

  @Override
  public Iterator<MultiTaskBatch> iterator() {
    int steps = steps();
    return new Iterator<>() {
      private final List<SampleBatches> its = new ArrayList<>();
      private final int[] cycles = new int[datasets.size()];
      private int step;

      {
        for (TaskDataset d : datasets) {
          its.add(d.sampleBatches(cycleEpoch(epoch, 0), perTask));
        }
      }

      @Override
      public boolean hasNext() {
        boolean more = step < steps;
        if (!more) {
          its.forEach(SampleBatches::close);
        }
        return more;
      }

      @Override
      public MultiTaskBatch next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        NDManager sub = manager.newSubManager();
        List<TaskBatch> parts = new ArrayList<>();
        try {
          for (int t = 0; t < datasets.size(); t++) {
            SampleBatches it = its.get(t);
            if (!it.hasNext()) {
              it.close();
              it = datasets.get(t).sampleBatches(cycleEpoch(epoch, ++cycles[t]), perTask);
              its.set(t, it);
            }
            parts.add(TaskBatch.of(sub, datasets.get(t).task().name(), it.next()));
          }
        } catch (RuntimeException e) {
          sub.close();
          its.forEach(SampleBatches::close);
          throw e;
        }
        step++;
        return new MultiTaskBatch(List.copyOf(parts), sub);
      }
    };
  }
}
