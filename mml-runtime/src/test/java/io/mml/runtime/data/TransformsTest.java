package io.mml.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.mml.runtime.config.Config;
import io.mml.runtime.config.ConfigException;
import io.mml.runtime.data.augment.AugmentationPipeline;
import io.mml.runtime.data.augment.ImageAndMask;
import io.mml.runtime.data.augment.Transforms;
import io.mml.runtime.data.decoded.ImageData;
import io.mml.runtime.data.decoded.MaskData;
import io.mml.runtime.tasks.TaskHeader;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class TransformsTest {
  /** 1 channel, 3x3, values 1..9 row by row. */
  private static ImageData grid() {
    return new ImageData(3, 3, 1, 8, new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
  }

  private static MaskData gridMask() {
    return new MaskData(3, 3, new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
  }

  private static Config yaml(String text) throws IOException {
    return Config.of((ObjectNode) new ObjectMapper(new YAMLFactory()).readTree(text));
  }

  private static TaskHeader header(List<Double> means, List<Double> stds) {
    return new TaskHeader("t", "classification", List.of(), Map.of(), means, stds, List.of(), new TreeMap<>(),
        Map.of(), 1, 1, "", "", "", "", "", "");
  }

  @Test
  void flipMovesImageAndMaskTogether() {
    ImageAndMask out = new Transforms.Flip(1.0, true, false).apply(new ImageAndMask(grid(), gridMask()), new Random(1));
    assertArrayEquals(new float[] {3, 2, 1, 6, 5, 4, 9, 8, 7}, out.image().pixels());
    assertArrayEquals(new int[] {3, 2, 1, 6, 5, 4, 9, 8, 7}, out.mask().labels());
    ImageAndMask v = new Transforms.Flip(1.0, false, true).apply(ImageAndMask.of(grid()), new Random(1));
    assertArrayEquals(new float[] {7, 8, 9, 4, 5, 6, 1, 2, 3}, v.image().pixels());
    ImageAndMask none = ImageAndMask.of(grid());
    assertSame(none, new Transforms.Flip(0.0, true, true).apply(none, new Random(1)));
  }

  @Test
  void rotateNinetyDegreesIsExactOnTheGrid() {
    ImageAndMask out = new Transforms.Rotate(0, 1, 0, 0).apply(ImageAndMask.of(grid()), new Random(1));
    assertArrayEquals(grid().pixels(), out.image().pixels(), "0 degrees changes nothing");
    // counter-clockwise by 90 degrees: the right column becomes the top row
    ImageAndMask r = rotate90(new ImageAndMask(grid(), gridMask()));
    assertArrayEquals(new float[] {3, 6, 9, 2, 5, 8, 1, 4, 7}, r.image().pixels(), 1e-5f);
    assertArrayEquals(new int[] {3, 6, 9, 2, 5, 8, 1, 4, 7}, r.mask().labels());
  }

  private static ImageAndMask rotate90(ImageAndMask in) {
    // degrees 90 with a Random whose first double is 1 - tiny: angle = (2u - 1) * 90 ~ 90
    return new Transforms.Rotate(90, 1, 0, 0).apply(in, new Random() {
      private int calls;

      @Override
      public double nextDouble() {
        return calls++ == 0 ? 1.0 : 0.0;
      }
    });
  }

  /**
   * The rotation hoists its row and column products out of the pixel loop; that must not change a
   * single bit against the textbook per-pixel inverse mapping (written out here).
   */
  @Test
  void rotateIsBitIdenticalToThePerPixelFormula() {
    Random rng = new Random(11);
    for (int round = 0; round < 40; round++) {
      int w = 3 + rng.nextInt(30);
      int h = 3 + rng.nextInt(30);
      int ch = rng.nextBoolean() ? 1 : 3;
      float[] px = new float[ch * w * h];
      for (int k = 0; k < px.length; k++) {
        px[k] = rng.nextFloat();
      }
      double angle = (rng.nextDouble() * 2 - 1) * 180;
      Transforms.Rotate r = new Transforms.Rotate(180, 1.0, 0.25f, 0);
      Random a = new Random(round);
      ImageData got = r.apply(new ImageAndMask(new ImageData(w, h, ch, 8, px), null), a).image();
      Random b = new Random(round);
      double drawn = (b.nextDouble() * 2 - 1) * 180;
      assertArrayEquals(perPixelRotation(px, w, h, ch, drawn, 0.25f), got.pixels(), "round " + round + " " + angle);
    }
  }

  private static float[] perPixelRotation(float[] src, int w, int h, int ch, double degrees, float fill) {
    double t = Math.toRadians(degrees);
    double cos = Math.cos(t);
    double sin = Math.sin(t);
    double cx = (w - 1) / 2.0;
    double cy = (h - 1) / 2.0;
    int n = w * h;
    float[] dst = new float[src.length];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double dx = x - cx;
        double dy = y - cy;
        double sx = cos * dx - sin * dy + cx;
        double sy = sin * dx + cos * dy + cy;
        int i = y * w + x;
        if (sx < -0.5 || sy < -0.5 || sx > w - 0.5 || sy > h - 0.5) {
          for (int c = 0; c < ch; c++) {
            dst[c * n + i] = fill;
          }
          continue;
        }
        double fx = Math.max(0, Math.min(w - 1, sx));
        double fy = Math.max(0, Math.min(h - 1, sy));
        int x0 = (int) fx;
        int y0 = (int) fy;
        int x1 = Math.min(x0 + 1, w - 1);
        int y1 = Math.min(y0 + 1, h - 1);
        float ax = (float) (fx - x0);
        float ay = (float) (fy - y0);
        for (int c = 0; c < ch; c++) {
          int o = c * n;
          float top = src[o + y0 * w + x0] * (1 - ax) + src[o + y0 * w + x1] * ax;
          float bot = src[o + y1 * w + x0] * (1 - ax) + src[o + y1 * w + x1] * ax;
          dst[o + i] = top * (1 - ay) + bot * ay;
        }
      }
    }
    return dst;
  }

  @Test
  void rotateFillsUncoveredCornersAndMaskUsesNearest() {
    ImageData ones = new ImageData(5, 5, 1, 8, filled(25, 1f));
    ImageAndMask r = new Transforms.Rotate(45, 1, 0, 255).apply(new ImageAndMask(ones, MaskData.zeros(5, 5)),
        new Random() {
          @Override
          public double nextDouble() {
            return 0.0; // angle -45, then p check passes
          }
        });
    assertEquals(0f, r.image().get(0, 0, 0), "corner uncovered");
    assertEquals(1f, r.image().get(0, 2, 2), 1e-6, "centre kept");
    assertEquals(255, r.mask().get(0, 0));
    assertEquals(0, r.mask().get(2, 2));
  }

  private static float[] filled(int n, float v) {
    float[] a = new float[n];
    java.util.Arrays.fill(a, v);
    return a;
  }

  @Test
  void centreAndRandomCropsAndPadding() {
    ImageAndMask c = new Transforms.Crop(2, 2, false).apply(new ImageAndMask(grid(), gridMask()), new Random(1));
    assertArrayEquals(new float[] {1, 2, 4, 5}, c.image().pixels());
    assertArrayEquals(new int[] {1, 2, 4, 5}, c.mask().labels());
    ImageAndMask r1 = new Transforms.Crop(2, 2, true).apply(new ImageAndMask(grid(), gridMask()), new Random(7));
    ImageAndMask r2 = new Transforms.Crop(2, 2, true).apply(new ImageAndMask(grid(), gridMask()), new Random(7));
    assertArrayEquals(r1.image().pixels(), r2.image().pixels(), "same seed, same window");
    int top = (int) r1.image().get(0, 0, 0);
    assertEquals(top + 4f, r1.image().get(0, 1, 1), "a contiguous window");
    assertEquals((int) r1.image().get(0, 0, 0), r1.mask().get(0, 0), "mask follows");
    ImageAndMask pad = new Transforms.Crop(5, 5, true).apply(ImageAndMask.of(grid()), new Random(1));
    assertEquals(5, pad.image().width());
    assertEquals(0f, pad.image().get(0, 0, 0));
    assertEquals(1f, pad.image().get(0, 1, 1));
    assertEquals(9f, pad.image().get(0, 3, 3));
  }

  @Test
  void resizeBilinearHalfPixelAndMaskNearest() {
    ImageData two = new ImageData(2, 1, 1, 8, new float[] {0, 1});
    ImageAndMask out = new Transforms.Resize(1, 4).apply(new ImageAndMask(two, new MaskData(2, 1, new int[] {3, 5})),
        new Random(1));
    assertArrayEquals(new float[] {0, 0.25f, 0.75f, 1}, out.image().pixels(), 1e-6f);
    assertArrayEquals(new int[] {3, 3, 5, 5}, out.mask().labels());
    ImageData down = Transforms.resize(new ImageData(4, 1, 1, 8, new float[] {0, 1, 2, 3}), 1, 2);
    assertArrayEquals(new float[] {0.5f, 2.5f}, down.pixels(), 1e-6f);
  }

  @Test
  void colorJitterStaysInRangeAndLeavesMaskAlone() {
    ImageData rgb = new ImageData(2, 1, 3, 8, new float[] {0.1f, 0.9f, 0.5f, 0.5f, 0.2f, 0.8f});
    MaskData m = new MaskData(2, 1, new int[] {1, 2});
    for (int s = 0; s < 20; s++) {
      ImageAndMask out = new Transforms.ColorJitter(0.5, 0.5, 0.5, 1).apply(new ImageAndMask(rgb, m), new Random(s));
      for (float v : out.image().pixels()) {
        assertTrue(v >= 0 && v <= 1, "in range: " + v);
      }
      assertSame(m, out.mask());
    }
    // brightness only, factor = 1 - b + u * 2b
    Random r = new Random(3);
    double u = new Random(3).nextDouble();
    ImageAndMask b = new Transforms.ColorJitter(0.2, 0, 0, 1).apply(ImageAndMask.of(new ImageData(1, 1, 1, 8,
        new float[] {0.5f})), r);
    assertEquals(0.5 * (0.8 + u * 0.4), b.image().pixels()[0], 1e-6);
  }

  @Test
  void normalizationImagenetTaskAndNull() throws IOException {
    ImageData px = new ImageData(1, 1, 3, 8, new float[] {0.485f, 0.456f + 0.224f, 0.406f - 0.225f});
    AugmentationPipeline p = AugmentationPipeline.fromConfig(yaml("augmentations: {normalization: imagenet}"), null, 3);
    assertArrayEquals(new float[] {0, 1, -1}, p.apply(ImageAndMask.of(px), new Random(1), false).image().pixels(),
        1e-6f);
    TaskHeader h = header(List.of(0.5, 0.5, 0.5), List.of(0.5, 0.25, 0.1));
    AugmentationPipeline t = AugmentationPipeline.fromConfig(yaml("augmentations: {normalization: task}"), h, 3);
    ImageData half = new ImageData(1, 1, 3, 8, new float[] {1, 1, 0.5f});
    assertArrayEquals(new float[] {1, 2, 0}, t.apply(ImageAndMask.of(half), new Random(1), false).image().pixels(),
        1e-6f);
    AugmentationPipeline none = AugmentationPipeline.fromConfig(yaml("augmentations: {normalization: null}"), h, 3);
    ImageData grey = new ImageData(1, 1, 1, 8, new float[] {0.3f});
    assertArrayEquals(new float[] {0.3f, 0.3f, 0.3f},
        none.apply(ImageAndMask.of(grey), new Random(1), true).image().pixels(), "grey becomes 3 channels");
    ConfigException e = assertThrows(ConfigException.class, () -> AugmentationPipeline.fromConfig(
        yaml("augmentations: {normalization: task}"), header(List.of(), List.of()), 3));
    assertEquals("augmentations.normalization", e.keyPath());
    ConfigException e2 = assertThrows(ConfigException.class, () -> AugmentationPipeline.fromConfig(
        yaml("augmentations: {normalization: imagnet}"), h, 3));
    assertTrue(e2.getMessage().contains("'imagenet'"), e2.getMessage());
  }

  @Test
  void pipelineFromConfigRunsRandomStepsOnlyInTraining() throws IOException {
    Config cfg = yaml("augmentations:\n  normalization: null\n  pipeline:\n"
        + "    - {name: flip, p: 1.0, axis: horizontal}\n    - {name: crop, size: [2, 2], random: false}\n"
        + "    - {name: resize, size: 4}\n");
    AugmentationPipeline p = AugmentationPipeline.fromConfig(cfg, null, 0);
    assertEquals(List.of("flip", "crop", "resize"), p.steps().stream().map(s -> s.name()).toList());
    ImageData train = p.apply(ImageAndMask.of(grid()), new Random(1), true).image();
    ImageData eval = p.apply(ImageAndMask.of(grid()), new Random(1), false).image();
    assertEquals(4, train.width());
    assertEquals(4, eval.height());
    assertEquals(3f, train.get(0, 0, 0), 1e-6, "flipped then cropped: [3,2;6,5], corner kept by the resize");
    assertNotEquals(train.get(0, 0, 0), eval.get(0, 0, 0));
    assertEquals(1f, eval.get(0, 0, 0), 1e-6, "no flip on eval: [1,2;4,5]");
    // plain names work too
    assertEquals(1, AugmentationPipeline.fromConfig(yaml("augmentations: {normalization: null, pipeline: [flip]}"),
        null, 3).steps().size());
    ConfigException missing = assertThrows(ConfigException.class,
        () -> AugmentationPipeline.fromConfig(yaml("augmentations: {pipeline: [flip]}"), null, 3));
    assertEquals("augmentations.normalization", missing.keyPath());
  }

  private static ConfigException bad(String pipeline) {
    return assertThrows(ConfigException.class, () -> AugmentationPipeline.fromConfig(
        yaml("augmentations: {normalization: null, pipeline: " + pipeline + "}"), null, 3));
  }

  @Test
  void badStepsNameTheKeyAndTheValidChoices() {
    ConfigException e = bad("[{name: flip}, {name: rotte}]");
    assertEquals("augmentations.pipeline[1].name", e.keyPath());
    assertTrue(e.getMessage().contains("color_jitter, crop, flip, resize, rotate"), e.getMessage());
    assertTrue(e.getMessage().contains("Did you mean 'rotate'"), e.getMessage());
    ConfigException p = bad("[{name: flip, p: 2}]");
    assertEquals("augmentations.pipeline[0].p", p.keyPath());
    assertTrue(p.getMessage().contains("[0, 1]"), p.getMessage());
    ConfigException k = bad("[{name: rotate, degree: 10}]");
    assertEquals("augmentations.pipeline[0].degree", k.keyPath());
    assertTrue(k.getMessage().contains("degrees"), k.getMessage());
    assertEquals("augmentations.pipeline[0].size", bad("[{name: crop}]").keyPath());
    assertEquals("augmentations.pipeline[0].size", bad("[{name: resize, size: [0, 3]}]").keyPath());
    assertEquals("augmentations.pipeline[0].axis", bad("[{name: flip, axis: diagonal}]").keyPath());
    assertEquals("augmentations.pipeline[0].random", bad("[{name: crop, size: 2, random: maybe}]").keyPath());
    assertEquals("augmentations.pipeline[0].name", bad("[{p: 0.5}]").keyPath());
  }

  @Test
  void shippedAugmentationConfigsParse() throws IOException {
    for (String option : List.of("default", "no_norm", "basic", "color")) {
      try (InputStream in = getClass().getResourceAsStream("/META-INF/mml/configs/augmentations/" + option + ".yaml")) {
        ObjectNode group = (ObjectNode) new ObjectMapper(new YAMLFactory()).readTree(in);
        ObjectNode root = new ObjectMapper().createObjectNode();
        root.set("augmentations", group);
        AugmentationPipeline p = AugmentationPipeline.fromConfig(Config.of(root), null, 3);
        ImageData out = p.apply(ImageAndMask.of(new ImageData(32, 32, 3, 8, new float[3 * 32 * 32])), new Random(1),
            true).image();
        assertEquals(32, out.width(), option);
      }
    }
  }

  /**
   * Every pipeline gives the same result whether it may overwrite its input (and the arrays of
   * earlier steps) or not, and the not-owned input is never written: for flip-only, pointwise
   * and mixed pipelines, with masks, over many seeds.
   */
  @Test
  void inPlaceStepsGiveWhatCopyingStepsGiveAndLeaveForeignArraysAlone() throws IOException {
    List<String> pipelines = List.of(
        "pipeline: [{name: flip, p: 0.5, axis: both}]",
        "pipeline: [{name: flip, axis: vertical}, {name: color_jitter}]",
        "pipeline: [{name: flip, p: 0.5}, {name: rotate, degrees: 20}, {name: crop, size: [5, 6]},"
            + " {name: flip, p: 0.5, axis: both}, {name: resize, size: [7, 5]}, {name: color_jitter}]",
        "pipeline: [{name: color_jitter, p: 1.0}, {name: flip, p: 1.0, axis: both}]");
    Random data = new Random(7);
    for (String text : pipelines) {
      for (int channels : new int[] {1, 3}) {
        AugmentationPipeline p = AugmentationPipeline.fromConfig(yaml("augmentations:\n  normalization: imagenet\n  "
            + text.replace("pipeline", "pipeline")), null, channels);
        for (int seed = 0; seed < 40; seed++) {
          int w = 6 + data.nextInt(4);
          int h = 5 + data.nextInt(5);
          float[] px = new float[channels * w * h];
          int[] labels = new int[w * h];
          for (int i = 0; i < px.length; i++) {
            px[i] = data.nextFloat();
          }
          for (int i = 0; i < labels.length; i++) {
            labels[i] = data.nextInt(4);
          }
          ImageAndMask foreign = new ImageAndMask(new ImageData(w, h, channels, 8, px.clone()),
              new MaskData(w, h, labels.clone()));
          ImageAndMask copied = p.apply(foreign, new Random(seed), true, false);
          assertArrayEquals(px, foreign.image().pixels(), "the caller's pixels are not written: " + text);
          assertArrayEquals(labels, foreign.mask().labels(), "the caller's mask is not written: " + text);
          ImageAndMask handed = new ImageAndMask(new ImageData(w, h, channels, 8, px.clone()),
              new MaskData(w, h, labels.clone()));
          ImageAndMask inPlace = p.apply(handed, new Random(seed), true, true);
          assertArrayEquals(copied.image().pixels(), inPlace.image().pixels(), text + " seed " + seed);
          assertArrayEquals(copied.mask().labels(), inPlace.mask().labels(), text + " seed " + seed);
          assertArrayEquals(labels, handed.mask().labels(), "a handed-over image does not hand over the mask");
        }
      }
    }
  }
}
