package io.mml.runtime.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Helpers to write config folders and compose from them in tests. */
final class ConfigFixtures {
  private ConfigFixtures() {}

  /** Writes {@code rel} (e.g. {@code tasks/mine.yaml}) under {@code dir}, creating folders. */
  static Path write(Path dir, String rel, String text) {
    try {
      Path f = dir.resolve(rel);
      Files.createDirectories(f.getParent());
      Files.writeString(f, text, StandardCharsets.UTF_8);
      return f;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ConfigSources sources(Path... userDirs) {
    return ConfigSources.load(ConfigFixtures.class.getClassLoader(), List.of(userDirs));
  }

  static Function<String, String> env(Map<String, String> vars) {
    return vars::get;
  }

  /** Composes with the built-in configs, the test mode stubs, the given folders and an empty environment. */
  static ComposedConfig compose(String mode, List<String> overrides, Path... userDirs) {
    return new ConfigComposer(sources(userDirs), env(Map.of())).compose(mode, overrides);
  }
}
