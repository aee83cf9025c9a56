package io.mml.runtime.models;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mml.runtime.config.Config;
import io.mml.runtime.config.Yaml;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Arch sub-configs for tests: the shipped options, and the shipped option with a few keys changed. */
public final class ArchConfigs {
  private ArchConfigs() {}

  /** The shipped {@code arch/<name>.yaml}. */
  public static Config shipped(String name) {
    try (InputStream in = ArchConfigs.class.getResourceAsStream("/META-INF/mml/configs/arch/" + name + ".yaml")) {
      return Config.of(Yaml.parseMapping(new String(in.readAllBytes(), StandardCharsets.UTF_8), name));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * The shipped option of the text's {@code type} (mlp, cnn, resnet18, mobilenet) with the text's
   * keys written over it: a test names only what differs, the YAML supplies the rest (as the
   * composed config does). An unknown type is returned as written.
   */
  public static Config with(String text) {
    ObjectNode given = Yaml.parseMapping(text, "test");
    String type = given.path("type").asText();
    String option = switch (type) {
      case "mlp", "cnn", "mobilenet" -> type;
      case "resnet" -> "resnet18";
      default -> null;
    };
    if (option == null) {
      return Config.of(given);
    }
    ObjectNode base = shipped(option).tree().deepCopy();
    base.setAll(given);
    return Config.of(base);
  }
}
