package io.mml.runtime.infer;

import io.mml.runtime.errors.ExitCode;
import io.mml.runtime.errors.MmlException;

/**
 * A user-facing inference error (a model file that cannot be opened or does not fit the task); the
 * message names the file, the tensor and the fix.
 */
public class InferException extends MmlException {
  /** The id of model-file errors found by inference. */
  public static final String ID = "MML-MODEL";
  private static final long serialVersionUID = 1L;

  public InferException(String message) {
    super(ID, ExitCode.DATA, message, null);
  }

  public InferException(String message, Throwable cause) {
    super(ID, ExitCode.DATA, message, cause);
  }
}
