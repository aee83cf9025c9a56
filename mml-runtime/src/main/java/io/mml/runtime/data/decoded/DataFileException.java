package io.mml.runtime.data.decoded;

import io.mml.runtime.errors.ExitCode;
import io.mml.runtime.errors.MmlException;
import java.nio.file.Path;

/**
 * A data file that cannot be used: missing, unreadable, empty, corrupt or truncated, or in an
 * unsupported format. The message names the file, what is wrong and the fix. Unchecked (a user error,
 * exit {@link ExitCode#DATA}), although the loaders that throw it also declare {@code IOException}.
 */
public class DataFileException extends MmlException {
  /** The id of data-file errors. */
  public static final String ID = "MML-DATA";
  private static final long serialVersionUID = 1L;

  private final transient Path file;

  public DataFileException(Path file, String message, Throwable cause) {
    super(ID, ExitCode.DATA, message, cause);
    this.file = file;
  }

  /** The file the error is about. */
  public Path file() {
    return file;
  }
}
