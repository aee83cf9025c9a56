package io.mml.runtime.modality;

/**
 * Checks the value of one modality of one sample while a task is created, and records what the
 * task header needs (class occurrences). Errors go through {@link VerifyContext#fail} so they name
 * the task, the split and the sample id.
 */
public interface ModalityVerifier {
  /** Verifies one entry; calls {@code ctx.fail(...)} (which throws) when it is invalid. */
  void verify(VerifyContext ctx, Object entry);
}
