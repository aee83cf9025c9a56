package io.mml.runtime.config;

import java.util.Map;

/**
 * The hint for an unknown mode that a plugin may provide: modes are found only on the class path,
 * so a missing plugin jar looks like a typo. Names the plugin for the modes of mml's own plugins.
 */
public final class PluginHints {
  /** Mode id to the artifact of the plugin that provides it. */
  private static final Map<String, String> KNOWN = Map.of(
      "dim", "io.mml:mml-dimensionality",
      "similarity", "io.mml:mml-similarity",
      "suggest", "io.mml:mml-suggest");

  private PluginHints() {}

  /** " Is the plugin installed? ..." for an unknown mode id. */
  public static String forMode(String mode) {
    String artifact = KNOWN.get(mode);
    if (artifact != null) {
      return " Mode '" + mode + "' comes with the plugin " + artifact + ": is the plugin installed? Add it as a"
          + " dependency of your project (scope runtime) so its jar is on the class path.";
    }
    return " Is the plugin that provides it installed? Modes of plugins are found only when their jar is on the"
        + " class path (a dependency of your project).";
  }
}
