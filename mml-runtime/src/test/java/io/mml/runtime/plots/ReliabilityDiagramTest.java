package io.mml.runtime.plots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ReliabilityDiagramTest {
  @Test
  void rendersAPngWithEmptyBinsLeftOut() throws Exception {
    ReliabilityDiagram.Series before = new ReliabilityDiagram.Series("before", new double[] {Double.NaN, 0.7, 0.95},
        new double[] {Double.NaN, 0.6, 0.8}, new long[] {0, 5, 20});
    byte[] png = ReliabilityDiagram.png("task fold0", List.of(before));
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
    assertEquals(700, img.getWidth());
    assertEquals(700, img.getHeight());
  }

  @Test
  void binsOfDifferentLengthAreRefused() {
    assertThrows(IllegalArgumentException.class,
        () -> new ReliabilityDiagram.Series("x", new double[2], new double[3], new long[3]));
  }
}
