package io.mml.runtime.infer;

import io.mml.runtime.scheduler.MmlException;

/**
 * A user-facing inference error (a model file that cannot be opened or does not fit the task); the
 * message names the file, the tensor and the fix.
 */
public class InferException extends MmlException {
  private static final long serialVersionUID = 1L;

  public InferException(String message) {
    super(message);
  }

  public InferException(String message, Throwable cause) {
    super(message, cause);
  }
}
