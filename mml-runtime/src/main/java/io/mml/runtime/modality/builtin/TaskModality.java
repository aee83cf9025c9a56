package io.mml.runtime.modality.builtin;

import io.mml.annotations.ModalityDef;
import io.mml.runtime.data.loaders.PassLoader;
import io.mml.runtime.tasks.verify.PassVerifier;

/** Built-in modality {@code task}: The name of the task a sample belongs to. */
@ModalityDef(id = "task", loader = PassLoader.class, verifier = PassVerifier.class, augmentable = false,
    description = "The name of the task a sample belongs to.")
public final class TaskModality {
  private TaskModality() {}
}
