package io.mml.runtime.tasktype.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import io.mml.runtime.config.Config;
import io.mml.runtime.config.ConfigException;

/** Reads the optional settings of a loss option (missing or null keys take their defaults). */
final class Settings {
  private Settings() {}

  static double number(Config settings, String key, String route, double fallback) {
    JsonNode n = settings.node(key).orElse(null);
    if (n == null || n.isNull()) {
      return fallback;
    }
    if (!n.isNumber()) {
      throw new ConfigException("loss." + route + "." + key,
          "Config key 'loss." + route + "." + key + "' must be a number; found '" + n + "'.");
    }
    return n.asDouble();
  }

  static String text(Config settings, String key, String fallback) {
    JsonNode n = settings.node(key).orElse(null);
    return n == null || n.isNull() ? fallback : n.asText();
  }
}
