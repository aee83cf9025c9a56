package io.mml.runtime.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A data file that cannot be used: missing, unreadable, empty, corrupt or truncated, or in an
 * unsupported format. The message names the file, what is wrong and the fix.
 */
public class DataFileException extends IOException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;

  public DataFileException(Path file, String message, Throwable cause) {
    super(message, cause);
    this.file = file;
  }

  /** The file the error is about. */
  public Path file() {
    return file;
  }
}
