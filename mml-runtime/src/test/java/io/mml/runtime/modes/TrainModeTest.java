package io.mml.runtime.modes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mml.runtime.cli.Cli;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The train mode end to end on the demo tasks: train, ONNX export, predict, test; kill and resume. */
class TrainModeTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path tmp;

  @Test
  void trainPredictTestReachesHighHeldOutAccuracyOnTheLearnableDemoTask() throws Exception {
    assertEquals(0, Cli.run(ModeRuns.args(tmp, "train", "tasks=demo", "task_list=[demo_shapes]", "trainer.max_epochs=12")));
    Path results = tmp.resolve("results/default");
    List<Path> storages = ModeRuns.files(results.resolve("MODELS/demo_shapes"), ".json");
    assertEquals(1, storages.size());
    JsonNode s = JSON.readTree(storages.get(0).toFile());
    assertTrue(s.get("test").get("accuracy").asDouble() >= 0.9, "held-out accuracy: " + s.get("test"));
    assertEquals(90, s.get("test").get("samples").asInt());
    assertTrue(s.get("onnx_parity").get("max_abs_diff").asDouble() < 1e-4, s.get("onnx_parity").toString());
    assertEquals(1.0, s.get("onnx_parity").get("argmax_agreement").asDouble());
    assertEquals(12, s.get("epochs").size());
    assertTrue(Files.size(results.resolve(s.get("onnx").asText().substring("default/".length()))) > 1000);
    List<String> csv = Files.readAllLines(results.resolve(
        s.get("predictions").get("test").asText().substring("default/".length())), StandardCharsets.UTF_8);
    assertEquals("split,sample_id,target,prediction,score_0,score_1,score_2", csv.get(0));
    assertEquals(91, csv.size());
    assertEquals(1, ModeRuns.files(results.resolve("TRAINING/demo_shapes"), ".png").size());
    List<String> curves = Files.readAllLines(ModeRuns.files(results.resolve("TRAINING/demo_shapes"), ".csv").get(0));
    assertEquals(13, curves.size(), "header + one line per epoch");
  }

  @Test
  void segmentationTrainsAtFullResolutionAndPredictsMasks() throws Exception {
    java.util.Random rng = new java.util.Random(3);
    Path img = Files.createDirectories(tmp.resolve("seg/img"));
    Path msk = Files.createDirectories(tmp.resolve("seg/msk"));
    for (int i = 0; i < 50; i++) {
      int s = 8 + rng.nextInt(9);
      int x0 = rng.nextInt(32 - s);
      int y0 = rng.nextInt(32 - s);
      var image = new java.awt.image.BufferedImage(32, 32, java.awt.image.BufferedImage.TYPE_INT_RGB);
      var mask = new java.awt.image.BufferedImage(32, 32, java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
      for (int y = 0; y < 32; y++) {
        for (int x = 0; x < 32; x++) {
          boolean in = x >= x0 && x < x0 + s && y >= y0 && y < y0 + s;
          int v = in ? 200 + rng.nextInt(40) : rng.nextInt(90);
          image.setRGB(x, y, v << 16 | (v / 2) << 8 | rng.nextInt(60));
          mask.getRaster().setSample(x, y, 0, in ? 1 : 0);
        }
      }
      javax.imageio.ImageIO.write(image, "png", img.resolve("s" + i + ".png").toFile());
      javax.imageio.ImageIO.write(mask, "png", msk.resolve("s" + i + ".png").toFile());
    }
    assertEquals(0, Cli.run(ModeRuns.args(tmp, "create", "mode.importer=segmentation", "mode.images=" + img, "mode.masks=" + msk,
        "mode.classes=[background,square]", "mode.task=squares")));
    assertEquals(0, Cli.run(ModeRuns.args(tmp, "train", "task_list=[squares]", "trainer.max_epochs=5")));
    JsonNode s = JSON.readTree(ModeRuns.files(tmp.resolve("results/default/MODELS/squares"), ".json").get(0).toFile());
    // Logits come back to 32x32 (nearest upsampling of the backbone's 4x4 maps) and match the masks.
    assertTrue(s.get("epochs").get(4).get("dice").asDouble() > 0.6, s.get("epochs").toString());
    assertTrue(s.get("onnx_parity").get("max_abs_diff").asDouble() < 1e-4, s.get("onnx_parity").toString());
    Path index = tmp.resolve("results").resolve(s.get("predictions").get("val").asText());
    List<String> rows = Files.readAllLines(index);
    assertTrue(rows.size() > 5, rows.toString());
    Path firstMask = index.getParent().resolve(rows.get(1).split(",")[2]);
    var predicted = javax.imageio.ImageIO.read(firstMask.toFile());
    assertEquals(32, predicted.getWidth());
  }

  @Test
  void transferLearningStartsFromThePretrainedBackbone() throws Exception {
    assertEquals(0, Cli.run(ModeRuns.args(tmp, "train", "tasks=demo", "task_list=[demo_shapes]", "trainer.max_epochs=10",
        "mode.subroutines=[train]")));
    // A frozen backbone and a single epoch: only pretrained features can reach a high accuracy.
    assertEquals(0, Cli.run(ModeRuns.args(tmp, "tl", "tasks=demo", "task_list=[demo_shapes]", "mode.pretrain_task=demo_shapes",
        "reuse=current", "mode.freeze=true", "trainer.max_epochs=1", "mode.subroutines=[train,test]")));
    List<Path> storages = ModeRuns.files(tmp.resolve("results/default/MODELS/demo_shapes"), ".json");
    assertEquals(2, storages.size());
    JsonNode tl = JSON.readTree(storages.get(1).toFile());
    assertTrue(tl.get("test").get("accuracy").asDouble() >= 0.9, tl.get("test").toString());
    assertEquals(2, Cli.run(ModeRuns.args(tmp, "tl", "tasks=demo", "task_list=[demo_shapes]", "reuse=current")),
        "tl without mode.pretrain_task");
  }

  /**
   * Killed at a fixed point, not after a guessed sleep: {@code -Dmml.test.halt_after_epoch=2} ends
   * the child JVM as SIGKILL does (Runtime.halt, exit 137) right after epoch 2's checkpoint.
   */
  @Test
  void aKilledTrainingResumesFromItsLastCheckpoint() throws Exception {
    List<String> jvm = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"), "io.mml.runtime.cli.Cli");
    List<String> cmd = new ArrayList<>(jvm);
    cmd.add(1, "-Dmml.test.halt_after_epoch=2");
    cmd.addAll(List.of(ModeRuns.args(tmp, "train", "tasks=demo", "task_list=[demo_shapes]", "trainer.max_epochs=8", "trainer.checkpoint_minutes=0",
        "sampling.batch_size=8", "mode.subroutines=[train,test]")));
    Path log1 = tmp.resolve("first.log");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log1.toFile()).start();
    assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the kill point was never reached");
    assertEquals(137, p.exitValue(), Files.readString(log1));
    List<Path> states = ModeRuns.files(tmp.resolve("results/default/runs"), "state.json");
    assertEquals(1, states.size(), "one checkpoint state: " + Files.readString(log1));
    Path state = states.get(0);
    int savedEpoch = JSON.readTree(state.toFile()).get("epoch").asInt();
    assertEquals(2, savedEpoch, "halted right after epoch 2's checkpoint");

    List<String> cont = new ArrayList<>(jvm);
    cont.addAll(List.of(ModeRuns.args(tmp, "train", "tasks=demo", "task_list=[demo_shapes]", "continue=latest")));
    Path log2 = tmp.resolve("second.log");
    Process c = new ProcessBuilder(cont).redirectErrorStream(true).redirectOutput(log2.toFile()).start();
    assertTrue(c.waitFor(5, TimeUnit.MINUTES));
    String out = Files.readString(log2);
    assertEquals(0, c.exitValue(), out);
    assertTrue(out.contains("resuming from the checkpoint at epoch " + (savedEpoch + 1)), out);
    JsonNode storage = JSON.readTree(ModeRuns.files(tmp.resolve("results/default/MODELS"), ".json").get(0).toFile());
    assertEquals(8, storage.get("epochs").size(), "all epochs recorded across the interruption");
    assertNotEquals(-1, storage.get("resumed_at_epoch").asInt());
    // The resumed training really continued from the checkpoint's weights (not from a fresh init
    // hidden behind the optimizer): the stored best model is good on held-out data.
    assertTrue(storage.get("test").get("accuracy").asDouble() >= 0.85, storage.get("test").toString());
  }
}
