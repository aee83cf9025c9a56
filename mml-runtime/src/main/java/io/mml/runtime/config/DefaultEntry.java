package io.mml.runtime.config;

/**
 * One entry of a defaults list: {@code - group: option}, or {@code - _self_} (the file's own
 * content).
 *
 * @param group the group ({@code loss/cls}), or {@code _self_}
 * @param option the selected option; {@code null} deselects the group (and for {@code _self_})
 */
public record DefaultEntry(String group, String option) {
  /** The group name of the {@code _self_} marker. */
  public static final String SELF = "_self_";

  /** Whether this is the {@code _self_} marker. */
  public boolean isSelf() {
    return SELF.equals(group);
  }
}
