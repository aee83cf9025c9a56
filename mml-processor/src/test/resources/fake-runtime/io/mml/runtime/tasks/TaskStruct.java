package io.mml.runtime.tasks;

/** Fake task struct. */
public final class TaskStruct {
  private final String name;

  public TaskStruct(String name) {
    this.name = name;
  }

  public String name() {
    return name;
  }
}
