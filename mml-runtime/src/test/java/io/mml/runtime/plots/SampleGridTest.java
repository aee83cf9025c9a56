package io.mml.runtime.plots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import io.mml.runtime.data.decoded.DataFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleGridTest {
  @TempDir
  Path tmp;

  @Test
  void rowsAndTilesAreLaidOutAndTheImagesDrawn() throws IOException {
    Path red = image("red.png", Color.RED, BufferedImage.TYPE_INT_RGB);
    Path blue = image("blue.png", Color.BLUE, BufferedImage.TYPE_INT_RGB);
    byte[] png = new SampleGrid(16).add("a", red).add("a", red).add("b", blue).toPng();
    BufferedImage out = ImageIO.read(new ByteArrayInputStream(png));
    // 2 rows of 16 px tiles with 4 px padding: height = 2 * (16 + 4) + 4.
    assertEquals(44, out.getHeight());
    int right = out.getWidth() - 4 - 8; // the centre of the last tile of row 1
    assertEquals(Color.RED.getRGB(), out.getRGB(right, 4 + 8));
    int firstTileOfRowB = out.getWidth() - 2 * (16 + 4) + 8;
    assertEquals(Color.BLUE.getRGB(), out.getRGB(firstTileOfRowB, 4 + 20 + 8));
  }

  @Test
  void sixteenBitImagesAreStretchedToEightBits() throws IOException {
    BufferedImage img = new BufferedImage(4, 4, BufferedImage.TYPE_USHORT_GRAY);
    img.getRaster().setSample(0, 0, 0, 1000);
    BufferedImage shown = SampleGrid.toDisplayable(img);
    assertEquals(255, shown.getRaster().getSample(0, 0, 0));
    assertEquals(0, shown.getRaster().getSample(1, 1, 0));
  }

  @Test
  void anUndecodableImageIsAnErrorNamingTheFile() throws IOException {
    Path bad = Files.writeString(tmp.resolve("bad.png"), "not a png");
    DataFileException e = assertThrows(DataFileException.class, () -> new SampleGrid(16).add("x", bad).toPng());
    assertTrue(e.getMessage().contains(bad.toString()), e.getMessage());
  }

  private Path image(String name, Color c, int type) throws IOException {
    BufferedImage img = new BufferedImage(8, 8, type);
    var g = img.createGraphics();
    g.setColor(c);
    g.fillRect(0, 0, 8, 8);
    g.dispose();
    Path p = tmp.resolve(name);
    ImageIO.write(img, "png", p.toFile());
    return p;
  }
}
