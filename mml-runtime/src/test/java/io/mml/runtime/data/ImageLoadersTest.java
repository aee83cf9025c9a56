package io.mml.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mml.runtime.data.decoded.DataFileException;
import io.mml.runtime.data.decoded.ImageData;
import io.mml.runtime.data.decoded.MaskData;
import io.mml.runtime.data.loaders.ClassLabelLoader;
import io.mml.runtime.data.loaders.ClassesLoader;
import io.mml.runtime.data.loaders.ImageLoader;
import io.mml.runtime.data.loaders.MaskLoader;
import io.mml.runtime.data.loaders.PassLoader;
import io.mml.runtime.data.loaders.SoftClassesLoader;
import io.mml.runtime.data.loaders.ValueLoader;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageLoadersTest {
  @TempDir Path dir;
  private final ImageLoader images = new ImageLoader();
  private final MaskLoader masks = new MaskLoader();

  private Path write(BufferedImage img, String format, String name) throws IOException {
    Path f = dir.resolve(name);
    assertTrue(ImageIO.write(img, format, f.toFile()), "no writer for " + format);
    return f;
  }

  private static BufferedImage rgb(int w, int h) {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        img.setRGB(x, y, ((10 * x + y) << 16) | ((20 + y) << 8) | (200 - x));
      }
    }
    return img;
  }

  private static void assertRgb(ImageData d, int w, int h) {
    assertEquals(3, d.channels());
    assertEquals(w, d.width());
    assertEquals(h, d.height());
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        assertEquals((10 * x + y) / 255f, d.get(0, y, x), 1e-6);
        assertEquals((20 + y) / 255f, d.get(1, y, x), 1e-6);
        assertEquals((200 - x) / 255f, d.get(2, y, x), 1e-6);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"png", "bmp", "tiff"})
  void rgb8BitIsExactInLosslessFormats(String format) throws IOException {
    write(rgb(5, 3), format, "a." + format);
    ImageData d = images.load(dir, "a." + format);
    assertEquals(8, d.bitDepth());
    assertRgb(d, 5, 3);
  }

  @Test
  void jpegIsCloseAndRgb() throws IOException {
    BufferedImage img = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 16; y++) {
      for (int x = 0; x < 16; x++) {
        img.setRGB(x, y, 0x806040);
      }
    }
    write(img, "jpeg", "a.jpg");
    ImageData d = images.load(dir, "a.jpg");
    assertEquals(3, d.channels());
    assertEquals(0x80 / 255f, d.get(0, 8, 8), 4 / 255f);
    assertEquals(0x60 / 255f, d.get(1, 8, 8), 4 / 255f);
    assertEquals(0x40 / 255f, d.get(2, 8, 8), 4 / 255f);
  }

  private static BufferedImage grey16(int w, int h) {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_USHORT_GRAY);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        img.getRaster().setSample(x, y, 0, 1000 * x + 7 * y + 60000 * (x == 0 && y == 0 ? 1 : 0));
      }
    }
    return img;
  }

  @ParameterizedTest
  @ValueSource(strings = {"png", "tiff"})
  void grey16BitKeepsFullPrecision(String format) throws IOException {
    write(grey16(4, 3), format, "g." + format);
    ImageData d = images.load(dir, "g." + format);
    assertEquals(1, d.channels());
    assertEquals(16, d.bitDepth());
    assertEquals(60000 / 65535f, d.get(0, 0, 0), 1e-7);
    assertEquals((3000 + 14) / 65535f, d.get(0, 2, 3), 1e-7);
  }

  @ParameterizedTest
  @ValueSource(strings = {"png", "bmp", "tiff"})
  void grey8Bit(String format) throws IOException {
    BufferedImage img = new BufferedImage(3, 2, BufferedImage.TYPE_BYTE_GRAY);
    img.getRaster().setSamples(0, 0, 3, 2, 0, new int[] {0, 1, 2, 128, 254, 255});
    write(img, format, "g." + format);
    ImageData d = images.load(dir, "g." + format);
    assertEquals(1, d.channels());
    assertEquals(8, d.bitDepth());
    assertArrayEquals(new float[] {0, 1 / 255f, 2 / 255f, 128 / 255f, 254 / 255f, 1f}, d.pixels(), 1e-7f);
  }

  @Test
  void rgbaDropsAlpha() throws IOException {
    BufferedImage img = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
    img.setRGB(0, 0, 0x10ff0000);
    img.setRGB(1, 0, 0xff00ff00);
    write(img, "png", "a.png");
    ImageData d = images.load(dir, "a.png");
    assertEquals(3, d.channels());
    assertArrayEquals(new float[] {1, 0, 0, 1, 0, 0}, d.pixels(), 1e-7f);
  }

  @Test
  void greyWithAlphaIsOneChannel() throws IOException {
    ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), true, false,
        Transparency.TRANSLUCENT, DataBuffer.TYPE_BYTE);
    WritableRaster r = cm.createCompatibleWritableRaster(2, 1);
    r.setPixel(0, 0, new int[] {51, 255});
    r.setPixel(1, 0, new int[] {204, 0});
    write(new BufferedImage(cm, r, false, null), "png", "ga.png");
    ImageData d = images.load(dir, "ga.png");
    assertEquals(1, d.channels());
    assertArrayEquals(new float[] {0.2f, 0.8f}, d.pixels(), 1e-6f);
  }

  private static BufferedImage palette(int[] indices, int w, int h) {
    byte[] r = {0, (byte) 255, 0, 10};
    byte[] g = {0, 0, (byte) 255, 20};
    byte[] b = {0, 0, 0, 30};
    IndexColorModel cm = new IndexColorModel(8, 4, r, g, b);
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_INDEXED, cm);
    img.getRaster().setSamples(0, 0, w, h, 0, indices);
    return img;
  }

  @Test
  void paletteImageBecomesRgbAndPaletteMaskGivesIndices() throws IOException {
    write(palette(new int[] {0, 1, 2, 3}, 2, 2), "png", "p.png");
    ImageData d = images.load(dir, "p.png");
    assertEquals(3, d.channels());
    assertEquals(1f, d.get(0, 0, 1));
    assertEquals(1f, d.get(1, 1, 0));
    assertEquals(30 / 255f, d.get(2, 1, 1), 1e-7);
    MaskData m = masks.load(dir, "p.png");
    assertArrayEquals(new int[] {0, 1, 2, 3}, m.labels());
  }

  @Test
  void greyMasks8And16BitAndEmptyMask() throws IOException {
    BufferedImage img = new BufferedImage(3, 1, BufferedImage.TYPE_BYTE_GRAY);
    img.getRaster().setSamples(0, 0, 3, 1, 0, new int[] {0, 2, 255});
    write(img, "png", "m.png");
    assertArrayEquals(new int[] {0, 2, 255}, masks.load(dir, "m.png").labels());
    BufferedImage img16 = new BufferedImage(2, 1, BufferedImage.TYPE_USHORT_GRAY);
    img16.getRaster().setSamples(0, 0, 2, 1, 0, new int[] {300, 7});
    write(img16, "png", "m16.png");
    assertArrayEquals(new int[] {300, 7}, masks.load(dir, "m16.png").labels());
    MaskData empty = masks.load(dir, "EMPTY_MASK");
    assertEquals(1, empty.width());
    assertArrayEquals(new int[] {0}, empty.labels());
  }

  @Test
  void colourfulRgbIsNotAMask() throws IOException {
    write(rgb(2, 2), "png", "c.png");
    DataFileException e = assertThrows(DataFileException.class, () -> masks.load(dir, "c.png"));
    assertTrue(e.getMessage().contains(dir.resolve("c.png").toString()), e.getMessage());
    assertTrue(e.getMessage().contains("grey"), e.getMessage());
  }

  private void assertNamesFile(String name, String... words) {
    DataFileException e = assertThrows(DataFileException.class, () -> images.load(dir, name));
    assertEquals(dir.resolve(name), e.file());
    assertTrue(e.getMessage().contains(dir.resolve(name).toString()), e.getMessage());
    for (String w : words) {
      assertTrue(e.getMessage().contains(w), "'" + w + "' missing in: " + e.getMessage());
    }
  }

  @Test
  void missingEmptyGarbageAndTruncatedFilesGiveOneClearError() throws IOException {
    assertNamesFile("nope.png", "does not exist");
    Files.write(dir.resolve("empty.png"), new byte[0]);
    assertNamesFile("empty.png", "empty");
    Files.writeString(dir.resolve("text.png"), "this is not an image at all");
    assertNamesFile("text.png", "not in a supported image format", "png");
    BufferedImage big = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
    for (int i = 0; i < 64 * 64; i++) {
      big.setRGB(i % 64, i / 64, i * 2654435761L > 0 ? (int) (i * 2654435761L) : i);
    }
    byte[] png = Files.readAllBytes(write(big, "png", "full.png"));
    Files.write(dir.resolve("cut.png"), Arrays.copyOf(png, png.length / 2));
    assertNamesFile("cut.png", "corrupt or truncated", "Replace the file");
    byte[] jpg = Files.readAllBytes(write(big, "jpeg", "full.jpg"));
    Files.write(dir.resolve("cut.jpg"), Arrays.copyOf(jpg, jpg.length / 2));
    assertNamesFile("cut.jpg", "corrupt or truncated");
    byte[] bmp = Files.readAllBytes(write(big, "bmp", "full.bmp"));
    Files.write(dir.resolve("cut.bmp"), Arrays.copyOf(bmp, bmp.length / 2));
    assertNamesFile("cut.bmp", "corrupt or truncated");
    byte[] tif = Files.readAllBytes(write(big, "tiff", "full.tif"));
    Files.write(dir.resolve("cut.tif"), Arrays.copyOf(tif, tif.length / 2));
    assertNamesFile("cut.tif", "corrupt or truncated");
    byte[] bad = png.clone();
    for (int i = 100; i < 200; i++) {
      bad[i] = (byte) 0xAB;
    }
    Files.write(dir.resolve("bad.png"), bad);
    assertNamesFile("bad.png", "corrupt or truncated");
  }

  @Test
  void valueLoaders() throws IOException {
    assertEquals(3, new ClassLabelLoader().load(dir, 3));
    assertEquals(3, new ClassLabelLoader().load(dir, 3.0));
    assertThrows(IllegalArgumentException.class, () -> new ClassLabelLoader().load(dir, 2.5));
    assertArrayEquals(new int[] {0, 4}, new ClassesLoader().load(dir, List.of(0, 4)));
    assertArrayEquals(new float[] {0.25f, 0.75f}, new SoftClassesLoader().load(dir, List.of(0.25, 0.75)));
    assertThrows(IllegalArgumentException.class, () -> new SoftClassesLoader().load(dir, List.of(1.5)));
    assertEquals(-2.5f, new ValueLoader().load(dir, -2.5));
    assertEquals("id_7", new PassLoader().load(dir, "id_7"));
    assertInstanceOf(ImageData.class, images.load(dir, write(rgb(2, 2), "png", "x.png")));
  }
}
