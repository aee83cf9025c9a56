package io.mml.runtime.cli;

import io.mml.runtime.config.ComposedConfig;
import io.mml.runtime.scheduler.ModeRegistry;

/**
 * Starts a run once the command line is parsed and the config composed: the seam between the CLI
 * and the scheduler engine. The engine registers itself in
 * {@code META-INF/services/io.mml.runtime.cli.RunLauncher}; tests pass a fake.
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
