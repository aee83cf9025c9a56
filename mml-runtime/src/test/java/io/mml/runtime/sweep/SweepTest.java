package io.mml.runtime.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mml.runtime.cli.Cli;
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
    assertEquals("trial,optimizer.lr,trainer.max_epochs,value", csv.get(0));
    assertEquals(5, csv.size());
    assertTrue(Files.size(sweep.resolve("objective.png")) > 0);
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
  }
}
