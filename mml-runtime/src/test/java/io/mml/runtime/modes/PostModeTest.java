package io.mml.runtime.modes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mml.runtime.cli.Cli;
import io.mml.runtime.errors.ExitCode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The post mode end to end: tiny models trained on demo data, then calibrated and ensembled. */
class PostModeTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path tmp;

  @Test
  void calibratesAndEnsemblesTheModelsOfATrainedProjectAndContinues() throws Exception {
    assertEquals(0, Cli.run(ModeRuns.args(tmp, "train", "task_list=[demo_shapes]", "trainer.max_epochs=1",
        "mode.cv=true")));
    Path results = tmp.resolve("results");
    Path project = results.resolve("default");
    List<Path> storages = ModeRuns.files(project.resolve("MODELS/demo_shapes"), ".json");
    assertEquals(5, storages.size());
    Map<Path, byte[]> originals = new LinkedHashMap<>();
    for (Path p : ModeRuns.files(project.resolve("PREDICTIONS/demo_shapes"), ".csv")) {
      originals.put(p, Files.readAllBytes(p));
    }

    assertEquals(0, Cli.run(ModeRuns.args(tmp, "post", "pivot.name=demo_shapes", "reuse=current", "mode.budget=20")));

    // Calibration: one entry per model, calibrated test predictions next to (never over) the originals.
    Path calibration = project.resolve("CALIBRATION/demo_shapes/calibration_0000.json");
    JsonNode cal = JSON.readTree(calibration.toFile());
    assertEquals("temperature", cal.get("method").asText());
    assertEquals(5, cal.get("models").size());
    for (JsonNode m : cal.get("models")) {
      assertTrue(m.get("parameters").get("temperature").asDouble() > 0, m.toString());
      List<String> original = Files.readAllLines(results.resolve(m.get("original").get("test").asText()));
      List<String> calibrated = Files.readAllLines(results.resolve(m.get("calibrated").get("test").asText()));
      assertEquals(original.size(), calibrated.size());
      assertEquals(original.get(0), calibrated.get(0), "the same CSV format");
      for (int i = 1; i < original.size(); i++) {
        String[] o = original.get(i).split(",");
        String[] c = calibrated.get(i).split(",");
        assertEquals(List.of(o[0], o[1], o[2], o[3]), List.of(c[0], c[1], c[2], c[3]),
            "same sample, target and arg-max (temperature scaling keeps it)");
      }
      JsonNode test = m.get("metrics").get("test");
      assertTrue(test.get("after").get("nll").asDouble() <= test.get("before").get("nll").asDouble() + 0.05,
          "calibration fitted on val does not hurt test NLL much: " + test);
      assertPng(results.resolve(m.get("reliability").asText()));
    }
    originals.forEach((p, bytes) -> assertArrayEquals(bytes, read(p), "original predictions untouched: " + p));
    List<String> report = Files.readAllLines(results.resolve(cal.get("report").asText()));
    assertEquals("model,fold,method,split,samples,nll_before,nll_after,ece_before,ece_after,brier_before,brier_after,"
        + "accuracy_before,accuracy_after", report.get(0));
    assertEquals(1 + 5 * 2, report.size(), "a val and a test row per model");

    // Ensemble: weights of the chosen members sum to 1; held-out metrics of the task type; predictions of every test sample.
    JsonNode ens = JSON.readTree(project.resolve("ENSEMBLES/demo_shapes/ensemble_0000.json").toFile());
    assertTrue(ens.get("calibrated").asBoolean());
    double sum = 0;
    for (JsonNode member : ens.get("members")) {
      sum += member.get("weight").asDouble();
    }
    assertEquals(1, sum, 1e-9);
    assertEquals(5, ens.get("library").size());
    assertEquals(42, ens.get("search").get("seed").asLong());
    assertEquals(90, ens.get("samples").get("selection").asInt() + ens.get("samples").get("held_out").asInt());
    JsonNode metrics = ens.get("metrics").get("ensemble");
    for (String name : List.of("log_loss", "accuracy", "macro_f1", "auroc", "ece")) {
      assertTrue(metrics.has(name), name + " in " + metrics);
    }
    assertTrue(ens.get("search").get("loss_after_weight_search").asDouble()
        <= ens.get("search").get("greedy_loss").asDouble());
    List<String> predictions = Files.readAllLines(results.resolve(ens.get("predictions").get("test").asText()));
    assertEquals(91, predictions.size());

    // Continue: a run killed after calibrate (its journal ends there) runs only the ensemble again, with the same result.
    Path run = ModeRuns.files(project.resolve("runs"), "journal.jsonl").get(1).getParent();
    List<String> journal = Files.readAllLines(run.resolve("journal.jsonl"));
    int calibrated = journal.indexOf(journal.stream().filter(l -> l.contains("\"calibrate[task=demo_shapes]\"")
        && l.contains("\"done\"")).findFirst().orElseThrow());
    Files.write(run.resolve("journal.jsonl"), journal.subList(0, calibrated + 1));
    Files.deleteIfExists(run.resolve("return_value.json"));
    assertEquals(0, Cli.run(ModeRuns.args(tmp, "post", "continue=latest")));
    assertEquals(1, ModeRuns.files(project.resolve("CALIBRATION/demo_shapes"), ".json").size(), "calibrate skipped");
    List<Path> ensembles = ModeRuns.files(project.resolve("ENSEMBLES/demo_shapes"), ".json");
    assertEquals(1, ensembles.size(), "the unfinished step's files are discarded: " + ensembles);
    JsonNode again = JSON.readTree(ensembles.get(0).toFile());
    assertEquals(ens.get("members"), again.get("members"));
    assertEquals(ens.get("metrics"), again.get("metrics"));

    // Affine calibration, then an ensemble of uncalibrated models: new numbered files, nothing overwritten.
    assertEquals(0, Cli.run(ModeRuns.args(tmp, "post", "pivot.name=demo_shapes", "reuse=current", "mode.method=affine",
        "mode.subroutines=[calibrate]")));
    JsonNode affine = JSON.readTree(project.resolve("CALIBRATION/demo_shapes/calibration_0001.json").toFile());
    assertEquals(3, affine.get("models").get(0).get("parameters").get("scale").size());
    assertEquals(0, Cli.run(ModeRuns.args(tmp, "post", "pivot.name=demo_shapes", "reuse=current",
        "mode.subroutines=[ensemble]")));
    assertFalse(JSON.readTree(project.resolve("ENSEMBLES/demo_shapes/ensemble_0001.json").toFile()).get("calibrated")
        .asBoolean());
    originals.forEach((p, bytes) -> assertArrayEquals(bytes, read(p), "original predictions untouched: " + p));
  }

  @Test
  void aPivotThatIsNotClassificationIsAClearErrorBeforeAnythingIsWritten() throws Exception {
    Path images = Files.createDirectories(tmp.resolve("ages"));
    StringBuilder csv = new StringBuilder("path,label\n");
    for (int i = 0; i < 10; i++) {
      java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(8, 8, java.awt.image.BufferedImage.TYPE_INT_RGB);
      img.setRGB(i % 8, i % 8, 0xffffff);
      ImageIO.write(img, "png", images.resolve("a" + i + ".png").toFile());
      csv.append("a").append(i).append(".png,").append(20 + i).append('\n');
    }
    Files.writeString(images.resolve("labels.csv"), csv);
    assertEquals(0, Cli.run(ModeRuns.args(tmp, "create", "mode.importer=csv", "mode.source=" + images.resolve("labels.csv"),
        "mode.task=ages", "mode.type=regression", "mode.folds=2")));
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream saved = System.err;
    int code;
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      code = Cli.run(ModeRuns.args(tmp, "post", "pivot.name=ages", "reuse=current", "proj=ages"));
    } finally {
      System.setErr(saved);
    }
    String message = err.toString(StandardCharsets.UTF_8);
    assertEquals(ExitCode.CONFIG, code, message);
    assertTrue(message.contains("[MML-CONFIG]") && message.contains("ages is a regression task")
        && message.contains("pivot.name=<task>"), message);
    assertFalse(Files.exists(tmp.resolve("results/ages/runs")), "no run folder for a refused run");
  }

  private static byte[] read(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Checks that a file is a PNG that decodes to a diagram-sized image. */
  private static void assertPng(Path file) throws java.io.IOException {
    var img = ImageIO.read(file.toFile());
    assertTrue(img != null && img.getWidth() > 100 && img.getHeight() > 100, file.toString());
  }
}
