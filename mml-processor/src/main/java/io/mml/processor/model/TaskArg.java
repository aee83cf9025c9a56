package io.mml.processor.model;

/** What a step method receives for its task. */
public enum TaskArg {
  /** No task (once-methods). */
  NONE,
  /** The task's {@code TaskStruct}, looked up with {@code scheduler.struct(name)}. */
  STRUCT,
  /** The task name as a {@code String}. */
  NAME
}
