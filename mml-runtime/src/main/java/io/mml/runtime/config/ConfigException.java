package io.mml.runtime.config;

import io.mml.runtime.errors.ExitCode;
import io.mml.runtime.errors.MmlException;
import java.util.List;

/**
 * A user-facing configuration error: names the key path (or config file), the rule and the fix.
 * The CLI prints {@link #getMessage()} alone, without a stack trace, and exits with status 2
 * ({@link ExitCode#CONFIG}).
 */
public class ConfigException extends MmlException {
  /** The id of configuration errors. */
  public static final String ID = "MML-CONFIG";
  private static final long serialVersionUID = 1L;

  private final String keyPath;

  public ConfigException(String keyPath, String message) {
    super(ID, ExitCode.CONFIG, message, null);
    this.keyPath = keyPath;
  }

  public ConfigException(String keyPath, String message, Throwable cause) {
    super(ID, ExitCode.CONFIG, message, cause);
    this.keyPath = keyPath;
  }

  /** An error of the same kind (exit 2) with its own id, e.g. a command-line usage error. */
  protected ConfigException(String id, String keyPath, String message) {
    super(id, ExitCode.CONFIG, message, null);
    this.keyPath = keyPath;
  }

  /** The dotted key path (or file) the error is about; may be empty. */
  public String keyPath() {
    return keyPath;
  }

  /** " Did you mean 'x' or 'y'?" for the given suggestions, or "" when there are none. */
  public static String didYouMean(List<String> suggestions) {
    if (suggestions.isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder(" Did you mean ");
    for (int i = 0; i < suggestions.size(); i++) {
      if (i > 0) {
        sb.append(i == suggestions.size() - 1 ? " or " : ", ");
      }
      sb.append('\'').append(suggestions.get(i)).append('\'');
    }
    return sb.append('?').toString();
  }
}
