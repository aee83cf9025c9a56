package io.mml.runtime.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import io.mml.runtime.config.Config;
import io.mml.runtime.config.ConfigException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Expands {@code task_list}, {@code tagging.*} and {@code pivot.*} into the run's task list. */
final class TaskLists {
  private TaskLists() {}

  /**
   * The expanded task list.
   *
   * @param all every task, in order, the pivot included
   * @param pivot the pivot, if set
   */
  record Expanded(List<String> all, Optional<String> pivot) {}

  static Expanded expand(Config config) {
    List<String> base = config.has("task_list") && !config.node("task_list").orElseThrow().isNull()
        ? config.getList("task_list", String.class)
        : List.of();
    String allTags = optionalString(config, "tagging.all");
    if (!allTags.isEmpty() && !allTags.startsWith("+")) {
      throw new ConfigException("tagging.all", "Config key 'tagging.all' must start with '+' (e.g. +subset?0_1); found '"
          + allTags + "'.");
    }
    List<String> variants = config.has("tagging.variants") && !config.node("tagging.variants").orElseThrow().isNull()
        ? config.getList("tagging.variants", String.class)
        : List.of();
    for (String v : variants) {
      if (!v.startsWith("+")) {
        throw new ConfigException("tagging.variants", "Every entry of 'tagging.variants' must start with '+'"
            + " (+identity keeps the untagged task); found '" + v + "'.");
      }
    }
    List<String> out = new ArrayList<>();
    for (String t : base) {
      if (t == null || t.isBlank()) {
        throw new ConfigException("task_list", "Config key 'task_list' contains an empty task name.");
      }
      if (t.chars().anyMatch(Character::isWhitespace)) {
        throw new ConfigException("task_list", "Task name '" + t + "' in task_list contains whitespace; task names"
            + " never do. Separate tasks with commas: task_list=[a,b].");
      }
      String tagged = t + allTags;
      if (variants.isEmpty()) {
        out.add(tagged);
      } else {
        for (String v : variants) {
          out.add(v.equals("+identity") ? tagged : tagged + v);
        }
      }
    }
    Optional<String> pivot = Optional.empty();
    String pivotName = optionalString(config, "pivot.name");
    if (!pivotName.isEmpty()) {
      String p = pivotName + optionalString(config, "pivot.tags");
      pivot = Optional.of(p);
      if (!out.contains(p)) {
        out.add(p);
      }
    }
    Set<String> seen = new LinkedHashSet<>();
    for (String t : out) {
      if (!seen.add(t)) {
        throw new ConfigException("task_list", "Task '" + t + "' appears twice in the expanded task list (task_list,"
            + " tagging and pivot together). List each task once; to train a copy, use a tag such as '" + t
            + "+identity'.");
      }
    }
    return new Expanded(List.copyOf(out), pivot);
  }

  private static String optionalString(Config config, String path) {
    if (!config.has(path)) {
      return "";
    }
    JsonNode n = config.node(path).orElseThrow();
    return n.isNull() ? "" : n.asText().trim();
  }
}
