package io.mml.runtime.plots;

import io.mml.runtime.data.decoded.DataFileException;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Renders labelled rows of sample images into one PNG: one row per label (a class, a task), the
 * label on the left, tiles of equal size to the right. Used by the {@code info} mode; single tiles are the HTML
 * report's thumbnails.
 */
public final class SampleGrid {
  private static final int PAD = 4;
  private static final Color BACKGROUND = new Color(250, 250, 250);
  private static final Color TEXT = new Color(40, 40, 40);

  private final int tile;
  private final Map<String, List<Path>> rows = new LinkedHashMap<>();

  /** A grid with square tiles of the given edge length in pixels. */
  public SampleGrid(int tile) {
    if (tile < 8 || tile > 1024) {
      throw new IllegalArgumentException("tile size must be within 8..1024 pixels: " + tile);
    }
    this.tile = tile;
  }

  /** Adds an image to the row of a label (rows keep insertion order). */
  public SampleGrid add(String label, Path image) {
    rows.computeIfAbsent(label, k -> new ArrayList<>()).add(image);
    return this;
  }

  /** Whether any image was added. */
  public boolean isEmpty() {
    return rows.isEmpty();
  }

  /** The grid as PNG bytes; an image that cannot be decoded is an error naming the file. */
  public byte[] toPng() throws IOException {
    int columns = rows.values().stream().mapToInt(List::size).max().orElse(0);
    Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
    Graphics2D pg = probe.createGraphics();
    FontMetrics fm = pg.getFontMetrics(font);
    int labelWidth = 0;
    for (String label : rows.keySet()) {
      labelWidth = Math.max(labelWidth, fm.stringWidth(label));
    }
    pg.dispose();
    labelWidth += 2 * PAD;
    int width = labelWidth + columns * (tile + PAD) + PAD;
    int height = rows.size() * (tile + PAD) + PAD;
    BufferedImage out = new BufferedImage(Math.max(width, 1), Math.max(height, 1), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.setColor(BACKGROUND);
      g.fillRect(0, 0, out.getWidth(), out.getHeight());
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setFont(font);
      int y = PAD;
      for (Map.Entry<String, List<Path>> row : rows.entrySet()) {
        g.setColor(TEXT);
        g.drawString(row.getKey(), PAD, y + tile / 2 + fm.getAscent() / 2);
        int x = labelWidth;
        for (Path p : row.getValue()) {
          drawFitted(g, read(p), x, y, tile);
          x += tile + PAD;
        }
        y += tile + PAD;
      }
    } finally {
      g.dispose();
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ImageIO.write(out, "png", bytes);
    return bytes.toByteArray();
  }

  /**
   * One image alone, fitted into a square tile of {@code tile} pixels, as PNG bytes (e.g. a thumbnail
   * for an HTML report); an image that cannot be decoded is an error naming the file.
   */
  public static byte[] tilePng(Path image, int tile) throws IOException {
    BufferedImage out = new BufferedImage(tile, tile, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.setColor(BACKGROUND);
      g.fillRect(0, 0, tile, tile);
      drawFitted(g, read(image), 0, 0, tile);
    } finally {
      g.dispose();
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ImageIO.write(out, "png", bytes);
    return bytes.toByteArray();
  }

  /** Decodes an image for drawing (exotic rasters stretched to 8 bits). */
  private static BufferedImage read(Path p) throws IOException {
    BufferedImage img = ImageIO.read(p.toFile());
    if (img == null) {
      throw new DataFileException(p, "Cannot decode image " + p + " for the sample grid: not a PNG/JPEG/BMP/TIFF"
          + " file ImageIO can read. Replace the file or recreate the task.", null);
    }
    return toDisplayable(img);
  }

  /** Scales into the tile keeping the aspect ratio; nearest neighbour when enlarging (small images stay crisp). */
  private static void drawFitted(Graphics2D g, BufferedImage img, int x, int y, int tile) {
    double scale = Math.min((double) tile / img.getWidth(), (double) tile / img.getHeight());
    int w = Math.max(1, (int) Math.round(img.getWidth() * scale));
    int h = Math.max(1, (int) Math.round(img.getHeight() * scale));
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, scale >= 1
        ? RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR : RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.drawImage(img, x + (tile - w) / 2, y + (tile - h) / 2, w, h, null);
  }

  /** 16-bit and other exotic rasters are stretched to 8-bit grey/RGB so they can be drawn. */
  static BufferedImage toDisplayable(BufferedImage img) {
    int bits = img.getColorModel().getComponentSize(0);
    if (bits <= 8) {
      return img;
    }
    var r = img.getRaster();
    int bands = Math.min(3, r.getNumBands());
    int max = 1;
    for (int b = 0; b < bands; b++) {
      for (int yy = 0; yy < r.getHeight(); yy++) {
        for (int xx = 0; xx < r.getWidth(); xx++) {
          max = Math.max(max, r.getSample(xx, yy, b));
        }
      }
    }
    BufferedImage out = new BufferedImage(img.getWidth(), img.getHeight(),
        bands == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
    var w = out.getRaster();
    for (int yy = 0; yy < r.getHeight(); yy++) {
      for (int xx = 0; xx < r.getWidth(); xx++) {
        for (int b = 0; b < w.getNumBands(); b++) {
          w.setSample(xx, yy, b, (int) Math.round(255.0 * r.getSample(xx, yy, Math.min(b, bands - 1)) / max));
        }
      }
    }
    return out;
  }
}
