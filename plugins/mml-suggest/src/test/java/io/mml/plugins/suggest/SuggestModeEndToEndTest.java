package io.mml.plugins.suggest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.mml.runtime.cli.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train, similarity and suggest on the demo tasks: blueprints for the pivot from the other tasks' pipelines. */
class SuggestModeEndToEndTest {
  @TempDir
  Path tmp;

  @Test
  void writesBlueprintsFromTheSourcesPipelines() throws Exception {
    assertEquals(0, run("train", "tasks=demo", "trainer.max_epochs=1", "mode.subroutines=[train]",
        "task_list=[demo_shapes,demo_stripes]", "arch=mlp"));
    assertEquals(0, run("similarity", "tasks=demo", "distance=mmd", "sampling.sample_num=32"));
    assertEquals(2, run("suggest", "tasks=demo", "pivot.name=demo_tissue"), "no reuse.models: a config error");
    assertEquals(0, run("suggest", "tasks=demo", "pivot.name=demo_tissue", "reuse.models=default",
        "mode.distances=[mmd]", "mode.n=3", "mode.sim_cutoff=1"));
    List<Path> blueprints;
    try (Stream<Path> s = Files.list(tmp.resolve("results/default/BLUEPRINTS/demo_tissue"))) {
      blueprints = s.sorted().toList();
    }
    assertEquals(3, blueprints.size(), blueprints.toString());
    for (Path b : blueprints) {
      String text = Files.readString(b);
      assertTrue(text.startsWith("# Blueprint "), text);
      JsonNode y = new YAMLMapper().readTree(text);
      assertEquals("mlp", y.path("arch").path("type").asText(), "the sources were trained with arch=mlp: " + text);
      assertEquals(1, y.path("trainer").path("max_epochs").asInt(), text);
      assertTrue(y.has("optimizer") && y.has("augmentations"), text);
    }
  }

  private int run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("data_dir=" + tmp.resolve("data"));
    all.add("out_dir=" + tmp.resolve("results"));
    return Cli.run(all.toArray(String[]::new));
  }
}
