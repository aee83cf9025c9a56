package io.mml.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** Command-line values as Yaml.parseValue reads them. */
class YamlValueTest {
  @Test
  void taggedTaskNamesInAListNeedNoQuotes() {
    JsonNode n = Yaml.parseValue("[demo_shapes+subset?0_5,demo_tissue, 'x+nested?1']", "task_list");
    assertEquals(3, n.size());
    assertEquals("demo_shapes+subset?0_5", n.get(0).asText());
    assertEquals("demo_tissue", n.get(1).asText());
    assertEquals("x+nested?1", n.get(2).asText());
  }

  @Test
  void ordinaryListsAndScalarsKeepTheirTypes() {
    assertEquals(2, Yaml.parseValue("[1, 2]", "k").get(1).asInt());
    assertEquals(true, Yaml.parseValue("[1, 2]", "k").get(1).isInt());
    assertEquals("a", Yaml.parseValue("[a,[b,c]]", "k").get(0).asText());
    assertEquals(7, Yaml.parseValue("7", "k").asInt());
  }
}
