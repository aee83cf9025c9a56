package io.mml.runtime.data.decoded;

import java.util.Objects;

/**
 * A decoded segmentation mask: one integer label per pixel, row-major ({@code HW}). Grey masks give
 * their grey value, palette masks their palette index; 255 conventionally means "ignore". Treat the
 * array as read-only.
 *
 * @param width width in pixels
 * @param height height in pixels
 * @param labels {@code height * width} labels
 */
public record MaskData(int width, int height, int[] labels) {
  public MaskData {
    Objects.requireNonNull(labels, "labels");
    if (width <= 0 || height <= 0 || labels.length != width * height) {
      throw new IllegalArgumentException("bad mask shape " + height + "x" + width + " for " + labels.length + " labels");
    }
  }

  /** An all-zero mask (what {@code EMPTY_MASK} means once the image size is known). */
  public static MaskData zeros(int width, int height) {
    return new MaskData(width, height, new int[width * height]);
  }

  /** The label at row {@code y}, column {@code x}. */
  public int get(int y, int x) {
    return labels[y * width + x];
  }

  /** Bytes held (for the cache bound). */
  public long byteSize() {
    return 64L + 4L * labels.length;
  }

  @Override
  public String toString() {
    return "MaskData[" + height + "x" + width + "]";
  }
}
