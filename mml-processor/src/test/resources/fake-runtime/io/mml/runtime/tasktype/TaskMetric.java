package io.mml.runtime.tasktype;

/** Fake of the runtime SPI. */
public interface TaskMetric {
  /** The name. */
  String name();

  /** Whether larger is better. */
  boolean higherIsBetter();

  /** The value. */
  double compute(float[][] scores, float[][] targets);
}
