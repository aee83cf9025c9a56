package io.mml.runtime.tasks;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The errors of a bad task description file, all in one form: the file, the key (when there is
 * one) and the problem, e.g. {@code TASK_x.json: key 'means': must be a list of numbers ...}.
 */
final class DescriptionErrors {
  private DescriptionErrors() {}

  /** {@code <where>: key '<key>': <problem>}; without the key part when {@code key} is null. */
  static TaskException error(String where, String key, String problem) {
    return new TaskException(where + (key == null ? "" : ": key '" + key + "'") + ": " + problem);
  }

  /** The value of {@code key} is not {@code want}; names the JSON type found (and a plain value itself). */
  static TaskException wrongType(String where, String key, String want, JsonNode found) {
    return error(where, key, "must be " + want + ", found " + found.getNodeType().toString().toLowerCase()
        + (found.isValueNode() ? " " + found : ""));
  }

  /** The value of {@code key} is not {@code want}; names the token found while streaming. */
  static TaskException wrongType(String where, String key, String want, JsonToken found) {
    return error(where, key, "must be " + want + ", found " + found);
  }
}
