package io.mml.runtime.data.augment;

import io.mml.runtime.data.decoded.ImageData;
import io.mml.runtime.data.decoded.MaskData;
import java.util.List;
import java.util.Random;

/** The built-in transforms. Spatial ones move the mask with the image (nearest neighbour). */
public final class Transforms {
  private Transforms() {}

  /** ImageNet channel means (RGB). */
  public static final List<Double> IMAGENET_MEAN = List.of(0.485, 0.456, 0.406);
  /** ImageNet channel standard deviations (RGB). */
  public static final List<Double> IMAGENET_STD = List.of(0.229, 0.224, 0.225);

  /** Mirror along an axis with probability {@code p}. */
  public record Flip(double p, boolean horizontal, boolean vertical) implements Transform {
    @Override
    public ImageAndMask apply(ImageAndMask in, Random rng) {
      boolean h = horizontal && rng.nextDouble() < p;
      boolean v = vertical && rng.nextDouble() < p;
      if (!h && !v) {
        return in;
      }
      ImageData im = in.image();
      int w = im.width();
      int ht = im.height();
      float[] src = im.pixels();
      float[] dst = new float[src.length];
      for (int c = 0; c < im.channels(); c++) {
        for (int y = 0; y < ht; y++) {
          int sy = v ? ht - 1 - y : y;
          for (int x = 0; x < w; x++) {
            dst[(c * ht + y) * w + x] = src[(c * ht + sy) * w + (h ? w - 1 - x : x)];
          }
        }
      }
      MaskData m = in.mask();
      MaskData mOut = null;
      if (m != null) {
        int[] l = new int[m.labels().length];
        for (int y = 0; y < m.height(); y++) {
          int sy = v ? m.height() - 1 - y : y;
          for (int x = 0; x < m.width(); x++) {
            l[y * m.width() + x] = m.labels()[sy * m.width() + (h ? m.width() - 1 - x : x)];
          }
        }
        mOut = new MaskData(m.width(), m.height(), l);
      }
      return new ImageAndMask(im.with(w, ht, im.channels(), dst), mOut);
    }

    @Override
    public ImageAndMask applyOwned(ImageAndMask in, Random rng) {
      boolean h = horizontal && rng.nextDouble() < p;
      boolean v = vertical && rng.nextDouble() < p;
      if (!h && !v) {
        return in;
      }
      ImageData im = in.image();
      float[] px = im.pixels();
      int plane = im.width() * im.height();
      for (int c = 0; c < im.channels(); c++) {
        flipPlane(px, c * plane, im.width(), im.height(), h, v);
      }
      MaskData m = in.mask();
      if (m != null) {
        int[] l = m.labels();
        int w = m.width();
        if (v) {
          for (int y = 0, z = m.height() - 1; y < z; y++, z--) {
            for (int x = 0; x < w; x++) {
              int t = l[y * w + x];
              l[y * w + x] = l[z * w + x];
              l[z * w + x] = t;
            }
          }
        }
        if (h) {
          for (int y = 0; y < m.height(); y++) {
            for (int a = y * w, b = a + w - 1; a < b; a++, b--) {
              int t = l[a];
              l[a] = l[b];
              l[b] = t;
            }
          }
        }
      }
      return in;
    }

    /** Mirrors one channel plane at {@code off} in place: rows swapped for {@code v}, each row reversed for {@code h}. */
    private static void flipPlane(float[] px, int off, int w, int ht, boolean h, boolean v) {
      if (v) {
        for (int y = 0, z = ht - 1; y < z; y++, z--) {
          for (int x = 0; x < w; x++) {
            float t = px[off + y * w + x];
            px[off + y * w + x] = px[off + z * w + x];
            px[off + z * w + x] = t;
          }
        }
      }
      if (h) {
        for (int y = 0; y < ht; y++) {
          for (int a = off + y * w, b = a + w - 1; a < b; a++, b--) {
            float t = px[a];
            px[a] = px[b];
            px[b] = t;
          }
        }
      }
    }

    @Override
    public String name() {
      return "flip";
    }

    @Override
    public boolean isRandom() {
      return true;
    }
  }

  /**
   * Rotation about the centre by an angle drawn uniformly from [-degrees, degrees] (with
   * probability {@code p}); same size, bilinear, uncovered pixels become {@code fill} (mask:
   * {@code maskFill}).
   */
  public record Rotate(double degrees, double p, float fill, int maskFill) implements Transform {
    @Override
    public ImageAndMask apply(ImageAndMask in, Random rng) {
      double angle = (rng.nextDouble() * 2 - 1) * degrees;
      if (rng.nextDouble() >= p || angle == 0) {
        return in;
      }
      return rotate(in, angle, fill, maskFill);
    }

    @Override
    public String name() {
      return "rotate";
    }

    @Override
    public boolean isRandom() {
      return true;
    }
  }

  /** Rotates counter-clockwise (as seen on screen) by {@code angleDegrees}. */
  static ImageAndMask rotate(ImageAndMask in, double angleDegrees, float fill, int maskFill) {
    ImageData im = in.image();
    int w = im.width();
    int h = im.height();
    double a = Math.toRadians(angleDegrees);
    double cos = Math.cos(a);
    double sin = Math.sin(a);
    double cx = (w - 1) / 2.0;
    double cy = (h - 1) / 2.0;
    float[] src = im.pixels();
    float[] dst = new float[src.length];
    int n = w * h;
    // The column terms once per image and the row terms once per row: the same products, added in the
    // same order as (cos * dx - sin * dy) + cx, so the result is bit-identical to computing them per pixel.
    int channels = im.channels();
    double xOut = w - 0.5;
    double yOut = h - 0.5;
    double xLast = w - 1;
    double yLast = h - 1;
    double[] cosDx = new double[w];
    double[] sinDx = new double[w];
    for (int x = 0; x < w; x++) {
      double dx = x - cx;
      cosDx[x] = cos * dx;
      sinDx[x] = sin * dx;
    }
    for (int y = 0; y < h; y++) {
      double dy = y - cy;
      double sinDy = sin * dy;
      double cosDy = cos * dy;
      for (int x = 0; x < w; x++) {
        // inverse mapping: rotate the destination point back by -a (y axis points down)
        double sx = cosDx[x] - sinDy + cx;
        double sy = sinDx[x] + cosDy + cy;
        int i = y * w + x;
        if (sx < -0.5 || sy < -0.5 || sx > xOut || sy > yOut) {
          for (int c = 0; c < channels; c++) {
            dst[c * n + i] = fill;
          }
          continue;
        }
        double fx = Math.max(0, Math.min(xLast, sx));
        double fy = Math.max(0, Math.min(yLast, sy));
        int x0 = (int) fx;
        int y0 = (int) fy;
        int x1 = Math.min(x0 + 1, w - 1);
        int y1 = Math.min(y0 + 1, h - 1);
        float ax = (float) (fx - x0);
        float ay = (float) (fy - y0);
        for (int c = 0; c < channels; c++) {
          int o = c * n;
          float top = src[o + y0 * w + x0] * (1 - ax) + src[o + y0 * w + x1] * ax;
          float bot = src[o + y1 * w + x0] * (1 - ax) + src[o + y1 * w + x1] * ax;
          dst[o + i] = top * (1 - ay) + bot * ay;
        }
      }
    }
    MaskData m = in.mask();
    MaskData mOut = null;
    if (m != null) {
      int mw = m.width();
      int mh = m.height();
      double mcx = (mw - 1) / 2.0;
      double mcy = (mh - 1) / 2.0;
      int[] l = new int[mw * mh];
      for (int y = 0; y < mh; y++) {
        for (int x = 0; x < mw; x++) {
          double dx = x - mcx;
          double dy = y - mcy;
          long sx = Math.round(cos * dx - sin * dy + mcx);
          long sy = Math.round(sin * dx + cos * dy + mcy);
          l[y * mw + x] = sx < 0 || sy < 0 || sx >= mw || sy >= mh ? maskFill : m.labels()[(int) sy * mw + (int) sx];
        }
      }
      mOut = new MaskData(mw, mh, l);
    }
    return new ImageAndMask(im.with(w, h, im.channels(), dst), mOut);
  }

  /**
   * A {@code height x width} window, at a random position ({@code random}) or centred; images
   * smaller than the window are padded with zeros first (centred).
   */
  public record Crop(int height, int width, boolean random) implements Transform {
    @Override
    public ImageAndMask apply(ImageAndMask in, Random rng) {
      ImageData im = in.image();
      int h = im.height();
      int w = im.width();
      // padding (negative offset) when the image is smaller than the window
      int top = h >= height ? (random ? rng.nextInt(h - height + 1) : (h - height) / 2) : -((height - h) / 2);
      int left = w >= width ? (random ? rng.nextInt(w - width + 1) : (w - width) / 2) : -((width - w) / 2);
      if (top == 0 && left == 0 && h == height && w == width) {
        return in;
      }
      float[] src = im.pixels();
      float[] dst = new float[im.channels() * height * width];
      for (int c = 0; c < im.channels(); c++) {
        for (int y = 0; y < height; y++) {
          int sy = y + top;
          if (sy < 0 || sy >= h) {
            continue;
          }
          for (int x = 0; x < width; x++) {
            int sx = x + left;
            if (sx >= 0 && sx < w) {
              dst[(c * height + y) * width + x] = src[(c * h + sy) * w + sx];
            }
          }
        }
      }
      MaskData m = in.mask();
      MaskData mOut = null;
      if (m != null) {
        // masks have the image's size (the data set checks it), so the same window applies
        int[] l = new int[height * width];
        for (int y = 0; y < height; y++) {
          int sy = y + top;
          for (int x = 0; x < width; x++) {
            int sx = x + left;
            if (sy >= 0 && sy < m.height() && sx >= 0 && sx < m.width()) {
              l[y * width + x] = m.labels()[sy * m.width() + sx];
            }
          }
        }
        mOut = new MaskData(width, height, l);
      }
      return new ImageAndMask(im.with(width, height, im.channels(), dst), mOut);
    }

    @Override
    public String name() {
      return "crop";
    }

    @Override
    public boolean isRandom() {
      return random;
    }
  }

  /** Scales to {@code height x width}: bilinear (half-pixel centres) for images, nearest for masks. */
  public record Resize(int height, int width) implements Transform {
    @Override
    public ImageAndMask apply(ImageAndMask in, Random rng) {
      ImageData im = in.image();
      MaskData m = in.mask();
      boolean maskOk = m == null || (m.height() == height && m.width() == width);
      if (im.height() == height && im.width() == width && maskOk) {
        return in;
      }
      return new ImageAndMask(resize(im, height, width), m == null ? null : resizeMask(m, height, width));
    }

    @Override
    public String name() {
      return "resize";
    }

    @Override
    public boolean isRandom() {
      return false;
    }
  }

  /** Bilinear resize with half-pixel centres (as PyTorch's {@code align_corners=False}). */
  public static ImageData resize(ImageData im, int height, int width) {
    int h = im.height();
    int w = im.width();
    if (h == height && w == width) {
      return im;
    }
    float[] src = im.pixels();
    float[] dst = new float[im.channels() * height * width];
    int[] x0 = new int[width];
    int[] x1 = new int[width];
    float[] ax = new float[width];
    for (int x = 0; x < width; x++) {
      double sx = Math.max(0, (x + 0.5) * w / width - 0.5);
      x0[x] = Math.min((int) sx, w - 1);
      x1[x] = Math.min(x0[x] + 1, w - 1);
      ax[x] = (float) (sx - x0[x]);
    }
    for (int y = 0; y < height; y++) {
      double sy = Math.max(0, (y + 0.5) * h / height - 0.5);
      int y0 = Math.min((int) sy, h - 1);
      int y1 = Math.min(y0 + 1, h - 1);
      float ay = (float) (sy - y0);
      for (int c = 0; c < im.channels(); c++) {
        int r0 = (c * h + y0) * w;
        int r1 = (c * h + y1) * w;
        int o = (c * height + y) * width;
        for (int x = 0; x < width; x++) {
          float top = src[r0 + x0[x]] * (1 - ax[x]) + src[r0 + x1[x]] * ax[x];
          float bot = src[r1 + x0[x]] * (1 - ax[x]) + src[r1 + x1[x]] * ax[x];
          dst[o + x] = top * (1 - ay) + bot * ay;
        }
      }
    }
    return im.with(width, height, im.channels(), dst);
  }

  /** Nearest-neighbour resize of a mask. */
  public static MaskData resizeMask(MaskData m, int height, int width) {
    if (m.height() == height && m.width() == width) {
      return m;
    }
    int[] l = new int[height * width];
    for (int y = 0; y < height; y++) {
      int sy = Math.min(m.height() - 1, (int) ((y + 0.5) * m.height() / height));
      for (int x = 0; x < width; x++) {
        int sx = Math.min(m.width() - 1, (int) ((x + 0.5) * m.width() / width));
        l[y * width + x] = m.labels()[sy * m.width() + sx];
      }
    }
    return new MaskData(width, height, l);
  }

  /**
   * Random brightness (multiply by a factor from [1-b, 1+b]), contrast (scale around the mean
   * grey level) and saturation (blend with the pixel's grey value), in that order, clamped to
   * [0, 1], with probability {@code p}. Leaves masks alone.
   */
  public record ColorJitter(double brightness, double contrast, double saturation, double p) implements Transform {
    @Override
    public ImageAndMask apply(ImageAndMask in, Random rng) {
      return jitter(in, rng, false);
    }

    @Override
    public ImageAndMask applyOwned(ImageAndMask in, Random rng) {
      return jitter(in, rng, true);
    }

    private ImageAndMask jitter(ImageAndMask in, Random rng, boolean inPlace) {
      float fb = factor(rng, brightness);
      float fc = factor(rng, contrast);
      float fs = factor(rng, saturation);
      if (rng.nextDouble() >= p) {
        return in;
      }
      ImageData im = in.image();
      float[] px = inPlace ? im.pixels() : im.pixels().clone();
      int n = im.width() * im.height();
      int ch = im.channels();
      if (fb != 1f) {
        for (int i = 0; i < px.length; i++) {
          px[i] *= fb;
        }
      }
      if (fc != 1f) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
          sum += grey(px, i, n, ch);
        }
        float mean = (float) (sum / n);
        for (int i = 0; i < px.length; i++) {
          px[i] = (px[i] - mean) * fc + mean;
        }
      }
      if (fs != 1f && ch == 3) {
        for (int i = 0; i < n; i++) {
          float g = grey(px, i, n, ch);
          for (int c = 0; c < 3; c++) {
            px[c * n + i] = (px[c * n + i] - g) * fs + g;
          }
        }
      }
      for (int i = 0; i < px.length; i++) {
        px[i] = Math.min(1f, Math.max(0f, px[i]));
      }
      return new ImageAndMask(im.with(im.width(), im.height(), ch, px), in.mask());
    }

    private static float factor(Random rng, double amount) {
      double r = rng.nextDouble();
      return amount <= 0 ? 1f : (float) (Math.max(0, 1 - amount) + r * (1 + amount - Math.max(0, 1 - amount)));
    }

    @Override
    public String name() {
      return "color_jitter";
    }

    @Override
    public boolean isRandom() {
      return true;
    }
  }

  static float grey(float[] px, int i, int n, int ch) {
    return ch == 3 ? 0.299f * px[i] + 0.587f * px[n + i] + 0.114f * px[2 * n + i] : px[i];
  }

  /** {@code (x - mean[c]) / std[c]} per channel. */
  public record Normalize(float[] mean, float[] std) implements Transform {
    @Override
    public ImageAndMask apply(ImageAndMask in, Random rng) {
      return normalize(in, new float[in.image().pixels().length]);
    }

    @Override
    public ImageAndMask applyOwned(ImageAndMask in, Random rng) {
      return normalize(in, in.image().pixels());
    }

    private ImageAndMask normalize(ImageAndMask in, float[] px) {
      ImageData im = in.image();
      int n = im.width() * im.height();
      float[] src = im.pixels();
      for (int c = 0; c < im.channels(); c++) {
        float m = pick(mean, c, im.channels());
        float inv = 1f / pick(std, c, im.channels());
        for (int i = c * n; i < (c + 1) * n; i++) {
          px[i] = (src[i] - m) * inv;
        }
      }
      return new ImageAndMask(im.with(im.width(), im.height(), im.channels(), px), in.mask());
    }

    /** A grey image normalised with RGB statistics uses their average. */
    static float pick(float[] values, int c, int channels) {
      if (values.length == channels) {
        return values[c];
      }
      if (channels == 1) {
        float s = 0;
        for (float v : values) {
          s += v;
        }
        return s / values.length;
      }
      return values[Math.min(c, values.length - 1)];
    }

    @Override
    public String name() {
      return "normalize";
    }

    @Override
    public boolean isRandom() {
      return false;
    }
  }

  /** Converts to {@code channels} channels: grey to RGB by copying, RGB to grey by luminance. */
  public record ToChannels(int channels) implements Transform {
    @Override
    public ImageAndMask apply(ImageAndMask in, Random rng) {
      ImageData im = in.image();
      if (im.channels() == channels || channels <= 0) {
        return in;
      }
      int n = im.width() * im.height();
      float[] src = im.pixels();
      float[] px = new float[channels * n];
      if (im.channels() == 1) {
        for (int c = 0; c < channels; c++) {
          System.arraycopy(src, 0, px, c * n, n);
        }
      } else if (channels == 1 && im.channels() == 3) {
        for (int i = 0; i < n; i++) {
          px[i] = grey(src, i, n, 3);
        }
      } else {
        throw new IllegalArgumentException("cannot convert " + im.channels() + " channels to " + channels);
      }
      return new ImageAndMask(im.with(im.width(), im.height(), channels, px), in.mask());
    }

    @Override
    public String name() {
      return "to_channels";
    }

    @Override
    public boolean isRandom() {
      return false;
    }
  }
}
