package io.mml.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The second sample mode, written only with the author toolkit, end to end through the generated
 * main: it trains through the framework's trainer, saves models that the built-in modes read,
 * reloads them, embeds samples as the composed sampling config says and aggregates a comparison.
 */
class CompareEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path tmp;

  @Test
  void fitsComparesAndLeavesModelsTheBuiltInModesUse() throws Exception {
    MmlProcess mml = new MmlProcess(tmp);
    MmlProcess.Result r = mml.run("compare", "compare", "tasks=demo", "trainer.max_epochs=2",
        "sampling.sample_num=48", "sampling.batch_size=16");
    assertEquals(0, r.exit(), r.all());

    List<String> csv = Files.readAllLines(only(mml.project().resolve("COMPARE"), ".csv"), StandardCharsets.UTF_8);
    assertEquals("rank,task,monitor,best_value,best_epoch,epochs,feature_dim,feature_spread", csv.get(0));
    assertEquals(1 + BuzzEndToEndTest.DEMO.size(), csv.size(), String.join("\n", csv));
    double previous = Double.NEGATIVE_INFINITY;
    for (int i = 1; i < csv.size(); i++) {
      String[] row = csv.get(i).split(",");
      assertEquals(Integer.toString(i), row[0]);
      assertEquals("val_loss", row[2]);
      double v = Double.parseDouble(row[3]);
      assertTrue(v >= previous, "ranked by validation loss, lowest first: " + csv);
      previous = v;
      assertEquals("2", row[5], "trainer.max_epochs reaches the toolkit's trainer");
      assertEquals("256", row[6], "arch=mlp (the mode's default) with hidden [256]");
      assertTrue(Double.parseDouble(row[7]) > 0, "trained embeddings differ between samples: " + csv.get(i));
    }
    for (String task : BuzzEndToEndTest.DEMO) {
      JsonNode summary = JSON.readTree(only(mml.project().resolve("COMPARE").resolve(task), ".json").toFile());
      assertEquals(48, summary.get("feature_samples").asInt(), "sampling.sample_num shapes the data module");
      Path storage = mml.results.resolve(summary.get("model_storage").asText());
      JsonNode model = JSON.readTree(storage.toFile());
      assertEquals("mlp", model.get("pipeline").get("arch").get("type").asText());
      assertTrue(model.get("onnx_parity").get("max_abs_diff").asDouble() < 1e-4, model.toString());
    }
    // The saved models are the train mode's: predict and test reuse them unchanged.
    MmlProcess.Result test = mml.run("test", "test", "tasks=demo", "reuse=current");
    assertEquals(0, test.exit(), test.all());
  }

  private static Path only(Path dir, String suffix) throws Exception {
    List<Path> files = MmlProcess.filesUnder(dir).stream().filter(p -> p.toString().endsWith(suffix)).toList();
    assertEquals(1, files.size(), dir + ": " + files);
    return files.get(0);
  }
}
