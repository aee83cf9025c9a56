package io.mml.runtime.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import io.mml.runtime.config.ComposedConfig;
import io.mml.runtime.config.ConfigComposer;
import io.mml.runtime.config.ConfigException;
import io.mml.runtime.errors.ExitCode;
import io.mml.runtime.errors.MmlException;
import io.mml.runtime.config.ConfigSources;
import io.mml.runtime.config.Names;
import io.mml.runtime.sweep.BestParams;
import io.mml.runtime.sweep.SweepRunner;
import io.mml.runtime.scheduler.RunResult;
import io.mml.runtime.scheduler.ModeRegistry;
import io.mml.runtime.scheduler.RunLauncher;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code mml} command line: parses the arguments, composes the config and hands it to the run
 * engine. Generated main classes call {@code System.exit(Cli.run(args))}.
 *
 * <p>Exit codes: 0 success; 2 a configuration or usage error (only its message is printed, nothing
 * is written to disk); 1 any other failure (message, stack trace at debug level); otherwise what the
 * engine returns.
 */
public final class Cli {
  /** The mode run when none is given. */
  public static final String DEFAULT_MODE = "info";
  /** The resource holding the build's version ({@code version=...}), filtered by Maven. */
  public static final String VERSION_RESOURCE = "META-INF/mml/version.properties";

  private static final Logger LOG = LoggerFactory.getLogger(Cli.class);
  private static final List<String> LEVELS = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

  private final RunLauncher launcher;
  private final Supplier<ModeRegistry> registry;
  private final ClassLoader loader;
  private final Function<String, String> env;
  private final PrintStream out;
  private final PrintStream err;

  Cli(RunLauncher launcher, Supplier<ModeRegistry> registry, ClassLoader loader, Function<String, String> env,
      PrintStream out, PrintStream err) {
    this.launcher = Objects.requireNonNull(launcher, "launcher");
    this.registry = Objects.requireNonNull(registry, "registry");
    this.loader = Objects.requireNonNull(loader, "loader");
    this.env = Objects.requireNonNull(env, "env");
    this.out = Objects.requireNonNull(out, "out");
    this.err = Objects.requireNonNull(err, "err");
  }

  /** Runs the command line with the engine found on the class path; returns the exit code. */
  public static int run(String... args) {
    // Jobs of a cluster run start the same main class as the command that submitted them.
    StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).walk(frames -> frames
        .filter(f -> f.getDeclaringClass() != Cli.class && f.getMethodName().equals("main")).findFirst())
        .ifPresent(f -> io.mml.runtime.cluster.MainClass.detected(f.getDeclaringClass().getName()));
    return run(engineLauncher(Cli.class.getClassLoader()), args);
  }

  /** Runs the command line with the given launcher (tests); returns the exit code. */
  static int run(RunLauncher launcher, String... args) {
    return new Cli(launcher, ModeRegistry::load, Cli.class.getClassLoader(), System::getenv, System.out, System.err)
        .execute(args);
  }

  /** For {@code java -cp ... io.mml.runtime.cli.Cli <args>}. */
  public static void main(String... args) {
    System.exit(run(args));
  }

  /** Parses, composes and launches; never throws. */
  int execute(String... args) {
    try {
      if (args.length > 0 && RunCommands.NAMES.contains(args[0])) {
        ConfigSources sources = ConfigSources.fromEnvironment(loader, env, List.of());
        return new RunCommands(new ConfigComposer(sources, env), RunCommands.realClients(), out)
            .run(registry.get(), args);
      }
      CliArgs a = CliArgs.parse(args);
      if (a.version()) {
        out.println("mml " + version(loader));
        return 0;
      }
      ConfigSources sources = ConfigSources.fromEnvironment(loader, env, a.configDirs());
      if (a.help()) {
        out.print(HelpText.render(registry.get(), sources, a.mode()));
        return 0;
      }
      String mode = a.mode() == null ? DEFAULT_MODE : a.mode();
      ConfigComposer composer = new ConfigComposer(sources, env);
      List<String> overrides = BestParams.expand(composer, mode, a.overrides());
      if (a.cfg()) {
        out.print(io.mml.runtime.cluster.ContinuedExecutor.compose(composer, mode, overrides).toYaml());
        return 0;
      }
      ModeRegistry modes = registry.get();
      modes.get(mode); // an unknown mode fails here, with the closest registered ids
      if (a.multirun()) {
        return new SweepRunner(composer, launcher, modes, Clock.systemDefaultZone()).run(mode, overrides, true);
      }
      ComposedConfig composed = io.mml.runtime.cluster.ContinuedExecutor.compose(composer, mode, overrides);
      applyLogLevel(composed);
      if (SweepRunner.searches(composed.config())) {
        return new SweepRunner(composer, launcher, modes, Clock.systemDefaultZone()).run(mode, overrides, false);
      }
      LOG.debug("Composed config for mode {}: choices {}, overrides {}", mode, composed.choices(), composed.overrides());
      return launcher.launch(modes, composed);
    } catch (MmlException e) {
      // A user error: its message names the input and the fix; the type says the exit code.
      err.println("Error [" + e.id() + "]: " + e.getMessage());
      LOG.debug("{} (exit {})", e.id(), e.exitCode(), e);
      return e.exitCode();
    } catch (Exception | LinkageError e) {
      err.println("Internal error [" + INTERNAL_ID + "]: " + describe(e));
      err.println("This is a defect in mml or a plugin, not in your input. Please report it with the stack trace"
          + " (run again with logging.level=DEBUG to print it; a failed step also saved it under <run>/failures/).");
      LOG.debug("Stack trace", e);
      return ExitCode.INTERNAL;
    }
  }

  /** The id printed for internal errors. */
  public static final String INTERNAL_ID = "MML-INTERNAL";

  private static String describe(Throwable e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getName() : e.getClass().getName() + ": " + m;
  }

  /**
   * The version of mml: the runtime jar's manifest {@code Implementation-Version}, else the
   * Maven-filtered {@value #VERSION_RESOURCE}, else {@code unknown}.
   */
  public static String version(ClassLoader loader) {
    String v = Cli.class.getPackage() == null ? null : Cli.class.getPackage().getImplementationVersion();
    if (v != null && !v.isBlank()) {
      return v;
    }
    try (InputStream in = loader.getResourceAsStream(VERSION_RESOURCE)) {
      if (in != null) {
        Properties p = new Properties();
        p.load(in);
        String fromFile = p.getProperty("version");
        if (fromFile != null && !fromFile.isBlank() && !fromFile.contains("${")) {
          return fromFile.strip();
        }
      }
    } catch (IOException e) {
      LOG.debug("Cannot read {}", VERSION_RESOURCE, e);
    }
    return "unknown";
  }

  /** Sets the console log level from {@code logging.level} when logback is the SLF4J binding. */
  private static void applyLogLevel(ComposedConfig composed) {
    String level = composed.config().getString("logging.level", null);
    if (level == null) {
      return;
    }
    String upper = level.strip().toUpperCase(java.util.Locale.ROOT);
    if (!LEVELS.contains(upper)) {
      throw new ConfigException("logging.level", "Config key 'logging.level' must be one of "
          + String.join(", ", LEVELS) + "; found '" + level + "'."
          + ConfigException.didYouMean(Names.closest(upper, LEVELS)));
    }
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    if (factory instanceof LoggerContext ctx) {
      ctx.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.toLevel(upper));
    }
  }

  /**
   * A launcher that finds the engine through {@code ServiceLoader<RunLauncher>} when a run starts
   * (so {@code --help} and {@code --cfg} work without it).
   */
  static RunLauncher engineLauncher(ClassLoader loader) {
    return new RunLauncher() {
      @Override
      public int launch(ModeRegistry registry, ComposedConfig composed) throws Exception {
        return engine().launch(registry, composed);
      }

      @Override
      public RunResult runIn(ModeRegistry registry, ComposedConfig composed, Path runDir) throws Exception {
        return engine().runIn(registry, composed, runDir);
      }

      private RunLauncher engine() {
        return ServiceLoader.load(RunLauncher.class, loader).findFirst().orElseThrow(() -> new IllegalStateException(
            "No run engine found: nothing on the class path registers " + RunLauncher.class.getName()
            + " in META-INF/services (mml-runtime's io.mml.runtime.scheduler.Engine should). Check that a complete"
            + " mml-runtime jar is on the class path."));
      }
    };
  }
}
