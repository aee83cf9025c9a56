package io.mml.runtime.scheduler;

/** How a subroutine expands into steps. */
public enum StepKind {
  /** The engine's own first step: builds the task structs, then runs {@code afterPreparation}. */
  PREPARE,
  /** One step in total. */
  ONCE,
  /** One step per task of the expanded task list. */
  PER_TASK,
  /** One step for the pivot task only. */
  PIVOT,
  /** One step per (task, fold). */
  PER_FOLD,
  /** One step per (pivot, fold). */
  PIVOT_PER_FOLD,
  /** The engine's own last step: {@code beforeFinishing}, removals, completion marker. */
  FINISH
}
