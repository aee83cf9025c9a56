package io.mml.runtime.config;

import static io.mml.runtime.config.ConfigFixtures.compose;
import static io.mml.runtime.config.ConfigFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigComposerTest {
  @TempDir Path tmp;

  private static ConfigException fails(String mode, List<String> overrides, Path... dirs) {
    return assertThrows(ConfigException.class, () -> compose(mode, overrides, dirs));
  }

  private static void assertContains(String message, String... parts) {
    for (String p : parts) {
      assertTrue(message.contains(p), "expected '" + p + "' in: " + message);
    }
  }

  // ---------------------------------------------------------------- composition order

  @Test
  void builtInRootComposesWithDefaultsInOrder() {
    ComposedConfig c = compose(null, List.of());
    Config cfg = c.config();
    assertEquals(List.of("sys", "tasks", "augmentations", "sampling", "reuse", "remove", "logging", "preprocessing",
        "arch", "optimizer", "lr_scheduler", "trainer", "loss/cls", "loss/mlcls", "loss/seg", "loss/reg", "executor", "hpo",
        "search_space"), List.copyOf(c.choices().keySet()));
    assertEquals("local", c.choices().get("sys"));
    assertEquals("./mml-data", cfg.getString("data_dir"));
    assertTrue(cfg.node("num_workers").orElseThrow().isInt(), "env default 2 stays an int");
    assertEquals(2, cfg.getInt("num_workers"));
    assertEquals("./mml-results/default", cfg.getString("proj_path"));
    assertEquals(List.of(), cfg.getList("task_list", String.class));
    assertTrue(cfg.node("pivot.name").orElseThrow().isNull());
    assertEquals("imagenet", cfg.getString("augmentations.normalization"));
    assertEquals(300, cfg.getInt("sampling.batch_size"));
    assertFalse(cfg.getBoolean("remove.models"));
    assertEquals("INFO", cfg.getString("logging.level"));
    assertEquals(42, cfg.getInt("seed"));
    assertFalse(cfg.getBoolean("continue"));
    assertTrue(cfg.getBoolean("allow_gpu"));
    assertNull(c.modeId());
  }

  @Test
  void keyOrderIsFirstDefinitionOrderAndCompositionIsDeterministic() {
    ComposedConfig a = compose("buzz", List.of("tasks=demo", "seed=3", "+zzz=1", "+aaa=2"));
    ComposedConfig b = compose("buzz", List.of("tasks=demo", "seed=3", "+zzz=1", "+aaa=2"));
    assertEquals(a.config().tree(), b.config().tree());
    assertEquals(a.toYaml(), b.toYaml());
    List<String> keys = a.config().keys("");
    assertEquals(List.of("data_dir", "out_dir", "num_workers", "task_list"), keys.subList(0, 4));
    assertEquals("seed", keys.get(keys.indexOf("proj") + 1), "an override keeps the key's position");
    assertEquals(List.of("mode", "zzz", "aaa"), keys.subList(keys.size() - 3, keys.size()));
  }

  @Test
  void globalPackageMergesAtTopLevelOtherwiseUnderTheGroup() {
    Config cfg = compose(null, List.of("tasks=demo")).config();
    assertEquals(List.of("demo_shapes", "demo_stripes", "demo_tissue"), cfg.getList("task_list", String.class));
    assertFalse(cfg.has("tasks"), "a _global_ option has no group key");
    assertTrue(cfg.has("sampling.batch_size"));
    assertFalse(cfg.has("batch_size"));
  }

  @Test
  void modeIsAppliedLastWithItsDefaults() {
    ComposedConfig c = compose("buzz", List.of());
    Config cfg = c.config();
    assertEquals("buzz", c.modeId());
    assertEquals("no_norm", c.choices().get("augmentations"), "the mode's defaults choose options");
    assertTrue(cfg.node("augmentations.normalization").orElseThrow().isNull());
    assertEquals(1337, cfg.getInt("mode.var_one"));
    assertEquals(List.of("a", "b"), cfg.getList("mode.subroutines", String.class));
    assertEquals("io.mml.samples.BuzzScheduler", cfg.getString("mode.scheduler"));
    List<String> groups = List.copyOf(c.choices().keySet());
    assertEquals("mode", groups.get(groups.size() - 1));
  }

  @Test
  void modeOverrideOnTheCommandLineWinsOverTheModeArgument() {
    write(tmp, "mode/other.yaml", "# @package _global_\nmode:\n  id: other\n");
    ComposedConfig c = compose("buzz", List.of("mode=other"), tmp);
    assertEquals("other", c.modeId());
    assertEquals("other", c.config().getString("mode.id"));
    assertFalse(c.config().has("mode.var_one"));
  }

  @Test
  void modeContentOverridesRootAndGroupValuesAndMergesMappings() {
    write(tmp, "mode/m.yaml", "# @package _global_\nseed: 7\naugmentations:\n  pipeline: [flip]\nmode:\n  id: m\n");
    Config cfg = compose("m", List.of(), tmp).config();
    assertEquals(7, cfg.getInt("seed"), "mode beats the root's own values");
    assertEquals(List.of("flip"), cfg.getList("augmentations.pipeline", String.class), "lists replace");
    assertEquals("imagenet", cfg.getString("augmentations.normalization"), "mappings merge key by key");
  }

  @Test
  void selfPositionDecidesBetweenRootAndGroupValues() {
    write(tmp, "tasks/seeded.yaml", "# @package _global_\nseed: 1\ntask_list: [s]\n");
    assertEquals(42, compose(null, List.of("tasks=seeded"), tmp).config().getInt("seed"),
        "the built-in root lists _self_ last, so its own seed wins");
    Path other = tmp.resolve("selffirst");
    write(other, "config_mml.yaml", "defaults:\n  - _self_\n  - tasks: seeded\nseed: 42\n");
    write(other, "tasks/seeded.yaml", "# @package _global_\nseed: 1\n");
    assertEquals(1, compose(null, List.of(), other).config().getInt("seed"), "with _self_ first the group wins");
  }

  @Test
  void rootWithoutSelfPutsItsOwnContentLast() {
    write(tmp, "config_mml.yaml", "defaults:\n  - tasks: seeded\nseed: 42\n");
    write(tmp, "tasks/seeded.yaml", "# @package _global_\nseed: 1\n");
    assertEquals(42, compose(null, List.of(), tmp).config().getInt("seed"));
  }

  @Test
  void selectionPrecedenceRootThenOptionDefaultsThenModeThenCommandLine() {
    // tasks/fancy (an option) chooses sampling=extraction_default over the root's sampling=full.
    write(tmp, "tasks/fancy.yaml", "# @package _global_\ndefaults:\n  - sampling: extraction_default\ntask_list: [f]\n");
    // mode/picky chooses sampling=full and tasks=fancy.
    write(tmp, "mode/picky.yaml",
        "# @package _global_\ndefaults:\n  - tasks: fancy\n  - sampling: full\nmode:\n  id: picky\n");
    write(tmp, "mode/plain.yaml", "# @package _global_\ndefaults:\n  - tasks: fancy\nmode:\n  id: plain\n");
    assertEquals("full", compose(null, List.of()).choices().get("sampling"));
    assertEquals("extraction_default", compose(null, List.of("tasks=fancy"), tmp).choices().get("sampling"));
    assertEquals("extraction_default", compose("plain", List.of(), tmp).choices().get("sampling"),
        "an option chosen by the mode brings its own defaults");
    assertEquals("full", compose("picky", List.of(), tmp).choices().get("sampling"), "the mode beats options");
    ComposedConfig cli = compose("picky", List.of("sampling=extraction_default"), tmp);
    assertEquals("extraction_default", cli.choices().get("sampling"), "the command line beats the mode");
    assertEquals(50, cli.config().getInt("sampling.batch_size"));
  }

  @Test
  void commandLineGroupBeatsModeDefaultsAndKeyBeatsGroupWhateverTheOrder() {
    ComposedConfig c = compose("buzz", List.of("augmentations.normalization=task", "augmentations=default"));
    assertEquals("default", c.choices().get("augmentations"));
    assertEquals("task", c.config().getString("augmentations.normalization"));
    assertEquals(List.of("augmentations.normalization=task", "augmentations=default"), c.overrides());
  }

  @Test
  void nestedGroupsFromDefaultsAndCommandLine() {
    write(tmp, "config_mml.yaml", "defaults:\n  - loss/cls: ce\n  - _self_\nproj: x\n");
    write(tmp, "loss/cls/ce.yaml", "name: ce\nweight: 1\n");
    write(tmp, "loss/cls/focal.yaml", "name: focal\ngamma: 2.0\n");
    ComposedConfig c = compose(null, List.of(), tmp);
    assertEquals("ce", c.config().getString("loss.cls.name"));
    assertEquals("ce", c.choices().get("loss/cls"));
    ComposedConfig slash = compose(null, List.of("loss/cls=focal"), tmp);
    assertEquals(2.0, slash.config().getDouble("loss.cls.gamma"));
    assertFalse(slash.config().has("loss.cls.weight"), "the unchosen option contributes nothing");
    ComposedConfig dots = compose(null, List.of("loss.cls=focal"), tmp);
    assertEquals("focal", dots.choices().get("loss/cls"));
  }

  @Test
  void groupNotInTheDefaultsIsAppendedWhenChosen() {
    write(tmp, "distance/fed.yaml", "metric: fed\n");
    ComposedConfig c = compose(null, List.of("distance=fed"), tmp);
    assertEquals("fed", c.config().getString("distance.metric"));
    assertEquals("fed", c.choices().get("distance"));
    ComposedConfig plus = compose(null, List.of("+distance=fed"), tmp);
    assertEquals("fed", plus.config().getString("distance.metric"));
  }

  @Test
  void deletingAGroupDropsItsOption() {
    ComposedConfig c = compose(null, List.of("~augmentations"));
    assertFalse(c.config().has("augmentations"));
    assertFalse(c.choices().containsKey("augmentations"));
    write(tmp, "distance/fed.yaml", "metric: fed\n");
    ConfigException e = fails(null, List.of("~distance"), tmp);
    assertContains(e.getMessage(), "'distance'", "not chosen", "sampling");
  }

  // ---------------------------------------------------------------- overrides

  @Test
  void setParsesValuesAsYaml() {
    Config cfg = compose("buzz", List.of("mode.var_one=7", "sampling.balanced=true", "augmentations.normalization=null",
        "task_list=[a,b]", "proj='quoted text'", "seed=0.5", "mode.subroutines=[1, 2]", "pivot.tags=")).config();
    assertTrue(cfg.node("mode.var_one").orElseThrow().isInt());
    assertEquals(7, cfg.getInt("mode.var_one"));
    assertTrue(cfg.node("sampling.balanced").orElseThrow().isBoolean());
    assertTrue(cfg.node("augmentations.normalization").orElseThrow().isNull());
    assertEquals(List.of("a", "b"), cfg.getList("task_list", String.class));
    assertEquals("quoted text", cfg.getString("proj"));
    assertEquals(0.5, cfg.getDouble("seed"));
    assertEquals(List.of(1, 2), cfg.getList("mode.subroutines", Integer.class));
    assertEquals("", cfg.getString("pivot.tags"));
  }

  @Test
  void laterOverrideOfTheSameKeyWins() {
    assertEquals(3, compose(null, List.of("seed=2", "seed=3")).config().getInt("seed"));
  }

  @Test
  void unknownKeyNamesPathClosestKeysAndTheAddSyntax() {
    ConfigException e = fails("buzz", List.of("mode.var_on=7"));
    assertEquals("mode.var_on", e.keyPath());
    assertContains(e.getMessage(), "'mode.var_on'", "Did you mean 'mode.var_one'", "+mode.var_on=7", "id, scheduler");
    ConfigException top = fails("buzz", List.of("modee.var_one=7"));
    assertContains(top.getMessage(), "'modee.var_one'", "Did you mean 'mode'", "the top level", "+modee.var_one=7");
  }

  @Test
  void addCreatesKeysAndMappings() {
    Config cfg = compose(null, List.of("+new.deep.key=[x]", "+flag=true")).config();
    assertEquals(List.of("x"), cfg.getList("new.deep.key", String.class));
    assertTrue(cfg.getBoolean("flag"));
  }

  @Test
  void addingAnExistingKeySuggestsPlainSet() {
    ConfigException e = fails(null, List.of("+seed=3"));
    assertEquals("seed", e.keyPath());
    assertContains(e.getMessage(), "'seed'", "already exists", "seed=3");
  }

  @Test
  void forceAddSetsOrAdds() {
    Config cfg = compose(null, List.of("++seed=3", "++fresh=1")).config();
    assertEquals(3, cfg.getInt("seed"));
    assertEquals(1, cfg.getInt("fresh"));
  }

  @Test
  void deleteRemovesAKeyAndFailsWhenAbsent() {
    Config cfg = compose(null, List.of("~sampling.balanced", "~allow_gpu=true")).config();
    assertFalse(cfg.has("sampling.balanced"));
    assertFalse(cfg.has("allow_gpu"));
    assertTrue(cfg.has("sampling.batch_size"));
    ConfigException e = fails(null, List.of("~sampling.balance"));
    assertContains(e.getMessage(), "'sampling.balance'", "Did you mean 'sampling.balanced'");
    ConfigException wrong = fails(null, List.of("~seed=41"));
    assertContains(wrong.getMessage(), "'seed'", "42", "~seed");
  }

  @Test
  void overrideWithoutEqualsExplainsTheSyntax() {
    for (String bad : List.of("seed", "+seed")) {
      ConfigException e = fails(null, List.of(bad));
      assertContains(e.getMessage(), "'" + bad + "'", "no '='", "key.path=value", "+key.path=value", "~key.path",
          "group=option");
    }
    ConfigException empty = fails(null, List.of("=3"));
    assertContains(empty.getMessage(), "no valid key");
    ConfigException dots = fails(null, List.of("a..b=3"));
    assertContains(dots.getMessage(), "a..b=3");
  }

  @Test
  void badValueSyntaxNamesTheOverride() {
    ConfigException e = fails(null, List.of("task_list=[a,b"));
    assertContains(e.getMessage(), "task_list=[a,b");
  }

  @Test
  void settingBelowAScalarIsAnError() {
    ConfigException e = fails(null, List.of("seed.x=1"));
    assertContains(e.getMessage(), "'seed'", "not a mapping");
    ConfigException add = fails(null, List.of("+seed.x=1"));
    assertContains(add.getMessage(), "'seed'", "not a mapping");
  }

  @Test
  void unknownGroupOptionListsOptionsAndClosest() {
    ConfigException e = fails(null, List.of("tasks=dem"));
    assertEquals("tasks", e.keyPath());
    assertContains(e.getMessage(), "'tasks'", "'dem'", "demo, none", "Did you mean 'demo'", "command line");
    ConfigException unknownNested = fails(null, List.of("los/cls=ce"));
    assertContains(unknownNested.getMessage(), "'los/cls'", "Known groups");
    ConfigException several = fails(null, List.of("tasks=[demo,none]"));
    assertContains(several.getMessage(), "takes one", "demo, none");
  }

  @Test
  void unknownModeListsModesAndClosest() {
    ConfigException e = fails("buz", List.of());
    assertEquals("mode", e.keyPath());
    assertContains(e.getMessage(), "'buz'", "buzz", "Did you mean 'buzz'");
    ConfigException viaOverride = fails(null, List.of("mode=bzz"));
    assertContains(viaOverride.getMessage(), "'bzz'", "Did you mean 'buzz'");
  }

  @Test
  void unknownOptionInAFilesDefaultsNamesTheFile() {
    Path f = write(tmp, "tasks/wrong.yaml", "# @package _global_\ndefaults:\n  - sampling: ful\n");
    ConfigException e = fails(null, List.of("tasks=wrong"), tmp);
    assertContains(e.getMessage(), "'ful'", f.toString(), "Did you mean 'full'");
  }

  @Test
  void userFolderOptionOverridesBuiltInDuringComposition() {
    write(tmp, "sampling/full.yaml", "batch_size: 8\n");
    write(tmp, "tasks/mine.yaml", "# @package _global_\ntask_list: [m1]\n");
    ComposedConfig c = compose(null, List.of("tasks=mine"), tmp);
    assertEquals(8, c.config().getInt("sampling.batch_size"));
    assertFalse(c.config().has("sampling.sample_num"), "the user file replaces the built-in file, not merges");
    assertEquals(List.of("m1"), c.config().getList("task_list", String.class));
  }

  @Test
  void yamlOutputRoundTrips() throws Exception {
    ComposedConfig c = compose("buzz", List.of("tasks=demo", "+text='007'", "+empty=''", "+yes='true'"));
    JsonNode back = new YAMLMapper().readTree(c.toYaml());
    assertEquals(c.config().tree(), back);
    assertFalse(c.toYaml().startsWith("---"));
    assertContains(c.selectionYaml(), "mode: buzz", "tasks: demo", "- tasks=demo");
  }
}
