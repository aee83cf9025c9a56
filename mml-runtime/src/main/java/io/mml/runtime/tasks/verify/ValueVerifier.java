package io.mml.runtime.tasks.verify;

import io.mml.runtime.modality.ModalityVerifier;
import io.mml.runtime.modality.VerifyContext;

/** {@code value} (regression target): a finite number. */
public class ValueVerifier implements ModalityVerifier {
  @Override
  public void verify(VerifyContext ctx, Object entry) {
    if (Labels.number(entry) == null) {
      throw ctx.fail("value", "must be a finite number, found " + Labels.describe(entry));
    }
  }
}
