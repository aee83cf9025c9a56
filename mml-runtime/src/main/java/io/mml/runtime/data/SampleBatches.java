package io.mml.runtime.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The batches of one epoch of a {@link TaskDataset} as Java samples, in order. With more than one
 * worker, whole batches are decoded and augmented on a private pool of daemon threads, up to
 * three batches ahead (one hand-over per batch, not per sample); the pool stops when the epoch
 * ends or {@link #close()} is called. Sample
 * {@code j} of batch {@code b} gets the random source of position {@code b * batchSize + j}, so
 * results do not depend on the worker count. A sample that cannot be loaded ends the iteration
 * with an {@link UncheckedIOException} whose cause names the task, sample and file.
 */
public final class SampleBatches implements Iterator<List<Sample>>, AutoCloseable {
  private static final AtomicInteger POOLS = new AtomicInteger();

  private final TaskDataset dataset;
  private final List<int[]> batches;
  private final int epoch;
  private final int batchSize;
  private final ExecutorService pool;
  private final int ahead;
  private final ArrayDeque<Future<List<Sample>>> queued = new ArrayDeque<>();
  private int submitted;
  private int taken;

  SampleBatches(TaskDataset dataset, List<int[]> batches, int epoch, int batchSize, int workers) {
    this.dataset = dataset;
    this.batches = batches;
    this.epoch = epoch;
    this.batchSize = batchSize;
    this.ahead = 2;
    // A pool pays off only when it can decode ahead: for one or two batches (a small validation or
    // test split) starting threads costs more than it saves, so such epochs load in-line.
    if (workers > 1 && batches.size() > 2) {
      int id = POOLS.incrementAndGet();
      AtomicInteger t = new AtomicInteger();
      this.pool = Executors.newFixedThreadPool(workers, r -> {
        Thread th = new Thread(r, "mml-data-" + id + "-" + t.incrementAndGet());
        th.setDaemon(true);
        return th;
      });
    } else {
      this.pool = null;
    }
  }

  /** The number of batches in this epoch. */
  public int numBatches() {
    return batches.size();
  }

  @Override
  public boolean hasNext() {
    return taken < batches.size();
  }

  @Override
  public List<Sample> next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    try {
      if (pool == null) {
        return loadBatch(taken);
      }
      fill();
      List<Sample> out = queued.poll().get();
      fill();
      return out;
    } catch (IOException e) {
      close();
      throw new UncheckedIOException(e.getMessage(), e);
    } catch (ExecutionException e) {
      close();
      Throwable c = e.getCause();
      if (c instanceof IOException io) {
        throw new UncheckedIOException(io.getMessage(), io);
      }
      if (c instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(c);
    } catch (InterruptedException e) {
      close();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while loading " + dataset, e);
    } finally {
      taken++;
      if (taken >= batches.size()) {
        close();
      }
    }
  }

  /** Loads batch {@code k}: sample {@code j} gets the random source of position {@code k * batchSize + j}. */
  private List<Sample> loadBatch(int k) throws IOException {
    int[] b = batches.get(k);
    List<Sample> out = new ArrayList<>(b.length);
    for (int j = 0; j < b.length; j++) {
      out.add(dataset.load(b[j], dataset.sampleRandom(epoch, k * batchSize + j)));
    }
    return out;
  }

  /** Keeps up to {@code ahead + 1} batches queued; each worker loads whole batches (one hand-over per batch). */
  private void fill() {
    while (submitted < batches.size() && submitted < taken + ahead + 1) {
      int k = submitted;
      queued.add(pool.submit(() -> loadBatch(k)));
      submitted++;
    }
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}
