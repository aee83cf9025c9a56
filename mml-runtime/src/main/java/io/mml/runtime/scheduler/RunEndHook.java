package io.mml.runtime.scheduler;

import io.mml.runtime.config.Config;

/**
 * Something that runs when a run ends, wherever its last step ran (the local loop, a cluster job):
 * after {@code finish} was recorded, and in the local loop also after a step failed. Found through
 * {@code META-INF/services/io.mml.runtime.scheduler.RunEndHook} (e.g. the HTML run report). A hook
 * must not fail the run: whatever it throws is logged as a warning and the run's outcome stays.
 */
public interface RunEndHook {
  /**
   * Checks the hook's own config keys before anything of the run is written (a bad value fails the
   * command, like any other config error, instead of surfacing when the run ends).
   */
  default void checkConfig(Config config) {}

  /**
   * The run ended.
   *
   * @param ctx the run (its folder holds the plan, the journal and every record written so far)
   * @param runId the run id ({@code YYYY-MM-DD/HH-MM-SS-mmm})
   */
  void runEnded(RunContext ctx, String runId) throws Exception;
}
