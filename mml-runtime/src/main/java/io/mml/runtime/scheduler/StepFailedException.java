package io.mml.runtime.scheduler;

import io.mml.runtime.errors.ExitCode;
import io.mml.runtime.errors.MmlException;

/**
 * A step threw: names the step, the run folder and how to resume after fixing the cause. Its id and
 * exit code are the cause's when the cause is a user error (a bad config value found inside a step
 * is {@code MML-CONFIG}, exit 2), else {@value #ID} and {@link ExitCode#STEP}.
 */
public final class StepFailedException extends MmlException {
  /** The id of a failed step. */
  public static final String ID = "MML-STEP";
  private static final long serialVersionUID = 1L;

  private final String stepId;

  public StepFailedException(String stepId, String message, Throwable cause) {
    super(cause instanceof MmlException m ? m.id() : ID, cause instanceof MmlException m ? m.exitCode() : ExitCode.STEP,
        message, cause);
    this.stepId = stepId;
  }

  /** The id of the failed step. */
  public String stepId() {
    return stepId;
  }
}
