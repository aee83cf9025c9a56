package io.mml.runtime.modality.builtin;

import io.mml.annotations.ModalityDef;
import io.mml.runtime.data.loaders.ImageLoader;
import io.mml.runtime.tasks.verify.ImageVerifier;

/** Built-in modality {@code image}: An image file (PNG, JPEG, BMP or TIFF; 8 or 16 bit; grey or RGB). */
@ModalityDef(id = "image", loader = ImageLoader.class, verifier = ImageVerifier.class, augmentable = true,
    description = "An image file (PNG, JPEG, BMP or TIFF; 8 or 16 bit; grey or RGB).")
public final class ImageModality {
  private ImageModality() {}
}
