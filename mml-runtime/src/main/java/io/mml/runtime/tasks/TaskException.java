package io.mml.runtime.tasks;

import io.mml.runtime.errors.ExitCode;
import io.mml.runtime.errors.MmlException;

/** A user-facing problem with a task or its description file; the message names the task or file and the fix. */
public class TaskException extends MmlException {
  /** The id of task errors. */
  public static final String ID = "MML-TASK";
  private static final long serialVersionUID = 1L;

  public TaskException(String message) {
    super(ID, ExitCode.TASK, message, null);
  }

  public TaskException(String message, Throwable cause) {
    super(ID, ExitCode.TASK, message, cause);
  }
}
