package io.mml.runtime.preprocess;

import com.fasterxml.jackson.databind.JsonNode;
import io.mml.runtime.config.ConfigException;
import io.mml.runtime.config.Names;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A deterministic preprocessing pipeline (the {@code preprocessing.pipeline} list): geometry
 * operations applied alike to images (bilinear/area) and masks (nearest neighbour), and intensity
 * normalisation applied to images only.
 *
 * <p>Operations: {@code resize {height, width}}, {@code resize_shorter {size}} (keeps the aspect
 * ratio), {@code pad {height, width, value=0}} (to at least that size, centred; masks pad with 255 =
 * ignore), {@code center_crop {height, width}}, {@code normalize {mode: minmax|percentile, low=1,
 * high=99}} (stretches intensities to the full 8-bit range; output is 8-bit).
 */
public final class PreprocessingPipeline {
  static final List<String> OPERATIONS = List.of("resize", "resize_shorter", "pad", "center_crop", "normalize");

  /** One operation of the pipeline. */
  sealed interface Op permits Resize, ResizeShorter, Pad, CenterCrop, Normalize {}

  record Resize(int height, int width) implements Op {}

  record ResizeShorter(int size) implements Op {}

  record Pad(int height, int width, int value) implements Op {}

  record CenterCrop(int height, int width) implements Op {}

  record Normalize(String mode, double low, double high) implements Op {}

  private final List<Op> ops;

  private PreprocessingPipeline(List<Op> ops) {
    this.ops = List.copyOf(ops);
  }

  /** Parses the pipeline list; errors name {@code preprocessing.pipeline[i].<key>}. */
  public static PreprocessingPipeline parse(JsonNode list) {
    List<Op> ops = new ArrayList<>();
    if (list == null || list.isNull()) {
      return new PreprocessingPipeline(ops);
    }
    if (!list.isArray()) {
      throw new ConfigException("preprocessing.pipeline", "Config key 'preprocessing.pipeline' must be a list of"
          + " operations such as {name: resize, height: 64, width: 64}; found " + list + ".");
    }
    for (int i = 0; i < list.size(); i++) {
      JsonNode n = list.get(i);
      String at = "preprocessing.pipeline[" + i + "]";
      String name = n.path("name").asText("");
      switch (name) {
        case "resize" -> ops.add(new Resize(positive(n, at, "height"), positive(n, at, "width")));
        case "resize_shorter" -> ops.add(new ResizeShorter(positive(n, at, "size")));
        case "pad" -> ops.add(new Pad(positive(n, at, "height"), positive(n, at, "width"), n.path("value").asInt(0)));
        case "center_crop" -> ops.add(new CenterCrop(positive(n, at, "height"), positive(n, at, "width")));
        case "normalize" -> {
          String mode = n.path("mode").asText("minmax");
          if (!mode.equals("minmax") && !mode.equals("percentile")) {
            throw new ConfigException(at + ".mode", "Config key '" + at + ".mode' must be minmax or percentile;"
                + " found '" + mode + "'.");
          }
          double low = n.path("low").asDouble(1);
          double high = n.path("high").asDouble(99);
          if (!(low >= 0 && low < high && high <= 100)) {
            throw new ConfigException(at, "Config key '" + at + "' needs 0 <= low < high <= 100; found low=" + low
                + ", high=" + high + ".");
          }
          ops.add(new Normalize(mode, low, high));
        }
        default -> throw new ConfigException(at + ".name", "Unknown preprocessing operation '" + name + "' at " + at
            + ". Known: " + OPERATIONS + "." + ConfigException.didYouMean(Names.closest(name, OPERATIONS)));
      }
    }
    return new PreprocessingPipeline(ops);
  }

  private static int positive(JsonNode n, String at, String key) {
    JsonNode v = n.get(key);
    if (v == null || !v.canConvertToInt() || v.asInt() <= 0) {
      throw new ConfigException(at + "." + key, "Config key '" + at + "." + key + "' must be a positive integer"
          + " (pixels); found " + v + ".");
    }
    return v.asInt();
  }

  /** Whether the pipeline does nothing. */
  public boolean isEmpty() {
    return ops.isEmpty();
  }

  /** Applies the pipeline to an image. */
  public BufferedImage applyToImage(BufferedImage img) {
    BufferedImage cur = img;
    for (Op op : ops) {
      cur = apply(op, cur, false);
    }
    return cur;
  }

  /** Applies the geometry of the pipeline to a mask (nearest neighbour; normalisation skipped). */
  public BufferedImage applyToMask(BufferedImage mask) {
    BufferedImage cur = mask;
    for (Op op : ops) {
      cur = apply(op, cur, true);
    }
    return cur;
  }

  private static BufferedImage apply(Op op, BufferedImage img, boolean mask) {
    if (op instanceof Resize r) {
      return resize(img, r.width(), r.height(), mask);
    }
    if (op instanceof ResizeShorter r) {
      double scale = (double) r.size() / Math.min(img.getWidth(), img.getHeight());
      return resize(img, Math.max(1, (int) Math.round(img.getWidth() * scale)),
          Math.max(1, (int) Math.round(img.getHeight() * scale)), mask);
    }
    if (op instanceof Pad p) {
      return pad(img, p.width(), p.height(), mask ? 255 : p.value());
    }
    if (op instanceof CenterCrop c) {
      return crop(img, c.width(), c.height());
    }
    Normalize nz = (Normalize) op;
    return mask ? img : normalize(img, nz);
  }

  static BufferedImage resize(BufferedImage img, int w, int h, boolean nearest) {
    if (w == img.getWidth() && h == img.getHeight()) {
      return img;
    }
    if (nearest || img.getColorModel().getComponentSize(0) > 8 || img.getType() == BufferedImage.TYPE_CUSTOM) {
      return resizeRaster(img, w, h, nearest);
    }
    BufferedImage out = new BufferedImage(w, h, img.getType());
    Graphics2D g = out.createGraphics();
    try {
      boolean shrink = w < img.getWidth() || h < img.getHeight();
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, shrink ? RenderingHints.VALUE_INTERPOLATION_BICUBIC
          : RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      g.drawImage(img, 0, 0, w, h, null);
    } finally {
      g.dispose();
    }
    return out;
  }

  /** Raster-level resampling that keeps any bit depth and band count (nearest or bilinear). */
  private static BufferedImage resizeRaster(BufferedImage img, int w, int h, boolean nearest) {
    Raster src = img.getRaster();
    WritableRaster dst = img.getColorModel().createCompatibleWritableRaster(w, h);
    int bands = src.getNumBands();
    double sx = (double) img.getWidth() / w;
    double sy = (double) img.getHeight() / h;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        for (int b = 0; b < bands; b++) {
          if (nearest) {
            int ix = Math.min(img.getWidth() - 1, (int) ((x + 0.5) * sx));
            int iy = Math.min(img.getHeight() - 1, (int) ((y + 0.5) * sy));
            dst.setSample(x, y, b, src.getSample(ix, iy, b));
          } else {
            double fx = Math.max(0, (x + 0.5) * sx - 0.5);
            double fy = Math.max(0, (y + 0.5) * sy - 0.5);
            int x0 = Math.min(img.getWidth() - 1, (int) fx);
            int y0 = Math.min(img.getHeight() - 1, (int) fy);
            int x1 = Math.min(img.getWidth() - 1, x0 + 1);
            int y1 = Math.min(img.getHeight() - 1, y0 + 1);
            double ax = fx - x0;
            double ay = fy - y0;
            double v = (1 - ay) * ((1 - ax) * src.getSample(x0, y0, b) + ax * src.getSample(x1, y0, b))
                + ay * ((1 - ax) * src.getSample(x0, y1, b) + ax * src.getSample(x1, y1, b));
            dst.setSample(x, y, b, (int) Math.round(v));
          }
        }
      }
    }
    return new BufferedImage(img.getColorModel(), dst, img.isAlphaPremultiplied(), null);
  }

  private static BufferedImage pad(BufferedImage img, int w, int h, int value) {
    int nw = Math.max(w, img.getWidth());
    int nh = Math.max(h, img.getHeight());
    if (nw == img.getWidth() && nh == img.getHeight()) {
      return img;
    }
    WritableRaster dst = img.getColorModel().createCompatibleWritableRaster(nw, nh);
    int[] fill = new int[nw];
    Arrays.fill(fill, value);
    for (int b = 0; b < dst.getNumBands(); b++) {
      for (int y = 0; y < nh; y++) {
        dst.setSamples(0, y, nw, 1, b, fill);
      }
    }
    dst.setRect((nw - img.getWidth()) / 2, (nh - img.getHeight()) / 2, img.getRaster());
    return new BufferedImage(img.getColorModel(), dst, img.isAlphaPremultiplied(), null);
  }

  private static BufferedImage crop(BufferedImage img, int w, int h) {
    int cw = Math.min(w, img.getWidth());
    int ch = Math.min(h, img.getHeight());
    int x = (img.getWidth() - cw) / 2;
    int y = (img.getHeight() - ch) / 2;
    WritableRaster dst = img.getColorModel().createCompatibleWritableRaster(cw, ch);
    dst.setRect(-x, -y, img.getRaster());
    return new BufferedImage(img.getColorModel(), dst, img.isAlphaPremultiplied(), null);
  }

  /** Stretches each band to 0..255 (8-bit output) by min/max or percentiles. */
  static BufferedImage normalize(BufferedImage img, Normalize nz) {
    Raster src = img.getRaster();
    int bands = Math.min(3, src.getNumBands());
    int w = img.getWidth();
    int h = img.getHeight();
    BufferedImage out = new BufferedImage(w, h, bands == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_3BYTE_BGR);
    WritableRaster dst = out.getRaster();
    int[] samples = new int[w * h];
    for (int b = 0; b < dst.getNumBands(); b++) {
      src.getSamples(0, 0, w, h, Math.min(b, bands - 1), samples);
      int[] sorted = samples.clone();
      Arrays.sort(sorted);
      double lo;
      double hi;
      if (nz.mode().equals("minmax")) {
        lo = sorted[0];
        hi = sorted[sorted.length - 1];
      } else {
        lo = sorted[(int) Math.floor(nz.low() / 100.0 * (sorted.length - 1))];
        hi = sorted[(int) Math.ceil(nz.high() / 100.0 * (sorted.length - 1))];
      }
      double range = Math.max(1e-9, hi - lo);
      int[] o = new int[w * h];
      for (int i = 0; i < o.length; i++) {
        o[i] = (int) Math.round(Math.min(255, Math.max(0, (samples[i] - lo) / range * 255)));
      }
      dst.setSamples(0, 0, w, h, b, o);
    }
    return out;
  }

  /** The pipeline in its canonical text form (compared against {@code _definition.yaml}). */
  @Override
  public String toString() {
    return ops.toString().toLowerCase(Locale.ROOT);
  }
}
