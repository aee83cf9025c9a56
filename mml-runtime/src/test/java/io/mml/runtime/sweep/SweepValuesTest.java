package io.mml.runtime.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mml.runtime.config.ConfigException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SweepValuesTest {
  @Test
  void commasChoicesAndRangesSweepListsDoNot() {
    assertEquals(Optional.of(List.of("1e-2", "1e-3")), SweepValues.parse("optimizer.lr", "1e-2,1e-3"));
    assertEquals(Optional.of(List.of("mlp", "cnn")), SweepValues.parse("arch", "choice(mlp, cnn)"));
    assertEquals(Optional.of(List.of("1", "2", "3", "4")), SweepValues.parse("k", "range(1,5)"));
    assertEquals(Optional.of(List.of("0", "0.25", "0.5", "0.75")), SweepValues.parse("k", "range(0,1,0.25)"));
    assertEquals(Optional.of(List.of("5", "3")), SweepValues.parse("k", "range(5,1,-2)"));
    assertEquals(Optional.of(List.of("[1,2]", "[3]")), SweepValues.parse("arch.hidden", "[1,2],[3]"));
    assertEquals(Optional.empty(), SweepValues.parse("arch.hidden", "[256,128]"));
    assertEquals(Optional.empty(), SweepValues.parse("proj", "plain"));
    assertEquals(Optional.of(List.of("'a,b'", "c")), SweepValues.parse("x", "'a,b',c"));
  }

  @Test
  void mistakesNameTheKeyAndTheFix() {
    ConfigException empty = assertThrows(ConfigException.class, () -> SweepValues.parse("k", "1,,2"));
    assertTrue(empty.getMessage().contains("k=1,2,3"), empty.getMessage());
    assertThrows(ConfigException.class, () -> SweepValues.parse("k", "range(1)"));
    assertThrows(ConfigException.class, () -> SweepValues.parse("k", "range(1,5,0)"));
    assertThrows(ConfigException.class, () -> SweepValues.parse("k", "range(5,1)"));
    ConfigException interval = assertThrows(ConfigException.class, () -> SweepValues.parse("k", "interval(0,1)"));
    assertTrue(interval.getMessage().contains("hpo=random"), interval.getMessage());
  }
}
