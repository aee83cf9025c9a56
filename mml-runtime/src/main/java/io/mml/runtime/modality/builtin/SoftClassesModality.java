package io.mml.runtime.modality.builtin;

import io.mml.annotations.ModalityDef;
import io.mml.runtime.data.loaders.SoftClassesLoader;
import io.mml.runtime.tasks.verify.SoftClassesVerifier;

/** Built-in modality {@code soft_classes}: One weight in [0, 1] per class (soft multi-label). */
@ModalityDef(id = "soft_classes", loader = SoftClassesLoader.class, verifier = SoftClassesVerifier.class, augmentable = false,
    description = "One weight in [0, 1] per class (soft multi-label).")
public final class SoftClassesModality {
  private SoftClassesModality() {}
}
