package io.mml.runtime.tasks;

/** The tasks installed in the data tree, by name. (Placeholder.) */
public final class TaskIndex {
  public TaskHeader header(String name) {
    throw new UnsupportedOperationException("placeholder: " + name);
  }
}
