package io.mml.runtime.data.loaders;

import io.mml.runtime.data.decoded.ImageData;
import io.mml.runtime.modality.ModalityLoader;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The {@code image} modality: a path relative to the dataset folder to an {@link ImageData}. PNG,
 * JPEG, BMP and TIFF (8 or 16 bit; grey, grey+alpha, RGB, RGBA, palette) via ImageIO. Alpha is
 * dropped; palette images become RGB (grey if the palette is grey). Errors name the file.
 */
public final class ImageLoader implements ModalityLoader {
  @Override
  public ImageData load(Path datasetDir, Object entry) throws IOException {
    return ImageFiles.readImage(Entries.resolve(datasetDir, entry, "image"));
  }
}
