package io.mml.runtime.tasktype;

/**
 * A {@link TaskMetric} with its name and direction given once, for metric classes that only
 * implement {@link #compute}. Subclasses keep a public no-argument constructor (the processor
 * instantiates them with {@code new}) that passes both up.
 */
public abstract class NamedMetric implements TaskMetric {
  private final String name;
  private final boolean higherIsBetter;

  protected NamedMetric(String name, boolean higherIsBetter) {
    this.name = name;
    this.higherIsBetter = higherIsBetter;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final boolean higherIsBetter() {
    return higherIsBetter;
  }
}
