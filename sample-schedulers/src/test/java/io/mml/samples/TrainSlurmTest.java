package io.mml.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short training (train, predict, test) through a real Slurm cluster without GPUs
 * (.ci/slurm/start.sh). Skipped, not failed, where no Slurm is installed or it does not answer.
 * train and predict ask for a GPU and more CPUs than the test node has: the runs override that with
 * {@code executor.resources.all.*}.
 */
class TrainSlurmTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final List<String> TASKS = List.of("demo_shapes", "demo_stripes");
  static final String[] TRAIN = {"train", "tasks=demo", "task_list=[demo_shapes,demo_stripes]",
      "trainer.max_epochs=2", "executor=slurm", "executor.wait=true", "executor.poll_seconds=0.5"};
  /** What fits the single 2-CPU node without GPUs. */
  static final String[] FITS = {"executor.resources.all.gpus=0", "executor.resources.all.cpus=1",
      "executor.resources.all.memory=2G"};

  @TempDir
  Path tmp;

  @BeforeAll
  static void slurmIsThere() {
    BuzzSlurmTest.slurmIsThere();
  }

  static String[] args(String[] a, String... b) {
    List<String> all = new ArrayList<>(List.of(a));
    all.addAll(List.of(b));
    return all.toArray(String[]::new);
  }

  @Test
  void trainPredictAndTestRunAsJobsWithTrainAsAnArray() throws Exception {
    MmlProcess mml = new MmlProcess(tmp);
    Process p = mml.start("train", args(TRAIN, FITS));
    boolean sawTrainArray = false;
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    while (p.isAlive() && System.nanoTime() < deadline && !sawTrainArray) {
      for (String line : BuzzSlurmTest.squeue()) {
        String[] f = line.split("\\|");
        sawTrainArray |= f.length >= 2 && f[1].equals("mml.train.train") && f[0].matches("\\d+_[01]");
      }
      Thread.sleep(200);
    }
    assertTrue(p.waitFor(8, TimeUnit.MINUTES), "the slurm training did not end");
    MmlProcess.Result r = mml.result("train", p.exitValue());
    assertEquals(0, r.exit(), r.all());
    assertTrue(sawTrainArray, "squeue showed the array tasks of train");
    Path run = mml.runDirs().get(0);
    List<JsonNode> subs = new ArrayList<>();
    for (String l : Files.readAllLines(run.resolve("slurm/submissions.jsonl"))) {
      subs.add(JSON.readTree(l));
    }
    assertEquals(List.of("train", "predict", "test", "finish"), subs.stream().map(s -> s.get("subroutine").asText())
        .toList());
    String trainArgv = subs.get(0).get("argv").toString();
    assertTrue(subs.get(0).get("array").asBoolean() && trainArgv.contains("--array=0-1"), trainArgv);
    assertTrue(trainArgv.contains("--cpus-per-task=1") && trainArgv.contains("--mem=2G"), trainArgv);
    assertTrue(!trainArgv.contains("--gres"), "gpus=0 asks for no GPU: " + trainArgv);
    assertTrue(subs.get(0).get("steps").toString().contains("train[task=demo_stripes,fold=0]"), subs.toString());
    for (String task : TASKS) {
      List<Path> storages = MmlProcess.filesUnder(mml.project().resolve("MODELS").resolve(task));
      assertEquals(1, storages.size(), task + ": " + storages);
      JsonNode storage = JSON.readTree(storages.get(0).toFile());
      assertTrue(storage.path("test").path("accuracy").isNumber(), task + " has test metrics: " + storage);
      assertTrue(storage.path("test").path("samples").asInt() > 0, storage.toString());
      List<Path> onnx = MmlProcess.filesUnder(mml.project().resolve("ONNX").resolve(task));
      assertEquals(1, onnx.size(), task + ": " + onnx);
      assertTrue(Files.size(onnx.get(0)) > 100);
      List<Path> predictions = MmlProcess.filesUnder(mml.project().resolve("PREDICTIONS").resolve(task));
      assertTrue(predictions.stream().anyMatch(x -> x.getFileName().toString().startsWith("predictions_test")),
          task + ": " + predictions);
      for (Path csv : predictions) {
        assertTrue(Files.readAllLines(csv).size() > 1, csv.toString());
      }
      assertEquals(1, MmlProcess.filesUnder(mml.project().resolve("TEST")).stream()
          .filter(x -> x.getFileName().toString().contains(task)).count(), task);
    }
    MmlProcess.Result st = mml.run("status", "status", "latest");
    assertTrue(st.stdout().contains("8 of 8 steps done"), st.stdout());
  }

  @Test
  void aGpuRequestOnAClusterWithoutGpusFailsAtOnceWithSbatchsError() throws Exception {
    MmlProcess mml = new MmlProcess(tmp);
    // "At once" is shown by what happened, not by a stopwatch: sbatch's refusal is the error and no
    // job was left queued (run() gives up after 5 minutes, so a hang still fails).
    MmlProcess.Result r = mml.run("gpu", TRAIN);
    assertNotEquals(0, r.exit(), r.all());
    assertTrue(r.stderr().contains("Invalid generic resource (gres) specification"), r.stderr());
    assertTrue(r.stderr().contains("executor.resources.all.gpus=0"), r.stderr());
    assertTrue(BuzzSlurmTest.squeue().stream().noneMatch(l -> l.contains("|mml.train.")), "nothing left queued");
  }

  @Test
  void aJobTooBigForTheNodeFailsTheWaitAndContinueWithoutExecutorSlurmFinishesIt() throws Exception {
    MmlProcess mml = new MmlProcess(tmp);
    // Without a GPU, train still asks for 4 CPUs: sbatch accepts it, Slurm would keep it pending forever.
    MmlProcess.Result r = mml.run("big", args(TRAIN, "executor.resources.all.gpus=0"));
    assertNotEquals(0, r.exit(), r.all());
    assertTrue(r.stderr().contains("can never start") && r.stderr().contains("PartitionConfig"), r.stderr());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline
        && BuzzSlurmTest.squeue().stream().anyMatch(l -> l.contains("|mml.train."))) {
      Thread.sleep(200);
    }
    assertTrue(BuzzSlurmTest.squeue().stream().noneMatch(l -> l.contains("|mml.train.")), "its jobs were cancelled");
    // The run keeps executor=slurm (and gpus=0); the executor.* keys of this command apply on top.
    MmlProcess.Result c = mml.run("continue", "train", "continue=latest", "executor.wait=true",
        "executor.poll_seconds=0.5", "executor.resources.all.cpus=1", "executor.resources.all.memory=2G");
    assertEquals(0, c.exit(), c.all());
    Path run = mml.runDirs().get(0);
    assertEquals(1, mml.runDirs().size());
    List<String> lines = Files.readAllLines(run.resolve("slurm/submissions.jsonl"));
    JsonNode resubmitted = JSON.readTree(lines.get(lines.size() - 4));
    assertEquals(2, resubmitted.get("round").asInt());
    assertTrue(resubmitted.get("argv").toString().contains("--cpus-per-task=1"), resubmitted.toString());
    assertTrue(!resubmitted.get("argv").toString().contains("--gres"), resubmitted.toString());
    for (String task : TASKS) {
      assertEquals(1, MmlProcess.filesUnder(mml.project().resolve("ONNX").resolve(task)).size(), task);
    }
    assertTrue(mml.run("status", "status", "latest").stdout().contains("8 of 8 steps done"));
  }

  /**
   * {@code hpo.parallel=2}: the two trials of a grid are submitted together and their training jobs
   * are in the queue at the same time; each trial waits for its own jobs, and the sweep records both.
   */
  @Test
  void aSweepRunsTwoTrialsAtOnceAsSlurmJobs() throws Exception {
    MmlProcess mml = new MmlProcess(tmp);
    Process p = mml.start("sweep", args(new String[] {"train", "-m", "optimizer.lr=0.01,0.001", "hpo.parallel=2",
        "tasks=demo", "task_list=[demo_stripes]", "arch=mlp", "arch.hidden=[8]", "trainer.max_epochs=1",
        "mode.subroutines=[train]", "executor=slurm", "executor.poll_seconds=0.5"}, FITS));
    int mostTrainJobs = 0;
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    while (p.isAlive() && System.nanoTime() < deadline && mostTrainJobs < 2) {
      mostTrainJobs = Math.max(mostTrainJobs, (int) BuzzSlurmTest.squeue().stream()
          .filter(l -> l.split("\\|").length >= 2 && l.split("\\|")[1].equals("mml.train.train")).count());
      Thread.sleep(200);
    }
    assertTrue(p.waitFor(8, TimeUnit.MINUTES), "the slurm sweep did not end");
    MmlProcess.Result r = mml.result("sweep", p.exitValue());
    assertEquals(0, r.exit(), r.all());
    assertEquals(2, mostTrainJobs, "both trials' training jobs were queued at once");
    List<Path> sweeps;
    try (var s = Files.list(mml.project().resolve("sweeps"))) {
      sweeps = s.toList();
    }
    assertEquals(1, sweeps.size(), sweeps.toString());
    String summary = Files.readString(sweeps.get(0).resolve("sweep.yaml"));
    assertTrue(summary.contains("finished: true") && summary.contains("parallel: 2"), summary);
    for (String trial : List.of("0", "1")) {
      assertTrue(Files.isRegularFile(sweeps.get(0).resolve(trial).resolve("slurm/submissions.jsonl")),
          "trial " + trial + " ran as Slurm jobs");
    }
    assertEquals(2, summary.split("status: done", -1).length - 1, summary);
  }
}
