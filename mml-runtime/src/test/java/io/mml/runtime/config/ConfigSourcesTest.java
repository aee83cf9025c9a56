package io.mml.runtime.config;

import static io.mml.runtime.config.ConfigFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigSourcesTest {
  @TempDir Path tmp;

  @Test
  void findsBuiltInGroupsAndOptionsOnTheClassPath() {
    ConfigSources s = ConfigFixtures.sources();
    assertTrue(s.groups().containsAll(
        List.of("augmentations", "logging", "remove", "reuse", "sampling", "sys", "tasks", "mode")), s.groups().toString());
    assertEquals(List.of("demo", "none"), s.options("tasks"));
    assertEquals(List.of("extraction_default", "full", "train"), s.options("sampling"));
    assertTrue(s.origin("tasks", "demo").replace('\\', '/').endsWith("META-INF/mml/configs/tasks/demo.yaml"));
    assertEquals("config_mml", s.root().option());
  }

  @Test
  void readsPackageHeaderAndDefaultsOfAModeStub() {
    ConfigSources s = ConfigFixtures.sources();
    ConfigFile buzz = s.option("mode", "buzz", null);
    assertTrue(buzz.global());
    assertEquals(List.of(new DefaultEntry("augmentations", "no_norm")), buzz.defaults());
    assertFalse(buzz.content().has("defaults"), "the defaults list is not content");
    assertEquals(1337, buzz.content().get("mode").get("var_one").intValue());
    assertFalse(s.option("augmentations", "default", null).global());
    assertEquals("augmentations", s.option("augmentations", "default", null).packagePath());
  }

  @Test
  void nestedGroupsGetDottedPackages() {
    write(tmp, "loss/cls/ce.yaml", "weight: 1\n");
    write(tmp, "loss/cls/focal.yaml", "# @package _global_\ngamma: 2\n");
    write(tmp, "loss/seg/dice.yaml", "# a comment first\n\n# @package losses.segmentation\nsmooth: 1\n");
    ConfigSources s = ConfigFixtures.sources(tmp);
    // "default" is the stub the processor generates for the built-in classification task type (route cls).
    assertEquals(List.of("ce", "default", "focal"), s.options("loss/cls"));
    assertEquals("loss.cls", s.option("loss/cls", "ce", null).packagePath());
    assertTrue(s.option("loss/cls", "focal", null).global());
    assertEquals("losses.segmentation", s.option("loss/seg", "dice", null).packagePath());
  }

  @Test
  void userFolderOverridesAClassPathOptionAndAddsNewOnes() {
    Path demo = write(tmp, "tasks/demo.yaml", "# @package _global_\ntask_list: [mine]\n");
    write(tmp, "tasks/extra.yaml", "# @package _global_\ntask_list: [x]\n");
    ConfigSources s = ConfigFixtures.sources(tmp);
    assertEquals(List.of("demo", "extra", "none"), s.options("tasks"));
    assertEquals(demo.toString(), s.origin("tasks", "demo"));
    assertEquals("mine", s.option("tasks", "demo", null).content().get("task_list").get(0).asText());
  }

  @Test
  void userRootConfigReplacesTheBuiltInRoot() {
    Path root = write(tmp, "config_mml.yaml", "defaults:\n  - tasks: demo\nproj: mine\n");
    ConfigSources s = ConfigFixtures.sources(tmp);
    assertEquals(root.toString(), s.root().origin());
    assertEquals(List.of(new DefaultEntry("tasks", "demo")), s.root().defaults());
  }

  @Test
  void environmentFoldersWinInListOrderAndConfigDirWinsOverThem() {
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    Path c = tmp.resolve("c");
    write(a, "tasks/x.yaml", "from: a\n");
    write(b, "tasks/x.yaml", "from: b\n");
    write(b, "tasks/y.yaml", "from: b\n");
    write(c, "tasks/y.yaml", "from: c\n");
    Map<String, String> env = Map.of(ConfigSources.ENV_VAR, a + File.pathSeparator + b);
    ConfigSources s = ConfigSources.fromEnvironment(getClass().getClassLoader(), env::get, List.of(c));
    assertEquals("a", s.option("tasks", "x", null).content().get("from").asText());
    assertEquals("c", s.option("tasks", "y", null).content().get("from").asText());
  }

  @Test
  void missingUserFolderIsAClearError() {
    Path nowhere = tmp.resolve("nowhere");
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigFixtures.sources(nowhere));
    assertTrue(e.getMessage().contains(nowhere.toString()), e.getMessage());
    Map<String, String> env = Map.of(ConfigSources.ENV_VAR, nowhere.toString());
    ConfigException e2 = assertThrows(ConfigException.class,
        () -> ConfigSources.fromEnvironment(getClass().getClassLoader(), env::get, List.of()));
    assertTrue(e2.getMessage().contains(ConfigSources.ENV_VAR) && e2.getMessage().contains(nowhere.toString()),
        e2.getMessage());
  }

  @Test
  void yamlSyntaxErrorNamesFileAndLine() {
    Path bad = write(tmp, "tasks/broken.yaml", "# @package _global_\ntask_list: [a, b\npivot: x\n");
    ConfigSources s = ConfigFixtures.sources(tmp);
    ConfigException e = assertThrows(ConfigException.class, () -> s.option("tasks", "broken", null));
    assertTrue(e.getMessage().contains(bad.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("line 3"), e.getMessage());
    assertFalse(e.getMessage().contains("^"), "no echoed caret: " + e.getMessage());
  }

  @Test
  void aFileThatIsNotAMappingIsAnError() {
    write(tmp, "tasks/list.yaml", "- a\n- b\n");
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigFixtures.sources(tmp).option("tasks", "list", null));
    assertTrue(e.getMessage().contains("list.yaml") && e.getMessage().contains("mapping"), e.getMessage());
  }

  @Test
  void badDefaultsEntryNamesTheFile() {
    write(tmp, "tasks/odd.yaml", "defaults:\n  - [a, b]\n");
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigFixtures.sources(tmp).option("tasks", "odd", null));
    assertTrue(e.getMessage().contains("odd.yaml") && e.getMessage().contains("group: option"), e.getMessage());
  }

  @Test
  void hydraOverrideSpellingInDefaultsIsAccepted() {
    write(tmp, "mode/m.yaml", "# @package _global_\ndefaults:\n  - override /sampling: extraction_default\n  - _self_\n");
    ConfigFile m = ConfigFixtures.sources(tmp).option("mode", "m", null);
    assertEquals(List.of(new DefaultEntry("sampling", "extraction_default"), new DefaultEntry("_self_", null)),
        m.defaults());
  }

  @Test
  void unknownOptionListsTheGroupsOptionsAndTheClosest() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigFixtures.sources().option("tasks", "demi", "the command line"));
    assertTrue(e.getMessage().contains("'tasks'") && e.getMessage().contains("demo, none"), e.getMessage());
    assertTrue(e.getMessage().contains("Did you mean 'demo'"), e.getMessage());
    assertTrue(e.getMessage().contains("the command line"), e.getMessage());
    ConfigException g = assertThrows(ConfigException.class, () -> ConfigFixtures.sources().option("taks", "demo", null));
    assertTrue(g.getMessage().contains("Did you mean 'tasks'"), g.getMessage());
  }

  @Test
  void findsOptionsPackagedInAJar() throws Exception {
    Path jar = tmp.resolve("plugin.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      for (String dir : List.of("META-INF/", "META-INF/mml/", "META-INF/mml/configs/", "META-INF/mml/configs/distance/",
          "META-INF/mml/configs/tasks/", "META-INF/mml/configs/loss/", "META-INF/mml/configs/loss/cls/")) {
        out.putNextEntry(new JarEntry(dir));
        out.closeEntry();
      }
      entry(out, "META-INF/mml/configs/distance/fed.yaml", "# FED distance\nmetric: fed\nsamples: 100\n");
      entry(out, "META-INF/mml/configs/distance/mmd.yaml", "metric: mmd\n");
      entry(out, "META-INF/mml/configs/tasks/plugin_tasks.yaml", "# @package _global_\ntask_list: [p1, p2]\n");
      entry(out, "META-INF/mml/configs/loss/cls/ce.yaml", "label_smoothing: 0.1\n");
    }
    try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, getClass().getClassLoader())) {
      ConfigSources s = ConfigSources.load(loader, List.of());
      assertEquals(List.of("fed", "mmd"), s.options("distance"));
      assertEquals(List.of("demo", "none", "plugin_tasks"), s.options("tasks"));
      assertTrue(s.origin("distance", "fed").contains("plugin.jar!/META-INF/mml/configs/distance/fed.yaml"),
          s.origin("distance", "fed"));
      ComposedConfig c = new ConfigComposer(s, Map.<String, String>of()::get)
          .compose(null, List.of("tasks=plugin_tasks", "distance=fed", "loss/cls=ce"));
      assertEquals(List.of("p1", "p2"), c.config().getList("task_list", String.class));
      assertEquals(100, c.config().getInt("distance.samples"));
      assertEquals(0.1, c.config().getDouble("loss.cls.label_smoothing"), 1e-12);
      assertEquals("fed", c.choices().get("distance"));
    }
    // Read without caching: the jar can be deleted right away.
    Files.delete(jar);
  }

  private static void entry(JarOutputStream out, String name, String text) throws IOException {
    out.putNextEntry(new JarEntry(name));
    OutputStream o = out;
    o.write(text.getBytes(StandardCharsets.UTF_8));
    out.closeEntry();
  }
}
