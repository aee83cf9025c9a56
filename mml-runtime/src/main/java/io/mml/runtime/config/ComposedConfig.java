package io.mml.runtime.config;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result of composing: the interpolated config, which option was chosen for each group, and
 * the command-line overrides that were applied (what a run folder records to reproduce the run).
 *
 * @param config the composed, interpolated config
 * @param choices group to chosen option, in merge order ({@code mode} last)
 * @param overrides the overrides as given, in order
 */
public record ComposedConfig(Config config, Map<String, String> choices, List<String> overrides) {
  public ComposedConfig {
    choices = Collections.unmodifiableMap(new LinkedHashMap<>(choices));
    overrides = List.copyOf(overrides);
  }

  /** The chosen mode id ({@code choices.get("mode")}), or null when no mode was applied. */
  public String modeId() {
    return choices.get("mode");
  }

  /** The config as YAML text. */
  public String toYaml() {
    return Yaml.write(config.tree());
  }

  /** The choices and overrides as YAML text ({@code choices:} and {@code overrides:}). */
  public String selectionYaml() {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    ObjectNode c = n.putObject("choices");
    choices.forEach(c::put);
    overrides.forEach(n.putArray("overrides")::add);
    return Yaml.write(n);
  }
}
