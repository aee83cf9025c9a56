package io.mml.runtime.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mml.runtime.config.ComposedConfig;
import io.mml.runtime.config.ConfigComposer;
import io.mml.runtime.config.ConfigSources;
import io.mml.runtime.run.JsonLines;
import io.mml.runtime.scheduler.ModeRegistry;
import io.mml.runtime.scheduler.RunLauncher;
import io.mml.runtime.scheduler.RunResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hpo.parallel=N} with a cluster executor: N trials run at once. The launcher here stands in
 * for the Slurm executor (each trial's run waits on its jobs): trials meet at a barrier, which only
 * opens when N of them run at the same time, so the test proves concurrency without sleeping.
 */
class SweepParallelTest {
  @TempDir
  Path tmp;

  /** Trials of one batch wait for each other; the value is a function of the trial's lr. */
  private static final class Meeting implements RunLauncher {
    final CyclicBarrier barrier;
    final List<String> executors = Collections.synchronizedList(new ArrayList<>());

    Meeting(int parties) {
      barrier = new CyclicBarrier(parties);
    }

    @Override
    public int launch(ModeRegistry registry, ComposedConfig composed) {
      throw new UnsupportedOperationException();
    }

    @Override
    public RunResult runIn(ModeRegistry registry, ComposedConfig composed, Path runDir) throws Exception {
      executors.add(composed.config().getString("executor.name") + " wait=" + composed.config().getString(
          "executor.wait"));
      barrier.await(60, TimeUnit.SECONDS); // times out (the trial fails) unless the batch runs at once
      Files.createDirectories(runDir);
      double lr = composed.config().getDouble("optimizer.lr");
      return new RunResult(runDir, "sweeps/x/" + runDir.getFileName(), 1, 0, Optional.of(Math.abs(Math.log10(lr) + 2)));
    }
  }

  private SweepRunner runner(RunLauncher launcher) {
    ConfigSources sources = ConfigSources.fromEnvironment(getClass().getClassLoader(), k -> null, List.of());
    return new SweepRunner(new ConfigComposer(sources, k -> null), launcher, ModeRegistry.load(),
        Clock.systemDefaultZone());
  }

  private List<String> args(String... extra) {
    List<String> all = new ArrayList<>(List.of("task_list=[demo_stripes]", "executor=slurm",
        "data_dir=" + tmp.resolve("data"), "out_dir=" + tmp.resolve("results")));
    all.addAll(List.of(extra));
    return all;
  }

  private Path onlySweep() throws Exception {
    try (Stream<Path> s = Files.list(tmp.resolve("results/default/sweeps"))) {
      return s.findFirst().orElseThrow();
    }
  }

  @Test
  void aGridRunsTwoTrialsAtOnceAndEachWaitsForItsClusterJobs() throws Exception {
    Meeting launcher = new Meeting(2);
    assertEquals(0, runner(launcher).run("train", args("optimizer.lr=0.1,0.01,0.001,0.0001", "hpo.parallel=2"), true));
    List<JsonNode> lines = JsonLines.read(onlySweep().resolve(TrialJournal.FILE));
    assertEquals(4, lines.stream().filter(n -> n.get("status").asText().equals("done")).count(), lines.toString());
    assertEquals(Collections.nCopies(4, "slurm wait=true"), launcher.executors, "a trial waits for its jobs");
    // Both trials of a batch were journaled as started before either ended.
    List<String> order = lines.stream().map(n -> n.get("status").asText() + n.get("trial").asInt()).toList();
    assertTrue(order.indexOf("started1") < order.indexOf("done0"), order.toString());
    assertTrue(order.indexOf("started3") < order.indexOf("done2"), order.toString());
    assertEquals(1, new SweepFolder(onlySweep()).best().orElseThrow().number(), "lr 0.01 is the best");
  }

  @Test
  void tpeProposesABatchFromTheSameFinishedTrials() throws Exception {
    Meeting launcher = new Meeting(3);
    assertEquals(0, runner(launcher).run("train", args("hpo=tpe", "hpo.trials=6", "hpo.parallel=3",
        "hpo.startup_trials=3", "search_space=train_lr"), false));
    SweepFolder sweep = new SweepFolder(onlySweep());
    assertEquals(6, sweep.trials().stream().filter(t -> t.status().equals("done")).count());
    // The second batch was proposed from the first: the same proposals as TPE given those three trials.
    List<Trial> first = new ArrayList<>();
    for (SweepFolder.TrialState t : sweep.trials().subList(0, 3)) {
      first.add(new Trial(t.number(), t.params(), t.value()));
    }
    HpoOptions hpo = new HpoOptions("tpe", 6, "minimize", 42, 3, 0.25, 24, 3);
    ConfigSources sources = ConfigSources.fromEnvironment(getClass().getClassLoader(), k -> null, List.of());
    SearchSpace space = SearchSpace.from(new ConfigComposer(sources, k -> null)
        .compose("train", List.of("search_space=train_lr")).config());
    Tpe tpe = new Tpe(space, hpo);
    for (int n = 3; n < 6; n++) {
      Map<String, String> expected = tpe.propose(n, first);
      assertEquals(expected, sweep.trials().get(n).params(), "trial " + n);
    }
  }
}
