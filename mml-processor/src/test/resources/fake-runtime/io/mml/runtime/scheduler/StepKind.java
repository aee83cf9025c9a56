package io.mml.runtime.scheduler;

/** Fake of the runtime step kinds. */
public enum StepKind { PREPARE, ONCE, PER_TASK, PIVOT, PER_FOLD, PIVOT_PER_FOLD, FINISH }
