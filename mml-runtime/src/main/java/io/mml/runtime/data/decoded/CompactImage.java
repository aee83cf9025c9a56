package io.mml.runtime.data.decoded;

import java.util.Objects;

/**
 * A decoded image as the decoded-image cache holds it: the file's integer samples (uint8, or uint16
 * for 16-bit files) instead of floats, a quarter (or half) of {@link ImageData}'s size. Made only
 * when it is lossless: {@link #of} returns null when some value is not exactly
 * {@code sample * (1 / (2^bits - 1))}, which is how the loaders scale samples to [0, 1], so
 * {@link #toImageData()} gives back the very floats that were decoded.
 *
 * @param width width in pixels
 * @param height height in pixels
 * @param channels 1 or 3
 * @param bitDepth 8 or 16
 * @param bytes the samples of an 8-bit image ({@code CHW}), else null
 * @param shorts the samples of a 16-bit image ({@code CHW}), else null
 */
public record CompactImage(int width, int height, int channels, int bitDepth, byte[] bytes, short[] shorts) {
  private static final float SCALE_8 = 1f / 255;
  private static final float SCALE_16 = 1f / 65535;

  public CompactImage {
    if ((bytes == null) == (shorts == null)) {
      throw new IllegalArgumentException("exactly one of bytes and shorts");
    }
    int n = bytes != null ? bytes.length : shorts.length;
    if (n != channels * width * height) {
      throw new IllegalArgumentException("bad compact image shape");
    }
  }

  /** The compact form of an image, or null when its values are not exact 8/16-bit samples. */
  public static CompactImage of(ImageData im) {
    Objects.requireNonNull(im, "im");
    float[] px = im.pixels();
    if (im.bitDepth() <= 8) {
      byte[] b = new byte[px.length];
      for (int i = 0; i < px.length; i++) {
        int v = Math.round(px[i] * 255f);
        if (v < 0 || v > 255 || v * SCALE_8 != px[i]) {
          return null;
        }
        b[i] = (byte) v;
      }
      return new CompactImage(im.width(), im.height(), im.channels(), 8, b, null);
    }
    short[] s = new short[px.length];
    for (int i = 0; i < px.length; i++) {
      int v = Math.round(px[i] * 65535f);
      if (v < 0 || v > 65535 || v * SCALE_16 != px[i]) {
        return null;
      }
      s[i] = (short) v;
    }
    return new CompactImage(im.width(), im.height(), im.channels(), 16, null, s);
  }

  /** The value of sample {@code i} in [0, 1]. */
  public float value(int i) {
    return bytes != null ? (bytes[i] & 0xff) * SCALE_8 : (shorts[i] & 0xffff) * SCALE_16;
  }

  /** The image as floats, exactly as it was decoded. */
  public ImageData toImageData() {
    int n = bytes != null ? bytes.length : shorts.length;
    float[] px = new float[n];
    if (bytes != null) {
      for (int i = 0; i < n; i++) {
        px[i] = (bytes[i] & 0xff) * SCALE_8;
      }
    } else {
      for (int i = 0; i < n; i++) {
        px[i] = (shorts[i] & 0xffff) * SCALE_16;
      }
    }
    return new ImageData(width, height, channels, bitDepth, px);
  }

  /** Bytes held (for the cache bound). */
  public long byteSize() {
    return 64L + (bytes != null ? bytes.length : 2L * shorts.length);
  }
}
