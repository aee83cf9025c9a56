package io.mml.runtime.modes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9.6: a training killed right after epoch 3 of 6 (a kill point, not a sleep) and continued
 * trains epochs 4 to 6 exactly as an uninterrupted run: parameters, Adam's moments and step counts,
 * the schedule and the random streams all come back.
 */
class ExactResumeTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Process start(Path tmp, String haltAfter, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dai.djl.offline=true"));
    if (haltAfter != null) {
      cmd.add("-Dmml.test.halt_after_epoch=" + haltAfter);
    }
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.mml.runtime.cli.Cli"));
    cmd.addAll(List.of(ModeRuns.args(tmp, args)));
    Path log = Files.createTempFile(tmp, "run", ".log");
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  private static JsonNode epochs(Path tmp) throws Exception {
    Path storage = ModeRuns.files(tmp.resolve("results/default/MODELS"), ".json").get(0);
    return JSON.readTree(storage.toFile()).get("epochs");
  }

  @Test
  void epochsAfterTheKillEqualAnUninterruptedRun(@TempDir Path tmp) throws Exception {
    String[] train = {"train", "tasks=demo", "task_list=[demo_shapes]", "arch=cnn", "arch.channels=[8,16]",
        "arch.dropout=0.2", "lr_scheduler=cosine", "trainer.max_epochs=6", "trainer.checkpoint_minutes=0",
        "sampling.batch_size=16", "mode.subroutines=[train]"};
    Path a = Files.createDirectories(tmp.resolve("whole"));
    Path b = Files.createDirectories(tmp.resolve("killed"));
    Process whole = start(a, null, train);
    assertTrue(whole.waitFor(5, TimeUnit.MINUTES));
    assertEquals(0, whole.exitValue());

    Process killed = start(b, "3", train);
    assertTrue(killed.waitFor(5, TimeUnit.MINUTES));
    assertEquals(137, killed.exitValue(), "halted after epoch 3");
    List<Path> states = ModeRuns.files(b.resolve("results/default/runs"), "state.json");
    assertEquals(3, JSON.readTree(states.get(0).toFile()).get("epoch").asInt());
    Process cont = start(b, null, "train", "tasks=demo", "task_list=[demo_shapes]", "continue=latest");
    assertTrue(cont.waitFor(5, TimeUnit.MINUTES));
    assertEquals(0, cont.exitValue());

    JsonNode x = epochs(a);
    JsonNode y = epochs(b);
    assertEquals(6, x.size());
    assertEquals(6, y.size());
    for (int e = 0; e < 6; e++) {
      for (String k : List.of("train_loss", "val_loss", "lr")) {
        assertEquals(x.get(e).get(k).asDouble(), y.get(e).get(k).asDouble(), 1e-5, "epoch " + (e + 1) + " " + k);
      }
    }
  }
}
