package io.mml.runtime.tasks.create;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mml.runtime.tasks.TaskException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ParallelWorkTest {
  @Test
  void resultsComeInItemOrderFromNamedDaemonThreads() {
    List<Integer> items = IntStream.range(0, 50).boxed().toList();
    List<String> out = ParallelWork.map(items, 4, "mml-test", "testing", i -> {
      Thread t = Thread.currentThread();
      assertTrue(t.isDaemon());
      return t.getName() + ":" + i;
    });
    assertEquals(IntStream.range(0, 50).mapToObj(i -> "mml-test:" + i).toList(), out);
    assertEquals(List.of(), ParallelWork.map(List.<Integer>of(), 4, "mml-test", "testing", i -> i));
  }

  @Test
  void theFirstFailureInItemOrderIsThrownAsItIs() {
    CountDownLatch laterFailed = new CountDownLatch(1);
    IllegalStateException first = new IllegalStateException("first");
    IllegalStateException thrown = assertThrows(IllegalStateException.class,
        () -> ParallelWork.map(List.of(0, 1), 2, "mml-test", "testing", i -> {
          if (i == 1) {
            laterFailed.countDown();
            throw new IllegalStateException("second");
          }
          try {
            laterFailed.await(10, TimeUnit.SECONDS); // item 1 fails before item 0 does
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          throw first;
        }));
    assertSame(first, thrown);
  }

  @Test
  void errorsAreWrappedAndAnInterruptNamesTheActivity() {
    AssertionError boom = new AssertionError("boom");
    TaskException wrapped = assertThrows(TaskException.class,
        () -> ParallelWork.map(List.of(1), 1, "mml-test", "testing", i -> {
          throw boom;
        }));
    assertEquals("boom", wrapped.getMessage());
    assertSame(boom, wrapped.getCause());

    CountDownLatch never = new CountDownLatch(1);
    Thread.currentThread().interrupt();
    try {
      TaskException e = assertThrows(TaskException.class,
          () -> ParallelWork.map(List.of(1), 1, "mml-test", "computing things", i -> {
            try {
              return never.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException ie) {
              return false; // shutdownNow interrupts the work
            }
          }));
      assertEquals("Interrupted while computing things", e.getMessage());
      assertTrue(Thread.currentThread().isInterrupted(), "the interrupt flag is kept");
    } finally {
      Thread.interrupted();
    }
  }
}
