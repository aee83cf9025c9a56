package io.mml.runtime.cli;

import io.mml.runtime.config.ConfigException;

/**
 * The command line itself is wrong (an unknown option, two modes, a missing argument): exit 2 like
 * a configuration error, with its own id {@value #ID}. {@link #keyPath()} is the offending argument.
 */
public final class UsageException extends ConfigException {
  /** The id of command-line usage errors. */
  public static final String ID = "MML-USAGE";
  private static final long serialVersionUID = 1L;

  public UsageException(String argument, String message) {
    super(ID, argument, message);
  }
}
