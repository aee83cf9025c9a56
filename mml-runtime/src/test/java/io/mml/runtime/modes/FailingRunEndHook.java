package io.mml.runtime.modes;

import io.mml.runtime.scheduler.RunContext;
import io.mml.runtime.scheduler.RunEndHook;

/**
 * A run-end hook that throws for runs of project {@value #PROJECT} (and does nothing for any other):
 * shows that a failing hook, such as a report that cannot be written, does not fail the run.
 */
public final class FailingRunEndHook implements RunEndHook {
  static final String PROJECT = "failing_hook";

  @Override
  public void runEnded(RunContext ctx, String runId) {
    if (ctx.files().project().equals(PROJECT)) {
      throw new IllegalStateException("this hook always fails for project " + PROJECT);
    }
  }
}
