package io.mml.runtime.modes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mml.runtime.cli.Cli;
import io.mml.runtime.tasks.TaskDescription;
import io.mml.runtime.tasks.TaskDescriptions;
import io.mml.runtime.tasktype.Predictions;
import io.mml.runtime.tasktype.builtin.SegmentationMetrics;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10.6, end to end: masks holding the documented ignore value 255 (drawn into the masks, and
 * added as padding by a preprocessing pad step) train, export, predict and test through the CLI,
 * and the reported metrics are those of the other pixels only.
 */
class IgnoredMaskPixelsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int W = 32;
  private static final int H = 24; // padded to 32x32 by the pipeline: 4 rows of 255 above and below
  private static final String PAD = "[{name: pad, height: 32, width: 32}]";

  /** Bright squares (class 1) on a dark noisy ground (class 0); a 4x4 patch of each square is 255. */
  private static void task(Path src) throws Exception {
    Random rng = new Random(11);
    Path img = Files.createDirectories(src.resolve("images"));
    Path msk = Files.createDirectories(src.resolve("masks"));
    Path testImg = Files.createDirectories(src.resolve("test/images"));
    Path testMsk = Files.createDirectories(src.resolve("test/masks"));
    for (int i = 0; i < 28; i++) {
      int s = 8 + rng.nextInt(6);
      int x0 = rng.nextInt(W - s);
      int y0 = rng.nextInt(H - s);
      BufferedImage image = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
      BufferedImage mask = new BufferedImage(W, H, BufferedImage.TYPE_BYTE_GRAY);
      for (int y = 0; y < H; y++) {
        for (int x = 0; x < W; x++) {
          boolean in = x >= x0 && x < x0 + s && y >= y0 && y < y0 + s;
          boolean ignored = in && x >= x0 + 2 && x < x0 + 6 && y >= y0 + 2 && y < y0 + 6;
          int v = in ? 200 + rng.nextInt(40) : rng.nextInt(90);
          image.setRGB(x, y, v << 16 | (v / 2) << 8 | rng.nextInt(60));
          mask.getRaster().setSample(x, y, 0, ignored ? 255 : in ? 1 : 0);
        }
      }
      boolean test = i >= 20;
      ImageIO.write(image, "png", (test ? testImg : img).resolve("s" + i + ".png").toFile());
      ImageIO.write(mask, "png", (test ? testMsk : msk).resolve("s" + i + ".png").toFile());
    }
  }

  @Test
  void masksWith255TrainAndTheMetricsLeaveThosePixelsOut(@TempDir Path tmp) throws Exception {
    Path src = tmp.resolve("src");
    task(src);
    assertEquals(0, Cli.run(ModeRuns.args(tmp, "create", "mode.importer=segmentation", "mode.source=" + src,
        "mode.classes=[background,square]", "mode.task=ign")));
    String[] pp = {"preprocessing=size32", "preprocessing.id=pad32", "preprocessing.pipeline=" + PAD};
    assertEquals(0, Cli.run(ModeRuns.args(tmp, "pp", "task_list=[ign]", pp[0], pp[1], pp[2])));
    assertEquals(0, Cli.run(ModeRuns.args(tmp, "train", "task_list=[ign]", pp[0], pp[1], pp[2],
        "trainer.max_epochs=2", "sampling.batch_size=8")));

    List<Path> storages = ModeRuns.files(tmp.resolve("results/default/MODELS/ign"), ".json");
    assertEquals(1, storages.size());
    JsonNode s = JSON.readTree(storages.get(0).toFile());
    assertEquals(2, s.get("epochs").size());
    for (JsonNode e : s.get("epochs")) {
      assertTrue(Double.isFinite(e.get("train_loss").asDouble()) && Double.isFinite(e.get("val_loss").asDouble()), e.toString());
      assertTrue(e.get("dice").asDouble() >= 0 && e.get("dice").asDouble() <= 1, e.toString());
    }
    JsonNode test = s.get("test");
    assertEquals(8, test.get("samples").asInt(), test.toString());

    // The true masks of the test split, as training read them: 32x32, padded with 255.
    Path desc = tmp.resolve("data/PREPROCESSED/pad32/DSET_ign/TASK_ign.json");
    TaskDescription d = TaskDescriptions.read(desc);
    Map<String, int[]> truth = new LinkedHashMap<>();
    for (Map.Entry<String, Map<String, Object>> e : d.testSamples().entrySet()) {
      int[] m = pixels(desc.getParent().resolve(e.getValue().get("mask").toString()));
      assertEquals(32 * 32, m.length);
      assertEquals(255, m[0], "the pad step fills masks with 255");
      truth.put(e.getKey(), m);
    }
    assertEquals(8, truth.size());

    // The predicted masks of the test split, by sample id.
    Path index = tmp.resolve("results").resolve(s.get("predictions").get("test").asText());
    List<String> rows = Files.readAllLines(index);
    assertEquals(9, rows.size(), rows.toString());
    List<float[]> scores = new ArrayList<>();
    List<float[]> targets = new ArrayList<>();
    long[] tp = new long[2];
    long[] fp = new long[2];
    long[] fn = new long[2];
    int ignored = 0;
    for (String row : rows.subList(1, rows.size())) {
      String[] f = row.split(",");
      int[] predicted = pixels(index.getParent().resolve(f[2]));
      int[] t = truth.get(f[1]);
      for (int p = 0; p < t.length; p++) {
        scores.add(predicted[p] == 0 ? new float[] {1, 0} : new float[] {0, 1});
        targets.add(new float[] {t[p]});
        if (t[p] == 255) {
          ignored++;
        } else if (t[p] == predicted[p]) {
          tp[t[p]]++;
        } else {
          fp[predicted[p]]++;
          fn[t[p]]++;
        }
      }
    }
    assertTrue(ignored > 8 * 2 * 4 * 32, "padding and drawn patches are ignored pixels: " + ignored);
    // The stored metrics are those of the pixels that are not 255 ...
    double dice = 0;
    double iou = 0;
    int present = 0;
    for (int c = 0; c < 2; c++) {
      if (tp[c] + fp[c] + fn[c] > 0) {
        dice += 2.0 * tp[c] / (2.0 * tp[c] + fp[c] + fn[c]);
        iou += (double) tp[c] / (tp[c] + fp[c] + fn[c]);
        present++;
      }
    }
    assertEquals(dice / present, test.get("dice").asDouble(), 1e-9, test.toString());
    assertEquals(iou / present, test.get("iou").asDouble(), 1e-9, test.toString());
    // ... and the metrics themselves drop 255 rows: on all pixels, 255 included, they give the same.
    Predictions all = new Predictions(scores.toArray(new float[0][]), targets.toArray(new float[0][]));
    assertEquals(test.get("dice").asDouble(), new SegmentationMetrics.Dice().compute(all), 1e-9);
    assertEquals(test.get("iou").asDouble(), new SegmentationMetrics.Iou().compute(all), 1e-9);
  }

  private static int[] pixels(Path png) throws Exception {
    BufferedImage img = ImageIO.read(png.toFile());
    Raster r = img.getRaster();
    return r.getSamples(0, 0, img.getWidth(), img.getHeight(), 0, (int[]) null);
  }
}
