package io.mml.runtime.scheduler;

import java.nio.file.Path;

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

  /**
   * Runs the composed mode in {@code runDir} (a sweep's trial folder), continuing the run already
   * there if any, and returns what it did.
   */
  default RunResult runIn(ModeRegistry registry, ComposedConfig composed, Path runDir) throws Exception {
    throw new UnsupportedOperationException(getClass().getName() + " cannot run in a given folder (sweeps)");
  }
}
