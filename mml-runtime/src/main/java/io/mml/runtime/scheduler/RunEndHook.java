package io.mml.runtime.scheduler;

/**
 * Something that runs when a run ends, wherever its last step ran (the local loop, a cluster job):
 * after {@code finish} was recorded, and in the local loop also after a step failed. Found through
 * {@code META-INF/services/io.mml.runtime.scheduler.RunEndHook} (e.g. the HTML run report). A hook
 * must not fail the run: whatever it throws is logged as a warning and the run's outcome stays.
 */
public interface RunEndHook {
  /**
   * The run ended.
   *
   * @param ctx the run (its folder holds the plan, the journal and every record written so far)
   * @param runId the run id ({@code YYYY-MM-DD/HH-MM-SS-mmm})
   */
  void runEnded(RunContext ctx, String runId) throws Exception;
}
