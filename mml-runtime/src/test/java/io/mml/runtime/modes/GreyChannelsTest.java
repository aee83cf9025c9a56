package io.mml.runtime.modes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mml.runtime.cli.Cli;
import io.mml.runtime.infer.OnnxModel;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 9.3: a grey task trains, exports and predicts with one input channel; arch.input_channels=3 widens it. */
class GreyChannelsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static void greyTask(Path src) throws Exception {
    Random r = new Random(3);
    for (String c : List.of("rows", "columns")) {
      Path dir = Files.createDirectories(src.resolve("train").resolve(c));
      Path test = Files.createDirectories(src.resolve("test").resolve(c));
      for (int i = 0; i < 30; i++) {
        BufferedImage img = new BufferedImage(32, 32, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 32; y++) {
          for (int x = 0; x < 32; x++) {
            boolean on = c.equals("rows") ? y % 4 < 2 : x % 4 < 2;
            int v = Math.max(0, Math.min(255, (on ? 190 : 60) + (int) (r.nextGaussian() * 30)));
            img.getRaster().setSample(x, y, 0, v);
          }
        }
        ImageIO.write(img, "png", (i < 24 ? dir : test).resolve(c + i + ".png").toFile());
      }
    }
  }

  private static JsonNode storage(Path tmp) throws Exception {
    List<Path> s = ModeRuns.files(tmp.resolve("results/default/MODELS"), ".json");
    return JSON.readTree(s.get(s.size() - 1).toFile());
  }

  @Test
  void greyTrainsExportsAndPredictsOnOneChannel(@TempDir Path tmp) throws Exception {
    greyTask(tmp.resolve("src"));
    assertEquals(0, Cli.run(ModeRuns.args(tmp, "create", "mode.importer=folder", "mode.source=" + tmp.resolve("src"),
        "mode.task=grey")));
    assertEquals(0, Cli.run(ModeRuns.args(tmp, "train", "task_list=[grey]", "arch=cnn", "arch.channels=[8]",
        "trainer.max_epochs=6", "sampling.batch_size=8")));
    JsonNode one = storage(tmp);
    assertEquals(1, one.get("input_shape").get(0).asInt());
    Path onnx = tmp.resolve("results").resolve(one.get("onnx").asText());
    try (OnnxModel m = OnnxModel.open(onnx, OnnxModel.Options.cpu())) {
      assertEquals(1, m.signature().inputs().get(0).dim(1), "the ONNX input has one channel");
    }
    assertTrue(one.get("test").get("accuracy").asDouble() >= 0.9, one.get("test").toString());
    assertTrue(one.get("onnx_parity").get("max_abs_diff").asDouble() < 1e-4);
    // predict with the stored model reads its channel count from the storage
    assertEquals(0, Cli.run(ModeRuns.args(tmp, "predict", "task_list=[grey]", "reuse=current")));

    assertEquals(0, Cli.run(ModeRuns.args(tmp, "train", "task_list=[grey]", "arch=cnn", "arch.channels=[8]",
        "arch.input_channels=3", "trainer.max_epochs=1", "sampling.batch_size=8", "mode.subroutines=[train]")));
    assertEquals(3, storage(tmp).get("input_shape").get(0).asInt(), "widened on request");
    assertEquals(2, Cli.run(ModeRuns.args(tmp, "train", "task_list=[grey]", "arch.input_channels=2",
        "trainer.max_epochs=1")), "an invalid channel count is a config error");
  }
}
