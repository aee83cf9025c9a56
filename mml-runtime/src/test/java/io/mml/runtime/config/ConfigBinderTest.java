package io.mml.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigBinderTest {
  /** A small group: every component required, a range check in the constructor. */
  record Group(int maxEpochs, double minDelta, boolean progressBar, String monitor, List<Integer> sizes) {
    Group {
      if (maxEpochs < 1) {
        throw new ConfigException("g.max_epochs", "Config key 'g.max_epochs' must be >= 1; found " + maxEpochs + ".");
      }
    }
  }

  private static Config yaml(String text) throws Exception {
    return Config.of((ObjectNode) new ObjectMapper(new YAMLFactory()).readTree(text));
  }

  private static ConfigException fails(String group) throws Exception {
    Config c = yaml("g:\n" + group);
    return assertThrows(ConfigException.class, () -> ConfigBinder.bind(c, "g", Group.class));
  }

  private static final String OK = "  max_epochs: 3\n  min_delta: 0.5\n  progress_bar: true\n  monitor: val_loss\n"
      + "  sizes: [1, 2]\n";

  @Test
  void aGroupBindsWithSnakeCaseKeysAndStringsFromTheCommandLine() throws Exception {
    Group g = ConfigBinder.bind(yaml("g:\n" + OK), "g", Group.class);
    assertEquals(new Group(3, 0.5, true, "val_loss", List.of(1, 2)), g);
    Group s = ConfigBinder.bind(yaml("g:\n" + OK.replace("max_epochs: 3", "max_epochs: '7'")), "g", Group.class);
    assertEquals(7, s.maxEpochs(), "an override given as text converts");
  }

  @Test
  void unknownMissingMistypedNullAndOutOfRangeKeysNameTheKeyPath() throws Exception {
    ConfigException unknown = fails(OK + "  max_epoch: 4\n");
    assertEquals("g.max_epoch", unknown.keyPath());
    assertTrue(unknown.getMessage().contains("Did you mean 'max_epochs'"), unknown.getMessage());

    ConfigException missing = fails(OK.replace("  monitor: val_loss\n", ""));
    assertEquals("g.monitor", missing.keyPath());
    assertTrue(missing.getMessage().contains("missing"), missing.getMessage());

    ConfigException text = fails(OK.replace("max_epochs: 3", "max_epochs: abc"));
    assertEquals("g.max_epochs", text.keyPath());
    assertTrue(text.getMessage().contains("must be an integer") && text.getMessage().contains("abc"),
        text.getMessage());

    ConfigException fraction = fails(OK.replace("max_epochs: 3", "max_epochs: 2.5"));
    assertEquals("g.max_epochs", fraction.keyPath(), fraction.getMessage());

    ConfigException nul = fails(OK.replace("min_delta: 0.5", "min_delta: null"));
    assertEquals("g.min_delta", nul.keyPath());
    assertTrue(nul.getMessage().contains("must be a number"), nul.getMessage());

    ConfigException element = fails(OK.replace("sizes: [1, 2]", "sizes: [1, x]"));
    assertEquals("g.sizes[1]", element.keyPath(), element.getMessage());

    ConfigException range = fails(OK.replace("max_epochs: 3", "max_epochs: 0"));
    assertEquals("g.max_epochs", range.keyPath());
    assertTrue(range.getMessage().contains(">= 1"), range.getMessage());

    Config none = yaml("other: 1\n");
    ConfigException group = assertThrows(ConfigException.class, () -> ConfigBinder.bind(none, "g", Group.class));
    assertTrue(group.getMessage().contains("Config group 'g' is missing"), group.getMessage());
  }
}
