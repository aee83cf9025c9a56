package io.mml.runtime.errors;

/**
 * The root of every error the user can fix: the message names the input (a key, a task, a file, a
 * run) and the fix; {@link #id()} is a stable identifier to look up in the README ("Exit codes and
 * error ids"); {@link #exitCode()} is what the process returns. The CLI prints
 * {@code Error [<id>]: <message>} without a stack trace and exits with the code.
 *
 * <p>Subclasses fix the kind: {@code ConfigException} (config and command line),
 * {@code TaskException}, {@code DataFileException}, {@code StepFailedException}; this class itself
 * is a refused run operation ({@value #RUN_ID}). Anything else that escapes is an internal error.
 */
public class MmlException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  /** The id of a refused run operation. */
  public static final String RUN_ID = "MML-RUN";

  private final String id;
  private final int exitCode;

  /** A refused run operation (exit {@link ExitCode#RUN}). */
  public MmlException(String message) {
    this(RUN_ID, ExitCode.RUN, message, null);
  }

  /** A refused run operation (exit {@link ExitCode#RUN}). */
  public MmlException(String message, Throwable cause) {
    this(RUN_ID, ExitCode.RUN, message, cause);
  }

  /** An error of the kind given by {@code id} and {@code exitCode}. */
  protected MmlException(String id, int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.id = id;
    this.exitCode = exitCode;
  }

  /** The error's id ({@code MML-CONFIG}, {@code MML-TASK}, ...). */
  public String id() {
    return id;
  }

  /** The process exit code for this error (see {@link ExitCode}). */
  public int exitCode() {
    return exitCode;
  }
}
