package io.mml.runtime.tasks;

/** A user-facing problem with a task or its description file; the message names the task or file and the fix. */
public class TaskException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TaskException(String message) {
    super(message);
  }

  public TaskException(String message, Throwable cause) {
    super(message, cause);
  }
}
