package io.mml.runtime.cli;

import io.mml.runtime.config.ConfigException;
import io.mml.runtime.config.ConfigOverride;
import io.mml.runtime.config.Names;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The parsed command line: {@code mml [<mode>] [overrides...] [--help] [--cfg] [--version]
 * [--config-dir <dir>]}.
 *
 * @param mode the mode (first bare word or {@code mode=<id>}); null when none was given
 * @param overrides the overrides in order, without {@code mode=}
 * @param help {@code --help} / {@code -h}
 * @param cfg {@code --cfg}
 * @param version {@code --version}
 * @param configDirs the {@code --config-dir} folders, in order (later wins)
 * @param multirun {@code -m} / {@code --multirun}: a sweep over the overrides' values ({@code a,b})
 */
record CliArgs(String mode, List<String> overrides, boolean help, boolean cfg, boolean version, List<Path> configDirs,
    boolean multirun) {
  static final List<String> FLAGS = List.of("--help", "-h", "--cfg", "--version", "--config-dir", "--multirun", "-m");

  CliArgs {
    overrides = List.copyOf(overrides);
    configDirs = List.copyOf(configDirs);
  }

  /** Parses the arguments; a {@link ConfigException} explains any misuse. */
  static CliArgs parse(String... args) {
    String mode = null;
    String modeFrom = null;
    List<String> overrides = new ArrayList<>();
    List<Path> dirs = new ArrayList<>();
    boolean help = false;
    boolean cfg = false;
    boolean version = false;
    boolean multirun = false;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--help") || a.equals("-h")) {
        help = true;
      } else if (a.equals("--cfg")) {
        cfg = true;
        // Hydra spells it "--cfg job"; accept that too.
        if (i + 1 < args.length && args[i + 1].equals("job")) {
          i++;
        }
      } else if (a.equals("--version")) {
        version = true;
      } else if (a.equals("-m") || a.equals("--multirun")) {
        multirun = true;
      } else if (a.equals("--config-dir") || a.startsWith("--config-dir=")) {
        String dir;
        if (a.startsWith("--config-dir=")) {
          dir = a.substring("--config-dir=".length());
        } else {
          dir = i + 1 < args.length && !args[i + 1].startsWith("-") ? args[++i] : "";
        }
        if (dir.isBlank()) {
          throw new UsageException("--config-dir", "--config-dir needs a folder: --config-dir <dir>, where <dir> holds"
              + " <group>/<option>.yaml files.");
        }
        Path p = Path.of(dir);
        if (!Files.isDirectory(p)) {
          throw new UsageException("--config-dir", "The folder given with --config-dir, '" + dir + "', does not exist"
              + " or is not a folder. Create it or fix the path.");
        }
        dirs.add(p);
      } else if (a.startsWith("-")) {
        String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
        throw new UsageException(name, "Unknown option '" + name + "'. Options: --help, --cfg, --version,"
            + " --config-dir <dir>, -m/--multirun." + ConfigException.didYouMean(Names.closest(name, FLAGS)));
      } else if (a.startsWith("mode=")) {
        String m = a.substring("mode=".length()).strip();
        if (m.isEmpty()) {
          throw new UsageException("mode", "'mode=' needs a mode id, e.g. mode=train.");
        }
        if (mode != null && !mode.equals(m)) {
          throw new UsageException("mode", "Two modes given: '" + mode + "' (" + modeFrom + ") and '" + m
              + "' (mode=). A run has one mode; remove one.");
        }
        mode = m;
        modeFrom = "mode=";
      } else if (ConfigOverride.looksLikeOne(a)) {
        overrides.add(a);
      } else if (mode == null) {
        mode = a;
        modeFrom = "first word";
      } else {
        throw new UsageException(a, "Unexpected argument '" + a + "': the mode is already '" + mode + "'"
            + " and a run has one mode. Overrides look like key.path=value, +new.key=value, ~key or group=option.");
      }
    }
    return new CliArgs(mode, overrides, help, cfg, version, dirs, multirun);
  }
}
