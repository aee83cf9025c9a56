package io.mml.runtime.modality.builtin;

import io.mml.annotations.ModalityDef;
import io.mml.runtime.data.loaders.ValueLoader;
import io.mml.runtime.tasks.verify.ValueVerifier;

/** Built-in modality {@code value}: A number (regression target). */
@ModalityDef(id = "value", loader = ValueLoader.class, verifier = ValueVerifier.class, augmentable = false,
    description = "A number (regression target).")
public final class ValueModality {
  private ValueModality() {}
}
