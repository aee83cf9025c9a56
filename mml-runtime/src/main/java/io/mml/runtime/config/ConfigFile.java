package io.mml.runtime.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One parsed config file: the root config or a group option.
 *
 * @param group the group ({@code loss/cls}); empty for the root config
 * @param option the option name ({@code ce}); {@code config_mml} for the root config
 * @param origin where it was read from (a file path or {@code jar!/entry}), for messages
 * @param packagePath where its content is merged: empty for the top level ({@code @package
 *     _global_}), else a dotted key path (by default the group, {@code loss.cls})
 * @param defaults its own defaults list, in order
 * @param content its content without the {@code defaults} key (callers get a copy)
 */
public record ConfigFile(
    String group, String option, String origin, String packagePath, List<DefaultEntry> defaults, ObjectNode content) {
  public ConfigFile {
    defaults = List.copyOf(defaults);
    content = content.deepCopy();
  }

  @Override
  public ObjectNode content() {
    return content.deepCopy();
  }

  /** Whether the content is merged at the top level. */
  public boolean global() {
    return packagePath.isEmpty();
  }

  /** {@code group/option}, or the option alone for the root config. */
  public String id() {
    return group.isEmpty() ? option : group + "/" + option;
  }
}
