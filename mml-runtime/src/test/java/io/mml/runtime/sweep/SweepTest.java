package io.mml.runtime.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mml.runtime.cli.Cli;
import io.mml.runtime.config.Yaml;
import io.mml.runtime.run.JsonLines;
import io.mml.runtime.run.RunFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sweeps through the real command line: a grid, a search, mistakes, and kills at fixed points. */
class SweepTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> SMALL = List.of("task_list=[demo_stripes]", "arch=mlp", "arch.hidden=[8]",
      "sampling.batch_size=32", "mode.subroutines=[train]", "mode.check_export=false");

  @TempDir
  Path tmp;

  private String[] args(String... extra) {
    List<String> all = new ArrayList<>(List.of("train"));
    all.addAll(List.of(extra));
    all.addAll(SMALL);
    all.add("data_dir=" + tmp.resolve("data"));
    all.add("out_dir=" + tmp.resolve("results"));
    return all.toArray(String[]::new);
  }

  private Path onlySweep() throws Exception {
    try (Stream<Path> s = Files.list(tmp.resolve("results/default/sweeps"))) {
      List<Path> all = s.toList();
      assertEquals(1, all.size(), all.toString());
      return all.get(0);
    }
  }

  private static List<JsonNode> trials(Path sweep) {
    return JsonLines.read(sweep.resolve("trials.jsonl"));
  }

  private static long count(List<JsonNode> lines, int trial, String status) {
    return lines.stream().filter(n -> n.get("trial").asInt() == trial && n.get("status").asText().equals(status))
        .count();
  }

  @Test
  void aGridRunsEveryCombinationAsANormalRun() throws Exception {
    assertEquals(0, Cli.run(args("-m", "optimizer.lr=0.01,0.001", "trainer.max_epochs=1,2")));
    Path sweep = onlySweep();
    List<JsonNode> lines = trials(sweep);
    for (int n = 0; n < 4; n++) {
      assertEquals(1, count(lines, n, "done"), "trial " + n + ": " + lines);
      Path run = sweep.resolve(Integer.toString(n));
      assertTrue(Files.isRegularFile(run.resolve(RunFolder.RETURN_VALUE)), "its own return value");
      assertTrue(Files.isRegularFile(run.resolve(RunFolder.JOURNAL)), "its own journal");
    }
    // The first key varies slowest, as in Hydra.
    String third = Files.readString(sweep.resolve("2").resolve(RunFolder.CONFIG));
    assertTrue(third.contains("lr: 0.001") && third.contains("max_epochs: 1"), third);
    List<String> csv = Files.readAllLines(sweep.resolve("trials.csv"));
    assertEquals("trial,optimizer.lr,trainer.max_epochs,status,value", csv.get(0));
    assertEquals(5, csv.size());
    assertTrue(Files.size(sweep.resolve("objective.png")) > 0);
    assertTrue(Files.size(sweep.resolve("params.png")) > 0);

    // sweep.yaml: trials, params, objective and the best, which is the lowest return value.
    JsonNode summary = Yaml.parseMapping(Files.readString(sweep.resolve("sweep.yaml")), "sweep.yaml");
    assertTrue(summary.get("finished").asBoolean());
    assertEquals("minimize", summary.at("/objective/direction").asText());
    assertEquals("[\"optimizer.lr\",\"trainer.max_epochs\"]", summary.get("params").toString());
    assertEquals(4, summary.get("trials").size());
    double lowest = Double.POSITIVE_INFINITY;
    int lowestTrial = -1;
    for (JsonNode t : summary.get("trials")) {
      assertEquals("done", t.get("status").asText());
      if (t.get("value").asDouble() < lowest) {
        lowest = t.get("value").asDouble();
        lowestTrial = t.get("trial").asInt();
      }
    }
    JsonNode best = summary.get("best");
    assertEquals(lowestTrial, best.get("trial").asInt());
    assertEquals(lowest, best.get("value").asDouble(), 0);

    // use_best_params: the best trial's values, except where the command line says otherwise.
    assertEquals(0, Cli.run(args("use_best_params=latest", "trainer.max_epochs=1")));
    Path project = tmp.resolve("results/default/runs");
    String config;
    try (Stream<Path> days = Files.walk(project)) {
      Path cfg = days.filter(f -> f.getFileName().toString().equals(RunFolder.CONFIG)).findFirst().orElseThrow();
      config = Files.readString(cfg);
    }
    String bestLr = best.at("/params/optimizer.lr").asText();
    assertTrue(config.contains("lr: " + bestLr), "lr " + bestLr + " of the best trial: " + config);
    assertTrue(config.contains("max_epochs: 1"), "the explicit override wins: " + config);
  }

  @Test
  void useBestParamsNamesTheMissingSweep() throws Exception {
    assertEquals(2, Cli.run(args("use_best_params=latest")), "no sweep yet");
    assertEquals(2, Cli.run(args("use_best_params=2026-01-01_00-00-00-000")), "no such sweep");
  }

  /**
   * A trial that fails (here: trainer.device=gpu on a machine without one, which only the training
   * step finds) is recorded as failed and the sweep goes on; the sweep exits 0 because one trial
   * finished, and with only failing trials it exits with the trial's error code.
   */
  @Test
  void aFailingTrialIsRecordedAndTheSweepGoesOnUnlessAllFail() throws Exception {
    assertEquals(0, Cli.run(args("-m", "trainer.device=gpu:7,cpu", "trainer.max_epochs=1")));
    Path sweep = onlySweep();
    List<JsonNode> lines = trials(sweep);
    assertEquals(1, count(lines, 0, "failed"), lines.toString());
    assertEquals(1, count(lines, 1, "done"), lines.toString());
    JsonNode summary = Yaml.parseMapping(Files.readString(sweep.resolve("sweep.yaml")), "sweep.yaml");
    assertEquals("failed", summary.at("/trials/0/status").asText());
    assertTrue(summary.at("/trials/0/error").asText().contains("trainer.device"), summary.toString());
    assertEquals(1, summary.at("/best/trial").asInt());

    int all = Cli.run(args("-m", "trainer.device=gpu:7,gpu:8", "trainer.max_epochs=1", "proj=allfail"));
    assertNotEquals(0, all, "every trial failed");
  }

  @Test
  void sweepMistakesAreConfigErrorsBeforeAnythingIsWritten() throws Exception {
    assertEquals(2, Cli.run(args("-m", "trainer.max_epochs=1")), "-m without a swept key: an empty grid");
    assertEquals(2, Cli.run(args("-m", "optimizer.lr=0.1,0.01", "hpo.parallel=2")),
        "trials at once need a cluster executor");
    Path conf = Files.createDirectories(tmp.resolve("conf/search_space"));
    Files.writeString(conf.resolve("typo.yaml"), "params:\n  - {key: optimizer.lrr, type: log_interval, low: 1.0e-4,"
        + " high: 1.0e-1}\n");
    List<String> withConf = new ArrayList<>(List.of("--config-dir", tmp.resolve("conf").toString()));
    withConf.addAll(List.of(args("hpo=random", "hpo.trials=2", "search_space=typo")));
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    java.io.PrintStream old = System.err;
    int code;
    System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      code = Cli.run(withConf.toArray(String[]::new));
    } finally {
      System.setErr(old);
    }
    String msg = err.toString(java.nio.charset.StandardCharsets.UTF_8);
    assertEquals(2, code, msg);
    assertTrue(msg.contains("search_space.params") && msg.contains("optimizer.lrr") && msg.contains("optimizer.lr"),
        "names the key and the closest one: " + msg);
    assertFalse(Files.exists(tmp.resolve("results/default/sweeps")), "nothing written");
  }

  @Test
  void aSearchDrawsFromTheSearchSpaceAndMistakesAreConfigErrors() throws Exception {
    assertEquals(0, Cli.run(args("hpo=random", "hpo.trials=2", "search_space=train_lr", "trainer.max_epochs=1")));
    Path sweep = onlySweep();
    List<JsonNode> lines = trials(sweep);
    assertEquals(2, lines.stream().filter(n -> n.get("status").asText().equals("done")).count());
    JsonNode first = lines.get(0).get("overrides");
    double lr = first.get("optimizer.lr").asDouble();
    assertTrue(lr >= 1e-4 && lr <= 1e-1, first.toString());
    assertEquals(2, Cli.run(args("hpo=tpe")), "a search without a search space");
    assertEquals(2, Cli.run(args("-m", "hpo=random", "search_space=train_lr", "optimizer.lr=0.1,0.01")),
        "both a grid and a search");
    assertEquals(2, Cli.run(args("-m", "optimizer.lr=0.5,0.05", "continue=latest")),
        "continue with another command than the sweep's");
  }

  private Process child(Path log, List<String> jvmOptions, String... extra) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dai.djl.offline=true"));
    cmd.addAll(jvmOptions);
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.mml.runtime.cli.Cli"));
    cmd.addAll(List.of(args(extra)));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertTrue(p.waitFor(5, TimeUnit.MINUTES), "did not finish: " + log);
    return p;
  }

  /**
   * Killed twice at fixed points (after trial 0 ended; inside trial 1, right after its first
   * epoch's checkpoint), then continued: trial 0 is kept, trial 1 resumes from its own run and
   * checkpoint, trial 2 runs; no trial starts twice.
   */
  @Test
  void aKilledSweepContinuesWithNothingLostOrRepeated() throws Exception {
    String[] sweep = {"-m", "optimizer.lr=0.01,0.003,0.001", "trainer.max_epochs=3", "trainer.checkpoint_minutes=0"};
    Process first = child(tmp.resolve("1.log"), List.of("-Dmml.test.halt_after_trial=0"), sweep);
    assertEquals(137, first.exitValue(), Files.readString(tmp.resolve("1.log")));
    List<String> cont = new ArrayList<>(List.of(sweep));
    cont.add("continue=latest");
    Process second = child(tmp.resolve("2.log"), List.of("-Dmml.test.halt_after_epoch=1"),
        cont.toArray(String[]::new));
    assertEquals(137, second.exitValue(), Files.readString(tmp.resolve("2.log")));
    Path dir = onlySweep();
    List<JsonNode> mid = trials(dir);
    assertEquals(1, count(mid, 0, "done"));
    assertEquals(1, count(mid, 1, "started"));
    assertEquals(0, count(mid, 1, "done"));

    Process third = child(tmp.resolve("3.log"), List.of(), cont.toArray(String[]::new));
    String out = Files.readString(tmp.resolve("3.log"));
    assertEquals(0, third.exitValue(), out);
    assertTrue(out.contains("Trial 1 was interrupted"), out);
    assertTrue(out.contains("resuming from the checkpoint at epoch 2"), out);
    List<JsonNode> end = trials(dir);
    for (int n = 0; n < 3; n++) {
      assertEquals(1, count(end, n, "started"), "trial " + n + " started once: " + end);
      assertEquals(1, count(end, n, "done"), "trial " + n + " done once: " + end);
    }
    try (Stream<Path> runs = Files.list(dir)) {
      assertEquals(3, runs.filter(Files::isDirectory).count(), "one run folder per trial");
    }

    // info prints the trial table from the journal, the best marked.
    assertEquals(0, Cli.run(infoArgs("mode.subroutines=[hpo]")));
    Path infoLog;
    try (Stream<Path> f = Files.walk(tmp.resolve("results/default/runs"))) {
      infoLog = f.filter(p -> p.getFileName().toString().equals(RunFolder.LOG)).findFirst().orElseThrow();
    }
    String table = Files.readString(infoLog);
    assertTrue(table.contains("3 of 3 trials done") && table.contains("best: trial")
        && table.contains("use_best_params=" + dir.getFileName()), table);
  }

  private String[] infoArgs(String... extra) {
    List<String> all = new ArrayList<>(List.of("info"));
    all.addAll(List.of(extra));
    all.add("data_dir=" + tmp.resolve("data"));
    all.add("out_dir=" + tmp.resolve("results"));
    return all.toArray(String[]::new);
  }
}
