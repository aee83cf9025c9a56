package io.mml.runtime.cli;

import io.mml.runtime.config.ComposedConfig;
import io.mml.runtime.scheduler.ModeRegistry;

/** A launcher registered through a test services file; remembers the last mode it launched. */
public final class RecordingLauncher implements RunLauncher {
  static volatile String lastMode;

  @Override
  public int launch(ModeRegistry registry, ComposedConfig composed) {
    lastMode = composed.modeId();
    return 5;
  }
}
