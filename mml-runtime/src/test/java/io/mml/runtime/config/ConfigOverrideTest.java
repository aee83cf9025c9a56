package io.mml.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mml.runtime.config.ConfigOverride.Op;
import org.junit.jupiter.api.Test;

class ConfigOverrideTest {
  @Test
  void theGrammarsFormsParse() {
    assertEquals(new ConfigOverride(Op.SET, "trainer.max_epochs", "3", "trainer.max_epochs=3"),
        ConfigOverride.parse("trainer.max_epochs=3"));
    assertEquals(Op.ADD, ConfigOverride.parse("+new.key=[a,b]").op());
    assertEquals("[a,b]", ConfigOverride.parse("+new.key=[a,b]").value());
    assertEquals(Op.UPSERT, ConfigOverride.parse("++k=v").op());
    ConfigOverride del = ConfigOverride.parse("~mode.x");
    assertEquals(Op.DELETE, del.op());
    assertNull(del.value());
    assertEquals("1", ConfigOverride.parse("~mode.x=1").value(), "delete only if it has that value");
    ConfigOverride group = ConfigOverride.parse("loss/cls=focal");
    assertEquals("loss/cls", group.key());
    assertEquals("loss.cls", group.dottedKey());
    assertEquals("a=b", ConfigOverride.parse("k=a=b").value(), "only the first '=' splits");
    assertEquals("", ConfigOverride.parse("tasks=").value());
  }

  @Test
  void malformedOverridesNameTheOverrideAndTheGrammar() {
    ConfigException noEq = assertThrows(ConfigException.class, () -> ConfigOverride.parse("+key"));
    assertTrue(noEq.getMessage().contains("'+key' has no '='") && noEq.getMessage().contains("Overrides look like"),
        noEq.getMessage());
    for (String bad : new String[] {"=3", ".a=1", "a.=1", "a..b=1", "a b=1", "~"}) {
      assertThrows(ConfigException.class, () -> ConfigOverride.parse(bad), bad);
      assertTrue(ConfigOverride.tryParse(bad).isEmpty(), bad);
    }
  }

  @Test
  void keysUnderAPrefixAndWordsThatAreOverrides() {
    assertTrue(ConfigOverride.parse("executor.wait=true").isUnder("executor"));
    assertTrue(ConfigOverride.parse("executor=slurm").isUnder("executor"));
    assertFalse(ConfigOverride.parse("executors.x=1").isUnder("executor"));
    assertTrue(ConfigOverride.looksLikeOne("~x"));
    assertTrue(ConfigOverride.looksLikeOne("a=1"));
    assertFalse(ConfigOverride.looksLikeOne("train"));
  }
}
