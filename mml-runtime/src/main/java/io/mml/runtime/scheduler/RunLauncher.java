package io.mml.runtime.scheduler;

import io.mml.runtime.config.ComposedConfig;

/**
 * Starts a run once the command line is parsed and the config composed: the seam between the CLI
 * and the scheduler engine. The engine registers itself in
 * {@code META-INF/services/io.mml.runtime.scheduler.RunLauncher}; tests pass a fake.
 */
@FunctionalInterface
public interface RunLauncher {
  /**
   * Runs the composed mode.
   *
   * @return the process exit code (0 for success)
   */
  int launch(ModeRegistry registry, ComposedConfig composed) throws Exception;
}
