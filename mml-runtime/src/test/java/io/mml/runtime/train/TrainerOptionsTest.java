package io.mml.runtime.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.mml.runtime.config.Config;
import io.mml.runtime.config.ConfigException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** The trainer group as a typed value: defaults from trainer/default.yaml, every value checked. */
class TrainerOptionsTest {
  private static Config trainer(String key, Object value) throws Exception {
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    ObjectNode root = yaml.createObjectNode();
    try (InputStream in = TrainerOptionsTest.class.getResourceAsStream("/META-INF/mml/configs/trainer/default.yaml")) {
      ObjectNode t = (ObjectNode) yaml.readTree(in);
      if (key != null) {
        if (value == null) {
          t.remove(key);
        } else {
          t.set(key, yaml.valueToTree(value));
        }
      }
      root.set("trainer", t);
    }
    return Config.of(root);
  }

  @Test
  void theDefaultsComeFromTheYaml() throws Exception {
    TrainerOptions o = TrainerOptions.from(trainer(null, null));
    assertEquals(15, o.maxEpochs());
    assertEquals("val_loss", o.monitor());
    assertEquals(1.0, o.checkpointMinutes());
    assertEquals("auto", o.device());
  }

  @Test
  void outOfRangeValuesNameTheKeyAndTheRange() throws Exception {
    for (int bad : new int[] {0, -3}) {
      ConfigException e = assertThrows(ConfigException.class, () -> TrainerOptions.from(trainer("max_epochs", bad)));
      assertTrue(e.getMessage().contains("trainer.max_epochs") && e.getMessage().contains(">= 1"), e.getMessage());
    }
    ConfigException e = assertThrows(ConfigException.class,
        () -> TrainerOptions.from(trainer("checkpoint_minutes", -1)));
    assertTrue(e.getMessage().contains("trainer.checkpoint_minutes"), e.getMessage());
    assertThrows(ConfigException.class, () -> TrainerOptions.from(trainer("num_threads", 0)));
    assertThrows(ConfigException.class, () -> TrainerOptions.from(trainer("device", "tpu")));
  }

  @Test
  void wrongTypesAndMissingKeysAreErrors() throws Exception {
    ConfigException e = assertThrows(ConfigException.class, () -> TrainerOptions.from(trainer("max_epochs", "abc")));
    assertTrue(e.getMessage().contains("trainer.max_epochs"), e.getMessage());
    ConfigException m = assertThrows(ConfigException.class, () -> TrainerOptions.from(trainer("monitor", null)));
    assertTrue(m.getMessage().contains("trainer.monitor") && m.getMessage().contains("missing"), m.getMessage());
  }
}
