package io.mml.runtime.tasks.verify;

import io.mml.runtime.modality.ModalityVerifier;
import io.mml.runtime.modality.VerifyContext;

/** {@code class}: an integer class index present in {@code idx_to_class}; counts into the class occurrences. */
public class ClassVerifier implements ModalityVerifier {
  @Override
  public void verify(VerifyContext ctx, Object entry) {
    Integer idx = Labels.index(entry);
    if (idx == null) {
      throw ctx.fail("class", "must be an integer class index, found " + Labels.describe(entry));
    }
    String name = ctx.idxToClass().get(idx);
    if (name == null) {
      throw ctx.fail("class", "class index " + idx + " is not in the class map " + ctx.idxToClass());
    }
    ctx.countClass(name, 1);
  }
}
