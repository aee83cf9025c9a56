package io.mml.plugins.similarity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mml.runtime.cli.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mode {@code similarity} on the demo tasks through the command line, every measure of group {@code distance}. */
class SimilarityModeEndToEndTest {
  private static final List<String> DEMO = List.of("demo_shapes", "demo_stripes", "demo_tissue");

  @TempDir
  Path tmp;

  @Test
  void everyMeasureWritesATableAndAMapAndFeaturesAreReused() throws Exception {
    assertEquals(0, run("similarity", "tasks=demo", "distance=mmd", "sampling.sample_num=64"));
    Path project = tmp.resolve("results/default");
    List<Path> features = files(project.resolve("FEATURES"), ".bin");
    assertEquals(DEMO.size(), features.size(), features.toString());
    assertEquals(64, FeatureFile.read(features.get(0)).size(), "sampling.sample_num per task");
    DistanceTable mmd = table(project, "mmd");
    assertEquals(DEMO, mmd.tasks());
    assertTrue(mmd.complete());
    for (String a : DEMO) {
      for (String b : DEMO) {
        assertEquals(mmd.get(a, b), mmd.get(b, a), 0, "symmetric, mirrored");
        assertTrue(a.equals(b) ? mmd.get(a, b) == 0 : mmd.get(a, b) > 0, a + "," + b);
      }
    }
    assertPng(files(project.resolve("PLOTS/distances"), ".png").get(0));
    assertTrue(files(project.resolve("PLOTS/distances"), ".png").get(0).getFileName().toString().startsWith("mmd_map"));

    // The features of the first run are reused: no new extraction, the same fresh backbone's numbers.
    for (String m : List.of("fid", "kld", "emd")) {
      assertEquals(0, run("similarity", "tasks=demo", "distance=" + m, "+reuse.features=default"), m);
      DistanceTable t = table(project, m);
      assertTrue(t.complete(), m);
      assertTrue(t.get("demo_shapes", "demo_tissue") > 0, m);
    }
    assertEquals(DEMO.size(), files(project.resolve("FEATURES"), ".bin").size(), "features reused, not re-extracted");
    DistanceTable kld = table(project, "kld");
    assertTrue(kld.get("demo_shapes", "demo_tissue") != kld.get("demo_tissue", "demo_shapes"), "kld: ordered pairs");

    assertEquals(0, run("similarity", "tasks=demo", "distance=semantic"));
    DistanceTable semantic = table(project, "semantic");
    assertTrue(semantic.get("demo_shapes", "demo_stripes") > 0 && semantic.get("demo_shapes", "demo_stripes") < 1,
        "the demo descriptions share some words (keyword 'artificial', 'synthetic', ...)");

    assertEquals(0, run("similarity", "tasks=demo", "distance=ens", "+reuse.mmd=default", "+reuse.fid=default"));
    DistanceTable ens = table(project, "ens");
    double expected = (mmd.get("demo_shapes", "demo_tissue") / mmd.meanOffDiagonal().getAsDouble()
        + table(project, "fid").get("demo_shapes", "demo_tissue") / table(project, "fid").meanOffDiagonal()
            .getAsDouble()) / 2;
    assertEquals(expected, ens.get("demo_shapes", "demo_tissue"), 1e-6);
    assertEquals(2, run("similarity", "tasks=demo", "distance=ens"), "no reused tables: a config error");
  }

  @Test
  void aPivotRunComputesOnlyThePairsIntoThePivot() throws Exception {
    assertEquals(0, run("similarity", "tasks=demo", "pivot.name=demo_tissue", "distance=fid",
        "sampling.sample_num=32"));
    DistanceTable fid = table(tmp.resolve("results/default"), "fid");
    assertTrue(fid.get("demo_shapes", "demo_tissue") > 0);
    assertEquals(fid.get("demo_shapes", "demo_tissue"), fid.get("demo_tissue", "demo_shapes"), 0, "mirrored");
    assertTrue(Double.isNaN(fid.get("demo_shapes", "demo_stripes")), "only pairs into the pivot");
    assertTrue(Double.isNaN(fid.get("demo_stripes", "demo_shapes")));
    assertEquals(2, run("similarity", "tasks=demo", "distance=kld", "distance.bins=1"), "a bad option, exit 2");
  }

  /**
   * Killed right after the first pair's distance was journaled, then continued: the pair is reloaded
   * (not measured again), the rest measured, and the table equals an uninterrupted run's.
   */
  @Test
  void aKilledDistanceStepReloadsItsPairsOnContinue() throws Exception {
    String[] cmd = {"similarity", "tasks=demo", "distance=fid", "sampling.sample_num=32"};
    Process killed = child(tmp.resolve("1.log"), List.of("-Dmml.test.halt_after_pair=0"), cmd);
    assertEquals(137, killed.exitValue(), Files.readString(tmp.resolve("1.log")));
    List<String> cont = new ArrayList<>(List.of(cmd));
    cont.add("continue=latest");
    Process resumed = child(tmp.resolve("2.log"), List.of(), cont.toArray(String[]::new));
    String log = Files.readString(tmp.resolve("2.log"));
    assertEquals(0, resumed.exitValue(), log);
    assertTrue(log.contains("fid: 1 of 3 pairs reloaded"), log);
    assertTrue(!log.contains("fid(demo_shapes -> demo_stripes)"), "the journaled pair is not measured again: " + log);
    DistanceTable continued = table(tmp.resolve("results/default"), "fid");

    assertEquals(0, run("similarity", "tasks=demo", "distance=fid", "sampling.sample_num=32", "proj=whole"));
    DistanceTable whole = table(tmp.resolve("results/whole"), "fid");
    for (String a : DEMO) {
      for (String b : DEMO) {
        assertEquals(whole.get(a, b), continued.get(a, b), 0, a + "," + b);
      }
    }
  }

  private Process child(Path log, List<String> jvmOptions, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dai.djl.offline=true"));
    cmd.addAll(jvmOptions);
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.mml.runtime.cli.Cli"));
    cmd.addAll(List.of(args));
    cmd.add("data_dir=" + tmp.resolve("data"));
    cmd.add("out_dir=" + tmp.resolve("results"));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertTrue(p.waitFor(5, TimeUnit.MINUTES), "did not finish: " + log);
    return p;
  }

  private int run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("data_dir=" + tmp.resolve("data"));
    all.add("out_dir=" + tmp.resolve("results"));
    return Cli.run(all.toArray(String[]::new));
  }

  private static DistanceTable table(Path project, String measure) throws IOException {
    List<Path> f = files(project.resolve("DISTANCES").resolve(measure), ".csv");
    return DistanceTable.read(f.get(f.size() - 1));
  }

  private static void assertPng(Path file) throws IOException {
    byte[] b = Files.readAllBytes(file);
    assertTrue(b.length > 1000 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G', file.toString());
  }

  private static List<Path> files(Path dir, String suffix) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
    }
  }
}
