package io.mml.runtime.config;

import static io.mml.runtime.config.ConfigFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InterpolationTest {
  @TempDir Path tmp;

  /** Composes a root config written to a temp folder, with the given environment. */
  private Config root(String yaml, Map<String, String> env, String... overrides) {
    write(tmp, "config_mml.yaml", yaml);
    return new ConfigComposer(ConfigFixtures.sources(tmp), env::get).compose(null, List.of(overrides)).config();
  }

  private ConfigException fails(String yaml, Map<String, String> env) {
    return assertThrows(ConfigException.class, () -> root(yaml, env));
  }

  @Test
  void wholeReferenceKeepsTheType() {
    Config c = root("n: 3\nf: 0.5\nb: true\nl: [1, 2]\nm: {x: 1}\nz: null\n"
        + "rn: ${n}\nrf: ${f}\nrb: ${b}\nrl: ${l}\nrm: ${m}\nrz: ${z}\n", Map.of());
    assertTrue(c.node("rn").orElseThrow().isInt());
    assertEquals(3, c.getInt("rn"));
    assertTrue(c.node("rf").orElseThrow().isDouble());
    assertTrue(c.node("rb").orElseThrow().isBoolean());
    assertEquals(List.of(1, 2), c.getList("rl", Integer.class));
    assertEquals(1, c.getInt("rm.x"));
    assertTrue(c.node("rz").orElseThrow().isNull());
  }

  @Test
  void embeddedReferencesConcatenateAsText() {
    Config c = root("a: 1\nb: x\nz: null\ns: ${b}-${a}/${z}\n", Map.of());
    assertEquals("x-1/null", c.getString("s"));
    assertTrue(c.node("s").orElseThrow().isTextual());
  }

  @Test
  void nestedReferencesResolveRecursivelyInAnyOrder() {
    Config c = root("first: ${second}/a\nsecond: ${third.deep}/b\nthird:\n  deep: ${base}\nbase: root\n"
        + "list:\n  - ${base}\n  - x${base}\n", Map.of());
    assertEquals("root/b/a", c.getString("first"));
    assertEquals(List.of("root", "xroot"), c.getList("list", String.class));
  }

  @Test
  void referencesSeeOverriddenValues() {
    Config c = root("out: /o\nproj: p\nproj_path: ${out}/${proj}\n", Map.of(), "proj=mine");
    assertEquals("/o/mine", c.getString("proj_path"));
  }

  @Test
  void environmentVariablesWithAndWithoutDefaults() {
    Config c = root("a: ${env:HOME_DIR}\nb: ${env:MISSING,fallback}\nn: ${env:MISSING,4}\ne: ${env:NUM}\n"
        + "x: dir=${env:HOME_DIR}\nd: ${env:MISSING,${a}/sub}\nempty: ${env:MISSING,}\nold: ${oc.env:HOME_DIR}\n",
        Map.of("HOME_DIR", "/home/u", "NUM", "12"));
    assertEquals("/home/u", c.getString("a"));
    assertEquals("fallback", c.getString("b"));
    assertTrue(c.node("n").orElseThrow().isInt(), "a numeric default keeps its type");
    assertTrue(c.node("e").orElseThrow().isInt(), "a numeric environment value becomes a number");
    assertEquals(12, c.getInt("e"));
    assertEquals("dir=/home/u", c.getString("x"));
    assertEquals("/home/u/sub", c.getString("d"));
    assertEquals("", c.getString("empty"));
    assertEquals("/home/u", c.getString("old"));
  }

  @Test
  void environmentTextThatOnlyLooksNumericStaysText() {
    Config c = root("a: ${env:A}\nb: ${env:B}\nc: ${env:C}\nd: ${env:D}\n",
        Map.of("A", "007", "B", "yes", "C", "2.5", "D", "true"));
    assertEquals("007", c.getString("a"));
    assertTrue(c.node("a").orElseThrow().isTextual());
    assertTrue(c.node("b").orElseThrow().isTextual());
    assertTrue(c.node("c").orElseThrow().isDouble());
    assertTrue(c.node("d").orElseThrow().isBoolean());
  }

  @Test
  void builtInSysUsesTheEnvironment() {
    Map<String, String> env = Map.of("MML_DATA_PATH", "/d", "MML_RESULTS_PATH", "/r", "MML_LOCAL_WORKERS", "6");
    Config c = new ConfigComposer(ConfigFixtures.sources(), env::get).compose(null, List.of("proj=exp1")).config();
    assertEquals("/d", c.getString("data_dir"));
    assertEquals("/r/exp1", c.getString("proj_path"));
    assertTrue(c.node("num_workers").orElseThrow().isInt());
    assertEquals(6, c.getInt("num_workers"));
  }

  @Test
  void missingEnvironmentVariableNamesKeyAndVariable() {
    ConfigException e = fails("section:\n  path: ${env:NOT_SET_ANYWHERE}\n", Map.of());
    assertEquals("section.path", e.keyPath());
    assertTrue(e.getMessage().contains("'section.path'") && e.getMessage().contains("NOT_SET_ANYWHERE")
        && e.getMessage().contains("${env:NOT_SET_ANYWHERE,<default>}"), e.getMessage());
  }

  @Test
  void missingKeyNamesReferrerAndTargetWithClosest() {
    ConfigException e = fails("out_dir: /o\nproj_path: ${out_dr}/x\n", Map.of());
    assertEquals("proj_path", e.keyPath());
    assertTrue(e.getMessage().contains("'proj_path'") && e.getMessage().contains("${out_dr}")
        && e.getMessage().contains("Did you mean 'out_dir'"), e.getMessage());
    ConfigException deep = fails("a:\n  b: 1\nc: ${a.x}\n", Map.of());
    assertTrue(deep.getMessage().contains("'c'") && deep.getMessage().contains("'a.x'"), deep.getMessage());
  }

  @Test
  void cyclesAreReportedWithTheChain() {
    ConfigException e = fails("a: ${b}\nb: x${c}\nc: ${a}\n", Map.of());
    assertTrue(e.getMessage().contains("cycle") && e.getMessage().contains("a -> b -> c -> a"), e.getMessage());
    assertEquals("a", e.keyPath());
    ConfigException self = fails("s: ${s}\n", Map.of());
    assertTrue(self.getMessage().contains("s -> s"), self.getMessage());
    ConfigException container = fails("m:\n  k: ${m}\n", Map.of());
    assertTrue(container.getMessage().contains("m.k"), container.getMessage());
  }

  @Test
  void escapedReferenceStaysLiteral() {
    Config c = root("a: \\${not.a.ref}\nb: ${a}\n", Map.of());
    assertEquals("${not.a.ref}", c.getString("a"));
    assertEquals("${not.a.ref}", c.getString("b"));
  }

  @Test
  void environmentValuesAreNotInterpolatedAgain() {
    Config c = root("a: ${env:WEIRD}\nb: ${a}\n", Map.of("WEIRD", "${nope}"));
    assertEquals("${nope}", c.getString("a"));
    assertEquals("${nope}", c.getString("b"));
  }

  @Test
  void unclosedReferenceAndEmbeddedMappingAreErrors() {
    ConfigException open = fails("a: ${b\n", Map.of());
    assertTrue(open.getMessage().contains("'a'") && open.getMessage().contains("unclosed"), open.getMessage());
    ConfigException embed = fails("m: {x: 1}\na: pre-${m}\n", Map.of());
    assertTrue(embed.getMessage().contains("'a'") && embed.getMessage().contains("mapping"), embed.getMessage());
  }

  @Test
  void reuseCurrentRefersToTheProject() {
    Config c = ConfigFixtures.compose(null, List.of("reuse=current", "proj=p7")).config();
    assertEquals("p7", c.getString("reuse.models"));
  }
}
