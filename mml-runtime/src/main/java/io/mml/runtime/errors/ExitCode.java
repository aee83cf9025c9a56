package io.mml.runtime.errors;

/**
 * The process exit codes of {@code mml}, one per kind of error. Every user-facing error names its
 * code through {@link MmlException#exitCode()}; the CLI returns it without inspecting the type.
 */
public final class ExitCode {
  private ExitCode() {}

  /** The run (or command) finished. */
  public static final int OK = 0;
  /** An internal error: a defect in mml or a plugin, not in the input (reported with a stack trace). */
  public static final int INTERNAL = 1;
  /** The command line or the configuration is wrong (unknown key, bad value, unknown mode or option). */
  public static final int CONFIG = 2;
  /** A task is unknown, or its description or folder cannot be used. */
  public static final int TASK = 3;
  /** A data file (image, mask, model file) is missing, unreadable, corrupt or does not fit. */
  public static final int DATA = 4;
  /** The run folder refuses the request: a continue that does not match, a run in use, a cluster problem. */
  public static final int RUN = 5;
  /** A step of the run failed with an error of its own code (the journal and failures/ keep the details). */
  public static final int STEP = 6;
}
