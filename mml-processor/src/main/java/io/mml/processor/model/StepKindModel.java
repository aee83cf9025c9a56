package io.mml.processor.model;

/** How a subroutine expands into steps; the names equal the runtime's {@code StepKind} constants. */
public enum StepKindModel {
  /** One step in total; the method takes no parameters. */
  ONCE,
  /** One step per task. */
  PER_TASK,
  /** One step for the pivot task. */
  PIVOT,
  /** One step per (task, fold). */
  PER_FOLD,
  /** One step per (pivot, fold). */
  PIVOT_PER_FOLD;

  /** Whether steps carry a task. */
  public boolean hasTask() {
    return this != ONCE;
  }

  /** Whether steps carry a fold. */
  public boolean hasFold() {
    return this == PER_FOLD || this == PIVOT_PER_FOLD;
  }
}
