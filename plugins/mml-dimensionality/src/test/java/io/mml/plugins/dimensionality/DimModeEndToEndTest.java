package io.mml.plugins.dimensionality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mml.runtime.cli.Cli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mode {@code dim} on the demo tasks through the command line, found only because this plugin's
 * classes are on the class path.
 */
class DimModeEndToEndTest {
  private static final List<String> DEMO = List.of("demo_shapes", "demo_stripes", "demo_tissue");

  @TempDir
  Path tmp;

  @Test
  void estimatesEveryDemoTaskThenPlotsAgainstReusedModels() throws Exception {
    assertEquals(0, Cli.run(args("dim", "tasks=demo", "sampling.sample_num=400")));
    Path project = tmp.resolve("results/default");
    for (String task : DEMO) {
      TaskDimension d = TaskDimension.read(only(project.resolve("DIMENSION").resolve(task), ".json"));
      assertEquals(task, d.task());
      assertEquals(400, d.samples(), "sampling.sample_num draws");
      assertEquals(32 * 32 * 3, d.featureDim(), "raw pixels of the 32x32 colour demo images");
      assertTrue(d.estimate().points() > 20 && d.estimate().points() <= 400, d.toString());
      double dim = d.estimate().dimension();
      assertTrue(dim > 1 && dim < 100, task + ": the demo images lie far below their 3072 pixel dimensions: " + dim);
    }
    List<String> table = Files.readAllLines(only(project.resolve("PLOTS/dimension"), ".csv"), StandardCharsets.UTF_8);
    assertEquals("task,dimension,std,subsets,distinct_samples,monitor,performance,models", table.get(0));
    assertEquals(1 + DEMO.size(), table.size());
    assertTrue(table.get(1).endsWith(",,0"), "no reuse.models: no performance " + table);
    assertPng(only(project.resolve("PLOTS/dimension"), ".png"));

    // Seeded: the same command gives the same estimates.
    assertEquals(0, Cli.run(args("dim", "tasks=demo", "sampling.sample_num=400", "mode.subroutines=[estimate]")));
    List<Path> again = files(project.resolve("DIMENSION/demo_shapes"), ".json");
    assertEquals(2, again.size());
    assertEquals(TaskDimension.read(again.get(0)), TaskDimension.read(again.get(1)));

    // With trained models of the project and the dimensions reused: no new estimate, a plot against performance.
    assertEquals(0, Cli.run(args("train", "tasks=demo", "trainer.max_epochs=1", "mode.subroutines=[train]")));
    assertEquals(0, Cli.run(args("dim", "tasks=demo", "reuse=current", "+reuse.dimension=default")));
    assertEquals(2, files(project.resolve("DIMENSION/demo_shapes"), ".json").size(), "reused, not estimated again");
    List<Path> tables = files(project.resolve("PLOTS/dimension"), ".csv");
    List<String> vs = Files.readAllLines(tables.get(tables.size() - 1), StandardCharsets.UTF_8);
    for (String row : vs.subList(1, vs.size())) {
      String[] cells = row.split(",", -1);
      assertEquals("val_loss", cells[5], row);
      assertTrue(Double.parseDouble(cells[6]) > 0, row);
      assertEquals("1", cells[7], "one model per task (fold 0): " + row);
    }
    assertFalse(vs.get(1).endsWith(",,0"));
  }

  @Test
  void withAPivotOnlyThePivotIsEstimatedAndBadParamsFailFirst() throws Exception {
    assertEquals(0, Cli.run(args("dim", "tasks=demo", "pivot.name=demo_tissue", "sampling.sample_num=200",
        "mode.subset_min_size=50")));
    Path dims = tmp.resolve("results/default/DIMENSION");
    assertEquals(List.of("demo_tissue"), Files.list(dims).map(p -> p.getFileName().toString()).toList());
    assertEquals(2, Cli.run(args("dim", "tasks=demo", "mode.k=1")), "a config error, exit 2");
    assertEquals(2, Cli.run(args("dim", "tasks=demo", "mode.k=30", "mode.subset_min_size=30")));
  }

  private String[] args(String... extra) {
    List<String> all = new ArrayList<>(List.of(extra));
    all.add("data_dir=" + tmp.resolve("data"));
    all.add("out_dir=" + tmp.resolve("results"));
    return all.toArray(String[]::new);
  }

  static void assertPng(Path file) throws IOException {
    byte[] b = Files.readAllBytes(file);
    assertTrue(b.length > 1000 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G', file.toString());
  }

  private static Path only(Path dir, String suffix) throws IOException {
    List<Path> f = files(dir, suffix);
    assertEquals(1, f.size(), dir + ": " + f);
    return f.get(0);
  }

  private static List<Path> files(Path dir, String suffix) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
    }
  }
}
