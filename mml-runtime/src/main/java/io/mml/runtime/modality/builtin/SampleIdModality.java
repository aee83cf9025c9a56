package io.mml.runtime.modality.builtin;

import io.mml.annotations.ModalityDef;
import io.mml.runtime.data.loaders.PassLoader;
import io.mml.runtime.tasks.verify.PassVerifier;

/** Built-in modality {@code sample_id}: The sample's id. */
@ModalityDef(id = "sample_id", loader = PassLoader.class, verifier = PassVerifier.class, augmentable = false,
    description = "The sample's id.")
public final class SampleIdModality {
  private SampleIdModality() {}
}
