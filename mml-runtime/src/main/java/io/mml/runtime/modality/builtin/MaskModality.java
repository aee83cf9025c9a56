package io.mml.runtime.modality.builtin;

import io.mml.annotations.ModalityDef;
import io.mml.runtime.data.loaders.MaskLoader;
import io.mml.runtime.tasks.verify.MaskVerifier;

/** Built-in modality {@code mask}: A segmentation mask: a grey or palette image of class indices (255 = ignore). */
@ModalityDef(id = "mask", loader = MaskLoader.class, verifier = MaskVerifier.class, augmentable = true,
    description = "A segmentation mask: a grey or palette image of class indices (255 = ignore).")
public final class MaskModality {
  private MaskModality() {}
}
