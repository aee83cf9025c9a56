package io.mml.runtime.sweep;

import io.mml.runtime.errors.ExitCode;
import io.mml.runtime.errors.MmlException;

/**
 * Every trial of a sweep failed. It carries the id and exit code of the first trial's error (a
 * config mistake in every trial exits 2, as one run would), and its message names the sweep, the
 * first error and where the others are recorded.
 */
public final class SweepFailedException extends MmlException {
  private static final long serialVersionUID = 1L;

  SweepFailedException(String message, Throwable first) {
    super(first instanceof MmlException m ? m.id() : "MML-INTERNAL",
        first instanceof MmlException m ? m.exitCode() : ExitCode.INTERNAL, message, first);
  }
}
