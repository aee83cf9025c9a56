package io.mml.runtime.data.augment;

import io.mml.runtime.data.decoded.ImageData;
import io.mml.runtime.data.decoded.MaskData;
import java.util.Objects;

/**
 * What a transform works on: an image and, for segmentation (an augmentable modality), its mask,
 * which gets the same spatial transforms (nearest neighbour) and no colour transforms.
 *
 * @param image the image
 * @param mask the mask, or null
 */
public record ImageAndMask(ImageData image, MaskData mask) {
  public ImageAndMask {
    Objects.requireNonNull(image, "image");
  }

  /** Just an image. */
  public static ImageAndMask of(ImageData image) {
    return new ImageAndMask(image, null);
  }
}
