package io.mml.runtime.tasks.verify;

import io.mml.runtime.modality.ModalityVerifier;
import io.mml.runtime.modality.VerifyContext;

/** {@code sample_id} and {@code task}: meta modalities; must be non-empty strings when present. */
public class PassVerifier implements ModalityVerifier {
  @Override
  public void verify(VerifyContext ctx, Object entry) {
    if (!(entry instanceof String s) || s.isBlank()) {
      throw ctx.fail("meta", "must be a non-empty string, found " + Labels.describe(entry));
    }
  }
}
