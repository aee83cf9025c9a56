package io.mml.runtime.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mml.runtime.config.ConfigException;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class PreprocessingPipelineTest {
  static final ObjectMapper JSON = new ObjectMapper();

  static PreprocessingPipeline pipeline(String json) throws Exception {
    JsonNode n = JSON.readTree(json);
    return PreprocessingPipeline.parse(n);
  }

  @Test
  void resizeShorterPadAndCropGiveTheRequestedSize() throws Exception {
    PreprocessingPipeline p = pipeline("[{\"name\":\"resize_shorter\",\"size\":16},"
        + "{\"name\":\"pad\",\"height\":16,\"width\":16},{\"name\":\"center_crop\",\"height\":16,\"width\":16}]");
    BufferedImage wide = new BufferedImage(40, 20, BufferedImage.TYPE_3BYTE_BGR);
    BufferedImage out = p.applyToImage(wide);
    assertEquals(16, out.getWidth());
    assertEquals(16, out.getHeight());
    // 40x20 -> shorter side 16 -> 32x16 -> crop the centre 16x16.
  }

  @Test
  void masksUseNearestNeighbourAndPadWithTheIgnoreValue() throws Exception {
    PreprocessingPipeline p = pipeline("[{\"name\":\"resize\",\"height\":4,\"width\":4},"
        + "{\"name\":\"pad\",\"height\":6,\"width\":6}]");
    BufferedImage mask = new BufferedImage(2, 2, BufferedImage.TYPE_BYTE_GRAY);
    mask.getRaster().setSample(0, 0, 0, 1);
    mask.getRaster().setSample(1, 0, 0, 2);
    mask.getRaster().setSample(0, 1, 0, 3);
    mask.getRaster().setSample(1, 1, 0, 4);
    BufferedImage out = p.applyToMask(mask);
    assertEquals(6, out.getWidth());
    // Padding of one pixel on each side; the 4x4 nearest-neighbour block starts at (1,1).
    assertEquals(255, out.getRaster().getSample(0, 0, 0));
    assertEquals(1, out.getRaster().getSample(1, 1, 0));
    assertEquals(1, out.getRaster().getSample(2, 2, 0));
    assertEquals(2, out.getRaster().getSample(3, 1, 0));
    assertEquals(4, out.getRaster().getSample(4, 4, 0));
    for (int y = 0; y < 6; y++) {
      for (int x = 0; x < 6; x++) {
        int v = out.getRaster().getSample(x, y, 0);
        assertTrue(v == 255 || (v >= 1 && v <= 4), "only labels or ignore: " + v);
      }
    }
  }

  @Test
  void minmaxNormalisationStretchesSixteenBitToEightBit() throws Exception {
    PreprocessingPipeline p = pipeline("[{\"name\":\"normalize\",\"mode\":\"minmax\"}]");
    BufferedImage img = new BufferedImage(2, 1, BufferedImage.TYPE_USHORT_GRAY);
    img.getRaster().setSample(0, 0, 0, 1000);
    img.getRaster().setSample(1, 0, 0, 3000);
    BufferedImage out = p.applyToImage(img);
    assertEquals(8, out.getColorModel().getComponentSize(0));
    assertEquals(0, out.getRaster().getSample(0, 0, 0));
    assertEquals(255, out.getRaster().getSample(1, 0, 0));
  }

  @Test
  void sixteenBitImagesKeepTheirDepthThroughGeometry() throws Exception {
    PreprocessingPipeline p = pipeline("[{\"name\":\"resize\",\"height\":2,\"width\":2}]");
    BufferedImage img = new BufferedImage(4, 4, BufferedImage.TYPE_USHORT_GRAY);
    for (int y = 0; y < 4; y++) {
      for (int x = 0; x < 4; x++) {
        img.getRaster().setSample(x, y, 0, 40000);
      }
    }
    BufferedImage out = p.applyToImage(img);
    assertEquals(16, out.getColorModel().getComponentSize(0));
    assertEquals(40000, out.getRaster().getSample(1, 1, 0));
  }

  @Test
  void badOperationsNameTheKeyAndTheValidNames() {
    ConfigException unknown = assertThrows(ConfigException.class, () -> pipeline("[{\"name\":\"resise\"}]"));
    assertTrue(unknown.getMessage().contains("preprocessing.pipeline[0]") && unknown.getMessage().contains("resize"),
        unknown.getMessage());
    ConfigException size = assertThrows(ConfigException.class,
        () -> pipeline("[{\"name\":\"resize\",\"height\":0,\"width\":4}]"));
    assertTrue(size.getMessage().contains("preprocessing.pipeline[0].height"), size.getMessage());
  }
}
