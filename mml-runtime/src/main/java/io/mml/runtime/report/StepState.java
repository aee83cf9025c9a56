package io.mml.runtime.report;

/** Where a step of a run is, as the report names it. */
public enum StepState {
  /** Finished in the run's first invocation. */
  DONE("done"),
  /** Finished in an invocation that continued the run ({@code continue=}). */
  CONTINUED("continued"),
  /** Its last attempt failed. */
  FAILED("failed"),
  /** Started but never ended: killed, or still running. */
  UNFINISHED("unfinished"),
  /** A cluster job that is running. */
  RUNNING("running"),
  /** Handed to Slurm, not started. */
  SUBMITTED("submitted"),
  /** Its cluster job was cancelled. */
  CANCELLED("cancelled"),
  /** Never started. */
  NOT_RUN("not run");

  private final String label;

  StepState(String label) {
    this.label = label;
  }

  /** The word the report shows (also the CSS class suffix, with the space replaced). */
  public String label() {
    return label;
  }

  /** Whether the step finished. */
  public boolean finished() {
    return this == DONE || this == CONTINUED;
  }
}
