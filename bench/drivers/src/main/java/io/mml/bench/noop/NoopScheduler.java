package io.mml.bench.noop;

import io.mml.annotations.Mode;
import io.mml.annotations.Param;
import io.mml.annotations.PerTask;
import io.mml.annotations.Subroutine;
import io.mml.runtime.scheduler.AbstractBaseScheduler;
import java.util.ArrayList;
import java.util.List;

/**
 * A scheduler whose steps do nothing: {@code mode.steps} per-fold steps on one task, then one
 * aggregate step. What is left to time is the engine itself (compose, plan, journal, struct dump).
 */
@Mode(id = "noop", description = "No-op steps for benchmarking the engine.")
public class NoopScheduler extends AbstractBaseScheduler {
  @Param(defaultValue = "10000", doc = "How many no-op per-fold steps to plan on each task.")
  int steps;

  @Override
  public List<Integer> folds(String taskName) {
    List<Integer> folds = new ArrayList<>(steps);
    for (int i = 0; i < steps; i++) {
      folds.add(i);
    }
    return folds;
  }

  @Subroutine("tick")
  @PerTask(perFold = true)
  void tick(String task, int fold) {
    // Intentionally empty.
  }

  @Subroutine("once")
  void once() {
    // Intentionally empty.
  }
}
