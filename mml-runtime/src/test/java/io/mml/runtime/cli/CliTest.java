package io.mml.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.mml.runtime.config.ComposedConfig;
import io.mml.runtime.scheduler.ModeRegistry;
import io.mml.runtime.scheduler.Routine;
import io.mml.runtime.scheduler.RunLauncher;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
  @TempDir Path tmp;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final Map<String, String> env = new HashMap<>();
  private ComposedConfig launched;
  private int launches;
  private Path results;

  @BeforeEach
  void setUp() throws IOException {
    results = Files.createDirectories(tmp.resolve("results"));
    env.put("MML_RESULTS_PATH", results.toString());
  }

  private final RunLauncher recording = (registry, composed) -> {
    launches++;
    launched = composed;
    assertNotNull(registry.get(composed.modeId()));
    return 0;
  };

  private int run(RunLauncher launcher, String... args) {
    ModeRegistry registry = ModeRegistry.of(List.<Routine<?>>of(FakeRoutine.buzz(), FakeRoutine.fizz()));
    return new Cli(launcher, () -> registry, getClass().getClassLoader(), env::get,
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
        .execute(args);
  }

  private int run(String... args) {
    return run(recording, args);
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private static void assertContains(String text, String... parts) {
    for (String p : parts) {
      assertTrue(text.contains(p), "expected '" + p + "' in:\n" + text);
    }
  }

  /** A config error: exit 2, one message on stderr, no stack trace, nothing launched or written. */
  private void assertConfigError(int code, String... parts) throws IOException {
    assertEquals(2, code, err());
    assertContains(err(), parts);
    assertFalse(err().contains("\tat "), "no stack trace: " + err());
    assertTrue(err().strip().matches("(?s)Error \\[MML-(CONFIG|USAGE)\\]: .*"), err());
    assertEquals(0, launches);
    try (Stream<Path> s = Files.list(results)) {
      assertEquals(0, s.count(), "nothing written");
    }
  }

  @Test
  void runComposesAndLaunchesWithTheFirstBareWordAsMode() {
    assertEquals(0, run("buzz", "tasks=demo", "mode.var_one=7"));
    assertEquals(1, launches);
    assertEquals("buzz", launched.modeId());
    assertEquals(7, launched.config().getInt("mode.var_one"));
    assertEquals("demo", launched.choices().get("tasks"));
    assertEquals(List.of("tasks=demo", "mode.var_one=7"), launched.overrides());
    assertEquals(results + "/default", launched.config().getString("proj_path"));
  }

  @Test
  void modeCanBeGivenAsModeEqualsAnywhere() {
    assertEquals(0, run("tasks=demo", "mode=buzz"));
    assertEquals("buzz", launched.modeId());
    assertEquals(List.of("tasks=demo"), launched.overrides());
  }

  @Test
  void noModeMeansInfo() throws IOException {
    // The test class path has no info mode: the error shows that info was asked for.
    assertConfigError(run("tasks=demo"), "Unknown mode 'info'");
  }

  @Test
  void launcherExitCodeIsReturned() {
    assertEquals(3, run((r, c) -> 3, "buzz"));
  }

  /** Each user error prints "Error [id]: message" (no stack trace) and exits with its kind's code. */
  @Test
  void userErrorsPrintTheirIdAndExitWithTheirCode() {
    java.util.Map<io.mml.runtime.errors.MmlException, String> errors = new java.util.LinkedHashMap<>();
    errors.put(new io.mml.runtime.config.ConfigException("a.b", "bad a.b"), "MML-CONFIG 2");
    errors.put(new UsageException("--x", "bad --x"), "MML-USAGE 2");
    errors.put(new io.mml.runtime.tasks.TaskException("bad task"), "MML-TASK 3");
    errors.put(new io.mml.runtime.data.decoded.DataFileException(tmp, "bad file", null), "MML-DATA 4");
    errors.put(new io.mml.runtime.infer.InferException("bad model"), "MML-MODEL 4");
    errors.put(new io.mml.runtime.errors.MmlException("bad run"), "MML-RUN 5");
    errors.put(new io.mml.runtime.scheduler.StepFailedException("s", "step s failed",
        new IllegalStateException("bug in the step")), "MML-STEP 6");
    errors.put(new io.mml.runtime.scheduler.StepFailedException("s", "step s failed on a config value",
        new io.mml.runtime.config.ConfigException("k", "bad k")), "MML-CONFIG 2");
    errors.forEach((e, expected) -> {
      err.reset();
      int code = run((r, c) -> {
        throw e;
      }, "buzz");
      String[] idAndCode = expected.split(" ");
      assertEquals(Integer.parseInt(idAndCode[1]), code, expected);
      assertTrue(err().startsWith("Error [" + idAndCode[0] + "]: " + e.getMessage()), err());
      assertFalse(err().contains("\tat "), err());
    });
  }

  @Test
  void otherFailuresExitWithOneAndAMessage() {
    int code = run((r, c) -> {
      throw new IllegalStateException("disk on fire");
    }, "buzz");
    assertEquals(1, code);
    assertContains(err(), "Internal error [MML-INTERNAL]", "disk on fire", "logging.level=DEBUG", "report");
    assertFalse(err().contains("\tat "), err());
  }

  @Test
  void unknownModeSuggestsTheClosest() throws IOException {
    assertConfigError(run("buz"), "Unknown mode 'buz'", "Did you mean 'buzz'", "Is the plugin that provides it installed?");
  }

  @Test
  void unknownModeOfAPluginNamesThePlugin() throws IOException {
    assertConfigError(run("dim", "tasks=demo"), "Unknown mode 'dim'", "io.mml:mml-dimensionality",
        "is the plugin installed?", "dependency");
  }

  @Test
  void twoModesAreAnError() throws IOException {
    assertConfigError(run("buzz", "mode=fizz"), "Two modes", "'buzz'", "'fizz'");
  }

  @Test
  void secondBareWordIsAnError() throws IOException {
    assertConfigError(run("buzz", "extra"), "'extra'", "already 'buzz'", "key.path=value");
  }

  @Test
  void unknownKeyIsOneClearMessage() throws IOException {
    assertConfigError(run("buzz", "mode.var_on=7"), "'mode.var_on'", "Did you mean 'mode.var_one'", "+mode.var_on=7");
    assertEquals(1, err().strip().lines().count(), err());
  }

  @Test
  void unknownGroupOptionIsOneClearMessage() throws IOException {
    assertConfigError(run("buzz", "sampling=ful"), "'sampling'", "'ful'", "extraction_default, full, train",
        "Did you mean 'full'");
  }

  @Test
  void badOverrideSyntaxIsOneClearMessage() throws IOException {
    assertConfigError(run("buzz", "+seed"), "'+seed'", "no '='", "group=option");
  }

  @Test
  void unknownFlagSuggestsTheClosest() throws IOException {
    assertConfigError(run("--cgf"), "'--cgf'", "Did you mean '--cfg'");
  }

  @Test
  void badLogLevelIsAConfigError() throws IOException {
    assertConfigError(run("buzz", "logging.level=DEBGU"), "'logging.level'", "Did you mean 'DEBUG'");
  }

  @Test
  void configDirNeedsAnExistingFolder() throws IOException {
    assertConfigError(run("buzz", "--config-dir"), "--config-dir needs a folder");
    Path missing = tmp.resolve("missing");
    assertConfigError(run("buzz", "--config-dir", missing.toString()), "--config-dir", missing.toString(),
        "does not exist");
  }

  @Test
  void missingFolderInTheEnvironmentIsAConfigError() throws IOException {
    env.put("MML_CONFIGS_PATH", tmp.resolve("gone").toString());
    assertConfigError(run("buzz"), "MML_CONFIGS_PATH", "gone");
  }

  @Test
  void configDirAndEnvironmentFoldersAddOptions() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("conf/tasks"));
    Files.writeString(dir.resolve("mine.yaml"), "# @package _global_\ntask_list: [m1, m2]\n");
    assertEquals(0, run("buzz", "--config-dir", tmp.resolve("conf").toString(), "tasks=mine"));
    assertEquals(List.of("m1", "m2"), launched.config().getList("task_list", String.class));

    Path other = Files.createDirectories(tmp.resolve("env-conf/tasks"));
    Files.writeString(other.resolve("theirs.yaml"), "# @package _global_\ntask_list: [t]\n");
    env.put("MML_CONFIGS_PATH", tmp.resolve("env-conf").toString());
    assertEquals(0, run("buzz", "--config-dir=" + tmp.resolve("conf"), "tasks=theirs"));
    assertEquals(List.of("t"), launched.config().getList("task_list", String.class));
  }

  @Test
  void cfgPrintsTheComposedConfigAndLaunchesNothing() throws Exception {
    env.put("MML_LOCAL_WORKERS", "3");
    assertEquals(0, run("buzz", "--cfg", "tasks=demo", "mode.var_one=9"));
    assertEquals(0, launches);
    JsonNode printed = new YAMLMapper().readTree(out());
    assertEquals("buzz", printed.get("mode").get("id").asText());
    assertEquals(9, printed.get("mode").get("var_one").intValue());
    assertEquals(3, printed.get("num_workers").intValue());
    assertEquals("demo_shapes", printed.get("task_list").get(0).asText());
    assertEquals(results + "/default", printed.get("proj_path").asText(), "interpolated");
    assertFalse(out().contains("${"), out());
    try (Stream<Path> s = Files.list(results)) {
      assertEquals(0, s.count(), "--cfg writes nothing");
    }
    assertEquals(0, run("--cfg", "job", "mode=buzz"));
  }

  @Test
  void cfgWithAConfigErrorExitsTwo() throws IOException {
    assertConfigError(run("buzz", "--cfg", "proj_path=${out_dr}"), "'proj_path'", "out_dr", "Did you mean 'out_dir'");
  }

  @Test
  void helpListsModesSubroutinesParamsAndGroups() {
    assertEquals(0, run("--help"));
    String h = out();
    assertContains(h, "Usage: mml [<mode>]",
        "buzz - Buzzes over every task, then sums up.", "fizz - Fizzes the pivot task.",
        "a  per task", "b  once", "pop  pivot task only",
        "mode.var_one", "int", "default: 1337", "How loud to buzz.",
        "mode.strength", "double", "default: 0.5",
        "Config groups", "tasks", "demo, none*", "sampling", "extraction_default, full*, train", "mode", "buzz");
    assertTrue(h.indexOf("buzz -") < h.indexOf("fizz -"), "modes sorted");
    assertEquals(0, launches);
  }

  @Test
  void helpForOneModeShowsItInDetail() {
    assertEquals(0, run("buzz", "--help"));
    String h = out();
    assertContains(h, "Usage: mml buzz", "Mode buzz: Buzzes over every task", FakeScheduler.class.getName(),
        "config defaults: augmentations=no_norm", "(stepA)", "mode.var_one", "How loud to buzz.", "Config groups");
    assertFalse(h.contains("fizz"), h);
    err.reset();
    assertEquals(0, run("-h", "mode=fizz"));
    assertContains(out(), "Mode fizz");
  }

  @Test
  void helpForAnUnknownModeSuggests() throws IOException {
    assertConfigError(run("fiz", "--help"), "Unknown mode 'fiz'", "Did you mean 'fizz'");
  }

  @Test
  void versionPrintsTheBuildVersion() {
    assertEquals(0, run("--version"));
    String v = out().strip();
    assertTrue(v.matches("mml \\d+\\.\\d+\\.\\d+.*"), v);
    assertFalse(v.contains("${"), v);
    assertEquals(0, launches);
  }

  @Test
  void publicRunUsesTheLauncherSeam() {
    PrintStream saved = System.err;
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      // buzz is not registered on the runtime's own class path: the registry's error comes back as exit 2.
      assertEquals(2, Cli.run(recording, "buzz"));
      assertContains(err(), "Unknown mode 'buzz'");
    } finally {
      System.setErr(saved);
    }
  }

  @Test
  void engineLauncherFailsClearlyWhenNoEngineIsRegistered() throws Exception {
    try (URLClassLoader empty = new URLClassLoader(new URL[0], null)) {
      int code = run(Cli.engineLauncher(empty), "buzz");
      assertEquals(1, code);
      assertContains(err(), "No run engine found", RunLauncher.class.getName());
    }
  }

  @Test
  void engineLauncherFindsTheEngineTheRuntimeRegisters() {
    RunLauncher first = java.util.ServiceLoader.load(RunLauncher.class, Cli.class.getClassLoader()).findFirst()
        .orElseThrow();
    assertEquals("io.mml.runtime.scheduler.Engine", first.getClass().getName());
  }
}
