package io.mml.runtime.tasks.create;

import io.mml.runtime.tasks.TaskException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Task creation's parallel loops (verifying samples, image statistics): one piece of work per item
 * on a pool of daemon threads, the results in item order. The failure of the first failing item
 * in that order is thrown as it is, so the same input always gives the same error, whatever the
 * number of threads.
 */
final class ParallelWork {
  private ParallelWork() {}

  /**
   * {@code work} applied to each item with at most {@code workers} threads named {@code threadName}.
   * An interrupt becomes a {@link TaskException} "Interrupted while {@code activity}".
   */
  static <T, R> List<R> map(List<T> items, int workers, String threadName, String activity,
      Function<? super T, ? extends R> work) {
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(workers, items.size())), r -> {
      Thread t = new Thread(r, threadName);
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<R>> futures = new ArrayList<>();
      for (T item : items) {
        futures.add(pool.submit(() -> work.apply(item)));
      }
      List<R> out = new ArrayList<>(futures.size());
      for (Future<R> f : futures) {
        out.add(get(f, activity));
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  private static <R> R get(Future<R> f, String activity) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TaskException("Interrupted while " + activity, e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      throw c instanceof RuntimeException re ? re : new TaskException(String.valueOf(c.getMessage()), c);
    }
  }
}
