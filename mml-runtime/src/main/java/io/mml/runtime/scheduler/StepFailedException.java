package io.mml.runtime.scheduler;

/** A step threw: names the step, the run folder and how to resume after fixing the cause. */
public final class StepFailedException extends MmlException {
  private static final long serialVersionUID = 1L;

  private final String stepId;

  public StepFailedException(String stepId, String message, Throwable cause) {
    super(message, cause);
    this.stepId = stepId;
  }

  /** The id of the failed step. */
  public String stepId() {
    return stepId;
  }
}
