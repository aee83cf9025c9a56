package io.mml.runtime.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mml.runtime.files.FileManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a run folder as the engine and the train mode leave it (plan, journal, run.json, config.yaml,
 * task_dump.json, model storages, a TEST csv, created_paths.jsonl, a failure trace), without training:
 * for reports of any size and with any task names.
 */
public final class SyntheticRun {
  /** A task name that is also an attack on the page. */
  public static final String HOSTILE = "<script>alert(1)</script>&\"'";
  /** The hostile name as the report's one escaping function writes it. */
  public static final String HOSTILE_ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;&amp;&quot;&#39;";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant T0 = Instant.parse("2026-01-02T10:00:00Z");

  private SyntheticRun() {}

  /**
   * Writes the run {@code 2026-01-02/10-00-00-000} of project {@code proj} under {@code results}.
   *
   * @param tasks the task names
   * @param foldsPerTask train steps per task (one per fold)
   * @param failLast whether the last train step failed (then there is no finish)
   * @return the run's file manager
   */
  public static FileManager write(Path results, String proj, List<String> tasks, int foldsPerTask, boolean failLast)
      throws IOException {
    Path run = Files.createDirectories(results.resolve(proj).resolve("runs/2026-01-02/10-00-00-000"));
    List<String> steps = new ArrayList<>(List.of("prepare"));
    for (String t : tasks) {
      for (int k = 0; k < foldsPerTask; k++) {
        steps.add("train[task=" + t + ",fold=" + k + "]");
      }
    }
    steps.add("finish");
    ObjectNode plan = JSON.createObjectNode().put("mode", "train");
    ArrayNode ids = plan.putArray("steps");
    steps.forEach(ids::add);
    Files.writeString(run.resolve("plan.json"), plan.toString());
    StringBuilder journal = new StringBuilder();
    double t = 0;
    for (int i = 0; i < steps.size(); i++) {
      boolean last = i == steps.size() - 2;
      if (failLast && i == steps.size() - 1) {
        break;
      }
      journal.append(line(steps.get(i), "started", t, null, null));
      t += 0.01;
      journal.append(line(steps.get(i), failLast && last ? "failed" : "done", t, 0.01,
          failLast && last ? "java.io.IOException: broken " + HOSTILE : null));
    }
    Files.writeString(run.resolve("journal.jsonl"), journal);
    ObjectNode runJson = JSON.createObjectNode().put("run_id", "2026-01-02/10-00-00-000").put("mode", "train");
    runJson.putArray("overrides").add("task_list=[" + String.join(",", tasks) + "]");
    runJson.putObject("choices").put("arch", "cnn").put("mode", "train");
    Files.writeString(run.resolve("run.json"), runJson.toString());
    Files.writeString(run.resolve("config.yaml"), "proj: " + proj + "\nnote: '<img src=x onerror=alert(2)>'\n");
    ObjectNode dump = JSON.createObjectNode();
    StringBuilder created = new StringBuilder();
    StringBuilder test = new StringBuilder("task,fold,model,accuracy,macro_f1\n");
    for (int i = 0; i < tasks.size(); i++) {
      String task = tasks.get(i);
      String safe = task.replaceAll("[^A-Za-z0-9_.-]", "_");
      String storage = proj + "/MODELS/" + safe + "/model_storage_fold0_0000.json";
      writeStorage(results.resolve(storage), task, 0.5 + 0.4 * i / Math.max(1, tasks.size()));
      dump.putObject(task).putObject("paths").put("model_fold_0", storage);
      created.append(JSON.createObjectNode().put("key", "models").put("task", task).put("step",
          "train[task=" + task + ",fold=0]").put("path", storage)).append('\n');
      test.append(csv(task)).append(",0,").append(storage).append(String.format(java.util.Locale.ROOT,
          ",%.6f,%.6f%n", 0.5 + 0.4 * i / Math.max(1, tasks.size()), 0.45));
    }
    Files.writeString(run.resolve("task_dump.json"), dump.toString());
    String testCsv = proj + "/TEST/test_all_0000.csv";
    Files.createDirectories(results.resolve(testCsv).getParent());
    Files.writeString(results.resolve(testCsv), test, StandardCharsets.UTF_8);
    created.append(JSON.createObjectNode().put("key", "test_metrics").put("path", testCsv)).append('\n');
    Files.writeString(run.resolve("created_paths.jsonl"), created);
    if (failLast) {
      String failed = steps.get(steps.size() - 2);
      Path trace = new io.mml.runtime.run.RunFolder(run).failureFile(failed);
      Files.createDirectories(trace.getParent());
      Files.writeString(trace, "step: " + failed + "\njava.io.IOException: broken " + HOSTILE + "\n\tat x.y(Z.java:1)\n");
    }
    return FileManager.builder(results.resolve("data"), results, proj, run).build();
  }

  private static void writeStorage(Path file, String task, double accuracy) throws IOException {
    ObjectNode s = JSON.createObjectNode().put("task", task).put("fold", 0).put("task_type", "classification")
        .put("monitor", "val_loss").put("performance", 0.3).put("best_epoch", 2).put("training_time", 1.5);
    s.putObject("pipeline").putObject("arch").put("id", "cnn");
    ArrayNode epochs = s.putArray("epochs");
    for (int e = 0; e < 4; e++) {
      epochs.addObject().put("epoch", e).put("lr", 0.001).put("train_loss", 1.0 / (e + 1)).put("val_loss", 1.2 / (e + 1))
          .put("accuracy", 0.4 + 0.1 * e).put("seconds", 0.2);
    }
    s.putObject("test").put("accuracy", accuracy).put("samples", 10);
    s.putObject("predictions");
    Files.createDirectories(file.getParent());
    Files.writeString(file, s.toString());
  }

  private static String line(String step, String status, double at, Double seconds, String error) {
    ObjectNode n = JSON.createObjectNode().put("step", step).put("status", status)
        .put("at", T0.plusMillis(Math.round(at * 1000)).toString());
    if (seconds != null) {
      n.put("seconds", seconds);
    }
    if (error != null) {
      n.put("error", error);
    }
    return n + "\n";
  }

  private static String csv(String field) {
    return field.contains(",") || field.contains("\"") ? "\"" + field.replace("\"", "\"\"") + "\"" : field;
  }
}
