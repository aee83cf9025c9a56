package io.mml.runtime.scheduler;

import java.util.List;
import java.util.Optional;

/** What a generated {@link Routine#plan} needs to expand subroutines into steps. */
public interface PlanContext {
  /** The expanded task list, in order. */
  List<String> tasks();

  /** The pivot task, if one is set. */
  Optional<String> pivot();

  /** Whether the user selected this subroutine ({@code mode.subroutines}). */
  boolean selected(String subroutine);

  /** The folds a per-fold subroutine runs over for this task. */
  List<Integer> folds(String task);
}
