package io.mml.runtime.modality.builtin;

import io.mml.annotations.ModalityDef;
import io.mml.runtime.data.loaders.ClassLabelLoader;
import io.mml.runtime.tasks.verify.ClassVerifier;

/** Built-in modality {@code class}: A class index (a key of idx_to_class). */
@ModalityDef(id = "class", loader = ClassLabelLoader.class, verifier = ClassVerifier.class, augmentable = false,
    description = "A class index (a key of idx_to_class).")
public final class ClassModality {
  private ClassModality() {}
}
