package io.mml.runtime.modes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.mml.runtime.cli.Cli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train mode.use_blueprint=true reuse.blueprint=<proj>}: a blueprint of mml suggest applied before the command line. */
class BlueprintTrainTest {
  private static final String HEADER = "# Blueprint 1 of 2 for demo_stripes (mml suggest, the most probable value per"
      + " group; sources demo_shapes, distances [mmd]).\n";

  @TempDir
  Path tmp;

  private Path blueprints;

  @BeforeEach
  void writeBlueprints() throws Exception {
    blueprints = Files.createDirectories(tmp.resolve("results/bp/BLUEPRINTS/demo_stripes"));
    Files.writeString(blueprints.resolve("blueprint_0001.yaml"), HEADER + "optimizer:\n  name: adam\n  lr: 0.5\n");
    // The newest: chooses arch=mlp (the default is cnn), sets leaves of several groups and a top-level key.
    Files.writeString(blueprints.resolve("blueprint_0002.yaml"), HEADER
        + "arch:\n  id: mlp\n  type: mlp\n  hidden: [12]\n  dropout: 0.25\n  input_channels: auto\n"
        + "optimizer:\n  name: sgd\n  lr: 0.02\n  momentum: 0.5\n  weight_decay: 0.0\n"
        + "trainer:\n  max_epochs: 4\n"
        + "seed: 7\n");
  }

  @Test
  void trainsThePivotWithTheNewestBlueprintAndTheCommandLineStillWins() throws Exception {
    List<String> err = new ArrayList<>();
    assertEquals(0, cli(err, "train", "tasks=demo", "task_list=[demo_stripes]", "pivot.name=demo_stripes",
        "mode.use_blueprint=true", "reuse.blueprint=bp", "trainer.max_epochs=1", "arch.hidden=[8]",
        "mode.subroutines=[train]"), err.toString());
    List<Path> configs = ModeRuns.files(tmp.resolve("results/default/runs"), "config.yaml");
    assertEquals(1, configs.size(), configs.toString());
    JsonNode c = new YAMLMapper().readTree(configs.get(0).toFile());
    assertEquals("mlp", c.at("/arch/id").asText(), "the blueprint chooses the arch option");
    assertEquals(0.25, c.at("/arch/dropout").asDouble(), 1e-12);
    assertEquals("sgd", c.at("/optimizer/name").asText());
    assertEquals(0.02, c.at("/optimizer/lr").asDouble(), 1e-12);
    assertEquals(0.5, c.at("/optimizer/momentum").asDouble(), 1e-12);
    assertEquals(7, c.at("/seed").asInt());
    assertEquals(2, c.at("/mode/blueprint").asInt(), "the applied blueprint's number is recorded");
    // The command line's own overrides win over the blueprint's.
    assertEquals(1, c.at("/trainer/max_epochs").asInt());
    assertEquals(List.of(8), new ObjectMapper().convertValue(c.at("/arch/hidden"), List.class));
    JsonNode run = new ObjectMapper().readTree(configs.get(0).resolveSibling("run.json").toFile());
    List<String> overrides = new ArrayList<>();
    run.get("overrides").forEach(o -> overrides.add(o.asText()));
    assertEquals("mode.blueprint=2", overrides.get(0), overrides.toString());
    assertTrue(overrides.indexOf("trainer.max_epochs=4") < overrides.indexOf("trainer.max_epochs=1"), overrides.toString());
    List<Path> storages = ModeRuns.files(tmp.resolve("results/default/MODELS/demo_stripes"), ".json");
    assertEquals(1, storages.size(), storages.toString());
    JsonNode storage = new ObjectMapper().readTree(storages.get(0).toFile());
    assertEquals("sgd", storage.at("/pipeline/optimizer/name").asText());
  }

  @Test
  void aCommandLineGroupChoiceLeavesTheBlueprintsGroupOutAndModeBlueprintPicksOne() throws Exception {
    List<String> err = new ArrayList<>();
    // --cfg composes without running: blueprint 1 is picked, optimizer=sgd on the command line drops its optimizer.
    PrintStream oldOut = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    int code;
    try {
      code = cli(err, "train", "--cfg", "pivot.name=demo_stripes", "mode.use_blueprint=true", "reuse.blueprint=bp",
          "mode.blueprint=1");
    } finally {
      System.setOut(oldOut);
    }
    assertEquals(0, code, err.toString());
    JsonNode c = new YAMLMapper().readTree(withoutLogLines(out));
    assertEquals(0.5, c.at("/optimizer/lr").asDouble(), 1e-12);
    assertEquals("cnn", c.at("/arch/id").asText(), "blueprint 1 has no arch");

    out.reset();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      code = cli(err, "train", "--cfg", "pivot.name=demo_stripes", "mode.use_blueprint=true", "reuse.blueprint=bp",
          "optimizer=adam");
    } finally {
      System.setOut(oldOut);
    }
    assertEquals(0, code, err.toString());
    c = new YAMLMapper().readTree(withoutLogLines(out));
    assertEquals("adam", c.at("/optimizer/name").asText());
    assertEquals(0.001, c.at("/optimizer/lr").asDouble(), 1e-12, "the blueprint's optimizer is left out");
    assertEquals("mlp", c.at("/arch/id").asText(), "the rest of the blueprint applies");
  }

  @Test
  void errorsNameTheInputAndTheFixBeforeAnythingIsWritten() throws Exception {
    Files.writeString(blueprints.resolve("blueprint_0003.yaml"), HEADER + "trainer:\n  max_epoch: 2\n");
    String[] base = {"train", "tasks=demo", "task_list=[demo_stripes]", "trainer.max_epochs=1"};
    assertError("pivot.name=<task>", concat(base, "mode.use_blueprint=true", "reuse.blueprint=bp"));
    assertError("reuse.blueprint=<project>", concat(base, "pivot.name=demo_stripes", "mode.use_blueprint=true"));
    assertError("No blueprint of task demo_shapes", concat(base, "pivot.name=demo_shapes", "mode.use_blueprint=true",
        "reuse.blueprint=bp"));
    assertError("No blueprint number 9", concat(base, "pivot.name=demo_stripes", "mode.use_blueprint=true",
        "reuse.blueprint=bp", "mode.blueprint=9"));
    String e = assertError("blueprint_0003.yaml", concat(base, "pivot.name=demo_stripes", "mode.use_blueprint=true",
        "reuse.blueprint=bp"));
    assertTrue(e.contains("trainer.max_epoch") && e.contains("mode.blueprint=<n>"), e);
    assertFalse(Files.exists(tmp.resolve("results/default")), "nothing written");
  }

  private String assertError(String expected, String... args) {
    List<String> err = new ArrayList<>();
    assertEquals(2, cli(err, args), err.toString());
    String text = String.join("\n", err);
    assertTrue(text.contains("MML-CONFIG") && text.contains(expected), text);
    return text;
  }

  /** The printed config without console log lines ({@code HH:mm:ss LEVEL ...}). */
  private static String withoutLogLines(ByteArrayOutputStream out) {
    return String.join("\n", out.toString(StandardCharsets.UTF_8).lines()
        .filter(l -> !l.matches("\\d\\d:\\d\\d:\\d\\d .*")).toList());
  }

  private static String[] concat(String[] a, String... b) {
    List<String> all = new ArrayList<>(List.of(a));
    all.addAll(List.of(b));
    return all.toArray(String[]::new);
  }

  private int cli(List<String> errOut, String... args) {
    PrintStream oldErr = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      return Cli.run(ModeRuns.args(tmp, args));
    } finally {
      System.setErr(oldErr);
      errOut.add(err.toString(StandardCharsets.UTF_8));
    }
  }
}
