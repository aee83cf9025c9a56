package io.mml.runtime.config;

import java.util.List;

/**
 * A user-facing configuration error: names the key path (or config file), the rule and the fix.
 * The CLI prints {@link #getMessage()} alone, without a stack trace, and exits with status 2.
 */
public class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String keyPath;

  public ConfigException(String keyPath, String message) {
    super(message);
    this.keyPath = keyPath;
  }

  public ConfigException(String keyPath, String message, Throwable cause) {
    super(message, cause);
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
