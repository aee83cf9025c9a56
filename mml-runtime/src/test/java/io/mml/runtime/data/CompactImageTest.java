package io.mml.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.mml.runtime.data.augment.AugmentationPipeline;
import io.mml.runtime.data.augment.ImageAndMask;
import io.mml.runtime.data.augment.Transforms;
import io.mml.runtime.data.decoded.CompactImage;
import io.mml.runtime.data.decoded.ImageData;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The cache's compact images restore the decoded floats exactly, and the fused path equals the general one. */
class CompactImageTest {
  private static ImageData image(int channels, int bits, long seed) {
    Random r = new Random(seed);
    int max = (1 << bits) - 1;
    float scale = 1f / max;
    float[] px = new float[channels * 5 * 4];
    for (int i = 0; i < px.length; i++) {
      px[i] = r.nextInt(max + 1) * scale;
    }
    return new ImageData(4, 5, channels, bits, px);
  }

  @Test
  void eightAndSixteenBitSamplesRoundTripExactly() {
    for (int bits : new int[] {8, 16}) {
      ImageData im = image(3, bits, bits);
      CompactImage c = CompactImage.of(im);
      assertNotNull(c);
      assertArrayEquals(im.pixels(), c.toImageData().pixels(), 0f);
      assertEquals(bits == 8 ? 64 + 60 : 64 + 120, c.byteSize());
    }
  }

  @Test
  void valuesThatAreNotSamplesStayFloats() {
    assertNull(CompactImage.of(new ImageData(1, 1, 1, 8, new float[] {0.1234f})));
    assertNull(CompactImage.of(new ImageData(1, 1, 1, 8, new float[] {1.5f})));
  }

  @Test
  void fusedConversionEqualsTheGeneralPipeline() {
    float[] mean = {0.485f, 0.456f, 0.406f};
    float[] std = {0.229f, 0.224f, 0.225f};
    for (int in : new int[] {1, 3}) {
      for (int out : new int[] {0, 1, 3}) {
        for (boolean norm : new boolean[] {true, false}) {
          AugmentationPipeline p = new AugmentationPipeline(out, List.of(),
              norm ? new Transforms.Normalize(mean, std) : null);
          ImageData im = image(in, 8, 31L * in + out);
          float[] general = p.apply(new ImageAndMask(im, null), new Random(1), false).image().pixels();
          float[] fused = p.convertAndNormalize(CompactImage.of(im)).pixels();
          assertArrayEquals(general, fused, 0f, in + "->" + out + " norm " + norm);
        }
      }
    }
  }
}
