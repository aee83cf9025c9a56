package io.mml.runtime.tasktype;

/** One evaluation metric of a task type, computed on whole prediction sets. */
public interface TaskMetric {
  /** The metric's name in CSV columns and model storages ({@code accuracy}, {@code macro_f1}). */
  String name();

  /** Whether larger values are better (for selecting the best model). */
  boolean higherIsBetter();

  /** The metric value; NaN when it is undefined for these predictions (e.g. AUROC with one class). */
  double compute(Predictions predictions);
}
