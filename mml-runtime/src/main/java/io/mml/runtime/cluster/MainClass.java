package io.mml.runtime.cluster;

/**
 * The main class jobs start: the generated main that started this process (it has every mode of
 * the project on its class path), else {@code io.mml.runtime.cli.Cli}; {@code -Dmml.main=<fqcn>}
 * overrides.
 */
public final class MainClass {
  private static volatile String detected;

  private MainClass() {}

  /** Called by the CLI with the class whose {@code main} called it. */
  public static void detected(String className) {
    if (detected == null) {
      detected = className;
    }
  }

  /** The main class for jobs. */
  public static String get() {
    String p = System.getProperty("mml.main");
    if (p != null && !p.isBlank()) {
      return p;
    }
    return detected != null ? detected : "io.mml.runtime.cli.Cli";
  }
}
