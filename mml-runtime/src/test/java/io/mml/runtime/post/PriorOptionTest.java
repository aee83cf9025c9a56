package io.mml.runtime.post;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mml.runtime.config.ConfigException;
import org.junit.jupiter.api.Test;

class PriorOptionTest {
  @Test
  void parsesValTestAndExplicitPriors() {
    assertEquals(PriorOption.Source.VAL, PriorOption.parse("val").source());
    assertEquals(PriorOption.Source.TEST, PriorOption.parse(" TEST ").source());
    PriorOption given = PriorOption.parse("1,3");
    assertEquals(PriorOption.Source.GIVEN, given.source());
    assertArrayEquals(new double[] {0.25, 0.75}, given.values(), 1e-12, "normalised to sum 1");
    assertArrayEquals(new double[] {0.5, 0.5}, PriorOption.parse("[0.5, 0.5]").values(), 1e-12);
    assertEquals("[0.25, 0.75]", given.describe());
  }

  @Test
  void badPriorsNameTheKeyAndTheFix() {
    for (String bad : new String[] {"quantify", "0.5,-0.5", "1", "0.2,abc", ""}) {
      ConfigException e = assertThrows(ConfigException.class, () -> PriorOption.parse(bad), bad);
      assertEquals("mode.prior", e.keyPath());
      assertTrue(e.getMessage().contains("mode.prior="), e.getMessage());
    }
    ConfigException e = assertThrows(ConfigException.class, () -> PriorOption.parse("0.5,0.5").checkClasses("t", 3));
    assertTrue(e.getMessage().contains("task t has 3 classes"), e.getMessage());
  }
}
