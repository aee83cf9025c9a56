package io.mml.runtime.scheduler;

/**
 * A user-facing run-time error whose message already names the input and the fix; the CLI prints
 * the message without a stack trace.
 */
public class MmlException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public MmlException(String message) {
    super(message);
  }

  public MmlException(String message, Throwable cause) {
    super(message, cause);
  }
}
