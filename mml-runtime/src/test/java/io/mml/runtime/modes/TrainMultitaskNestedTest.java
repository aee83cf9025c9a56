package io.mml.runtime.modes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mml.runtime.cli.Cli;
import io.mml.runtime.onnx.OnnxParity;
import io.mml.runtime.run.RunFolder;
import io.mml.runtime.tasks.TaskDescription;
import io.mml.runtime.tasks.TaskDescriptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The train mode's multitask and nested options end to end on the demo tasks. */
class TrainMultitaskNestedTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path tmp;



  static JsonNode onlyStorage(Path results, String task) throws Exception {
    List<Path> storages = ModeRuns.files(results.resolve("MODELS").resolve(task), ".json");
    assertEquals(1, storages.size(), "one model storage of " + task + ": " + storages);
    return JSON.readTree(storages.get(0).toFile());
  }

  static Path resolve(Path results, String rel) {
    return results.resolve(rel.substring("default/".length()));
  }

  static List<String> planSteps(Path results) throws Exception {
    List<Path> plans = ModeRuns.files(results.resolve("runs"), RunFolder.PLAN);
    assertEquals(1, plans.size());
    List<String> ids = new ArrayList<>();
    JSON.readTree(plans.get(0).toFile()).path("steps").forEach(s -> ids.add(s.isTextual() ? s.asText()
        : s.path("id").asText()));
    return ids;
  }

  @Test
  void multitaskTrainsOneTwoHeadModelPerFoldAndEachTaskIsPredictedAndTestedThroughItsOwnOutput() throws Exception {
    assertEquals(0, Cli.run(ModeRuns.args(tmp, "train", "tasks=demo", "task_list=[demo_shapes,demo_stripes]",
        "mode.multitask=true", "mode.task_weights=[2,1]", "trainer.max_epochs=3")));
    Path results = tmp.resolve("results/default");
    JsonNode shapes = onlyStorage(results, "demo_shapes");
    JsonNode stripes = onlyStorage(results, "demo_stripes");

    // One model: the same parameters and ONNX file, one output per task.
    assertEquals(shapes.get("onnx").asText(), stripes.get("onnx").asText());
    assertEquals(shapes.get("parameters").asText(), stripes.get("parameters").asText());
    assertEquals(1, ModeRuns.files(results.resolve("ONNX"), ".onnx").size());
    assertEquals(1, ModeRuns.files(results.resolve("PARAMETERS"), ".params").size());
    assertEquals("logits_demo_shapes", shapes.get("onnx_output").asText());
    assertEquals("logits_demo_stripes", stripes.get("onnx_output").asText());
    byte[] onnx = Files.readAllBytes(resolve(results, shapes.get("onnx").asText()));
    try (OrtSession session = OnnxParity.cpuSession(onnx, 1)) {
      assertEquals(Set.of("logits_demo_shapes", "logits_demo_stripes"), session.getOutputNames());
      assertEquals(3L, shapeOf(session, "logits_demo_shapes"));
      assertEquals(2L, shapeOf(session, "logits_demo_stripes"));
    }
    for (JsonNode s : List.of(shapes, stripes)) {
      JsonNode parity = s.get("onnx_parity");
      assertEquals(2, parity.get("model_outputs").asInt());
      assertEquals(s.get("onnx_output").asText(), parity.get("output").asText());
      assertTrue(parity.get("max_abs_diff").asDouble() < 1e-4, parity.toString());
      assertEquals(1.0, parity.get("argmax_agreement").asDouble());
      // Weighted loss: weights normalised from [2, 1]; monitored value = weighted mean of the val losses.
      assertEquals(2.0 / 3, s.get("multitask").get("weights").get(0).asDouble(), 1e-6);
      assertEquals(1.0 / 3, s.get("multitask").get("weights").get(1).asDouble(), 1e-6);
      assertEquals("demo_shapes", s.get("multitask").get("trained_by").asText());
      assertEquals(3, s.get("epochs").size());
      assertEquals(shapes.get("performance").asDouble(), s.get("performance").asDouble());
    }
    for (int e = 0; e < 3; e++) {
      JsonNode a = shapes.get("epochs").get(e);
      JsonNode b = stripes.get("epochs").get(e);
      assertEquals(a.get("joint_val_loss").asDouble(), (2 * a.get("val_loss").asDouble() + b.get("val_loss")
          .asDouble()) / 3, 1e-6, "joint validation loss is the weighted mean");
      assertTrue(a.has("accuracy") && b.has("accuracy"), "per-task metrics, prefix stripped: " + a);
    }
    int best = shapes.get("best_epoch").asInt();
    assertEquals(shapes.get("epochs").get(best).get("joint_val_loss").asDouble(),
        shapes.get("performance").asDouble(), 1e-9);
    // The per-epoch CSV of the joint model has the prefixed per-task columns.
    String header = Files.readAllLines(resolve(results, shapes.get("metrics_csv").asText())).get(0);
    assertTrue(header.contains("demo_shapes/val_loss") && header.contains("demo_stripes/accuracy"), header);

    // Test and predict per task through its own output.
    assertEquals(90, shapes.get("test").get("samples").asInt());
    assertEquals(40, stripes.get("test").get("samples").asInt());
    assertTrue(stripes.get("test").get("accuracy").asDouble() >= 0.5, stripes.get("test").toString());
    List<String> csv = Files.readAllLines(resolve(results, stripes.get("predictions").get("test").asText()),
        StandardCharsets.UTF_8);
    assertEquals("split,sample_id,target,prediction,score_0,score_1", csv.get(0));
    assertEquals(41, csv.size());
    assertTrue(ModeRuns.files(results.resolve("TEST"), ".csv").stream()
        .anyMatch(f -> f.getFileName().toString().startsWith("test_demo_stripes")), "test report of demo_stripes");

    // The plan keeps a per-task, per-fold train step for both tasks.
    List<String> steps = planSteps(results);
    assertTrue(steps.stream().anyMatch(s -> s.startsWith("train") && s.contains("demo_stripes")), steps.toString());
    assertTrue(steps.stream().anyMatch(s -> s.startsWith("train") && s.contains("demo_shapes")), steps.toString());
  }

  private static long shapeOf(OrtSession session, String output) throws Exception {
    var info = (ai.onnxruntime.TensorInfo) session.getOutputInfo().get(output).getInfo();
    return info.getShape()[1];
  }

  @Test
  void multitaskRejectsAWrongNumberOfWeightsAndASingleTask() throws Exception {
    assertNotEquals(0, Cli.run(ModeRuns.args(tmp, "train", "tasks=demo", "task_list=[demo_shapes,demo_stripes]",
        "mode.multitask=true", "mode.task_weights=[1,2,3]")));
    assertNotEquals(0, Cli.run(ModeRuns.args(tmp, "train", "tasks=demo", "task_list=[demo_shapes]", "mode.multitask=true")));
    assertNotEquals(0, Cli.run(ModeRuns.args(tmp, "train", "tasks=demo", "task_list=[demo_shapes]", "mode.task_weights=[1]")));
    assertTrue(ModeRuns.files(tmp.resolve("results/default/MODELS"), ".json").isEmpty());
  }

  @Test
  void multitaskGroupsAreTheTaskListOrItsOuterFolds() {
    List<String> flat = List.of("a", "b");
    assertEquals(List.of("a", "b"), TrainingScheduler.multitaskGroup(flat, "b", false));
    List<String> nested = List.of("a+nested?0", "a+nested?1", "b+nested?0", "b+nested?1");
    assertEquals(List.of("a+nested?1", "b+nested?1"), TrainingScheduler.multitaskGroup(nested, "b+nested?1", true));
    assertEquals(List.of("a+nested?0", "b+nested?0"), TrainingScheduler.multitaskGroup(nested, "a+nested?0", true));
  }

  @Test
  void nestedTrainsAndTestsEveryOuterFoldOnItsNestedTask() throws Exception {
    assertEquals(0, Cli.run(ModeRuns.args(tmp, "train", "tasks=demo", "task_list=[demo_stripes]", "mode.nested=true",
        "trainer.max_epochs=2", "mode.subroutines=[train,test]")));
    Path results = tmp.resolve("results/default");
    List<String> steps = planSteps(results);
    for (int k = 0; k < 5; k++) {
      String task = "demo_stripes+nested?" + k;
      assertTrue(steps.contains("train[task=" + task + ",fold=0]"), steps.toString());
      assertTrue(steps.contains("test[task=" + task + "]"), steps.toString());
    }
    assertTrue(steps.stream().noneMatch(s -> s.contains("task=demo_stripes]") || s.contains("task=demo_stripes,")),
        "the un-nested task is replaced: " + steps);
    TaskDescription base = TaskDescriptions.read(tmp.resolve("data/RAW/DSET_demo/TASK_demo_stripes.json"));
    for (int k = 0; k < 5; k++) {
      String task = "demo_stripes+nested?" + k;
      JsonNode s = onlyStorage(results, task);
      assertEquals(task, s.get("task").asText());
      assertEquals("logits_demo_stripes_nested_" + k, s.get("onnx_output").asText());
      // Tested on the outer fold k: the nested task's test set is exactly fold k of the base task.
      TaskDescription d = TaskDescriptions.read(tmp.resolve("data/RAW/DSET_demo/TASK_" + task + ".json"));
      assertEquals(new HashSet<>(base.trainFolds().get(k)), d.testSamples().keySet());
      assertEquals(base.trainFolds().get(k).size(), s.get("test").get("samples").asInt());
      assertEquals(2, s.get("epochs").size());
    }
  }

  @Test
  void aKilledMultitaskTrainingResumesFromItsLastCheckpoint() throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"), "io.mml.runtime.cli.Cli"));
    cmd.addAll(List.of(ModeRuns.args(tmp, "train", "tasks=demo", "task_list=[demo_shapes,demo_stripes]", "mode.multitask=true",
        "trainer.max_epochs=6", "trainer.checkpoint_minutes=0", "sampling.batch_size=8", "mode.subroutines=[train,test]")));
    Path log1 = tmp.resolve("first.log");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log1.toFile()).start();
    Path runs = tmp.resolve("results/default/runs");
    Path state = null;
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (System.nanoTime() < deadline && p.isAlive()) {
      List<Path> states = ModeRuns.files(runs, "state.json");
      if (!states.isEmpty() && JSON.readTree(states.get(0).toFile()).get("epoch").asInt() >= 2) {
        state = states.get(0);
        break;
      }
      Thread.sleep(20);
    }
    assertTrue(state != null, "no checkpoint after 2 epochs: " + Files.readString(log1));
    p.destroyForcibly();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    int savedEpoch = JSON.readTree(state.toFile()).get("epoch").asInt();
    assertTrue(savedEpoch < 6, "killed before the end");

    List<String> cont = new ArrayList<>(cmd.subList(0, 5));
    cont.addAll(List.of(ModeRuns.args(tmp, "train", "tasks=demo", "task_list=[demo_shapes,demo_stripes]", "continue=latest")));
    Path log2 = tmp.resolve("second.log");
    Process c = new ProcessBuilder(cont).redirectErrorStream(true).redirectOutput(log2.toFile()).start();
    assertTrue(c.waitFor(5, TimeUnit.MINUTES));
    String out = Files.readString(log2);
    assertEquals(0, c.exitValue(), out);
    assertTrue(out.contains("resuming from the checkpoint at epoch " + (savedEpoch + 1)), out);
    Path results = tmp.resolve("results/default");
    for (String task : List.of("demo_shapes", "demo_stripes")) {
      JsonNode s = onlyStorage(results, task);
      assertEquals(6, s.get("epochs").size(), "all epochs recorded across the interruption");
      assertEquals(savedEpoch, s.get("resumed_at_epoch").asInt());
      assertTrue(s.get("test").has("accuracy"), s.toString());
    }
  }
}
