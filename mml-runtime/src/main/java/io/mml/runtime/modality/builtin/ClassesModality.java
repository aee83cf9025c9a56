package io.mml.runtime.modality.builtin;

import io.mml.annotations.ModalityDef;
import io.mml.runtime.data.loaders.ClassesLoader;
import io.mml.runtime.tasks.verify.ClassesVerifier;

/** Built-in modality {@code classes}: A list of class indices (multi-label). */
@ModalityDef(id = "classes", loader = ClassesLoader.class, verifier = ClassesVerifier.class, augmentable = false,
    description = "A list of class indices (multi-label).")
public final class ClassesModality {
  private ClassesModality() {}
}
