package io.mml.runtime.data.decoded;

import java.util.Objects;

/**
 * A decoded image: pixel values as floats in [0, 1], channel-major ({@code CHW}: all of channel
 * 0 row by row, then channel 1, ...), the layout tensors use. Floats rather than raw bytes because
 * every consumer (augmentation, normalisation, the NDArray) needs floats, 16-bit images keep their
 * full precision, and converting once at decode time lets the cache hold ready-to-use values (the
 * cache is bounded by bytes, so the 4x size is accounted for). Treat the array as read-only.
 *
 * @param width width in pixels
 * @param height height in pixels
 * @param channels 1 (grey) or 3 (RGB); alpha is dropped when decoding
 * @param bitDepth bits per sample of the source file (8 or 16; 1, 2, 4 for low-depth greys)
 * @param pixels {@code channels * height * width} values in CHW order
 */
public record ImageData(int width, int height, int channels, int bitDepth, float[] pixels) {
  public ImageData {
    Objects.requireNonNull(pixels, "pixels");
    if (width <= 0 || height <= 0 || channels <= 0) {
      throw new IllegalArgumentException("bad image shape " + channels + "x" + height + "x" + width);
    }
    if (pixels.length != channels * height * width) {
      throw new IllegalArgumentException("pixels has " + pixels.length + " values, expected " + channels + "x" + height
          + "x" + width);
    }
  }

  /** The value of channel {@code c} at row {@code y}, column {@code x}. */
  public float get(int c, int y, int x) {
    return pixels[(c * height + y) * width + x];
  }

  /** Bytes held (for the cache bound). */
  public long byteSize() {
    return 64L + 4L * pixels.length;
  }

  /** A copy with other pixels and shape (same bit depth). */
  public ImageData with(int newWidth, int newHeight, int newChannels, float[] newPixels) {
    return new ImageData(newWidth, newHeight, newChannels, bitDepth, newPixels);
  }

  @Override
  public String toString() {
    return "ImageData[" + channels + "x" + height + "x" + width + ", " + bitDepth + " bit]";
  }
}
