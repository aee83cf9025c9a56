package io.mml.runtime.tasks;

import static io.mml.runtime.tasks.DescriptionErrors.error;
import static io.mml.runtime.tasks.DescriptionErrors.wrongType;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns the header values read from a description file into a {@link TaskHeader}: every header
 * key present, and each value of its type (strings, counts, lists of numbers, the class map, ...),
 * else an error naming the file and the key.
 */
final class HeaderConverter {
  private HeaderConverter() {}

  /**
   * The header of the values by key; {@code firstBodyKey}, when the header was read alone, is the
   * body key that ended it (named when a header key is missing).
   */
  static TaskHeader toHeader(Map<String, JsonNode> n, String where, String firstBodyKey) {
    for (String k : TaskDescriptions.HEADER_KEYS) {
      if (!n.containsKey(k)) {
        String hint = firstBodyKey == null ? "" : " before the first body key '" + firstBodyKey
            + "' (header keys must come first: " + String.join(", ", TaskDescriptions.HEADER_KEYS) + ")";
        throw error(where, k, "header key is missing" + hint);
      }
    }
    return new TaskHeader(
        text(n, "name", where),
        text(n, "task_type", where),
        texts(n.get("keywords"), "keywords", where),
        modalities(n.get("modalities"), where),
        numbers(n.get("means"), "means", where),
        numbers(n.get("stds"), "stds", where),
        sizes(n.get("sizes"), where),
        idxToClass(n.get("idx_to_class"), where),
        classOcc(n.get("class_occ"), where),
        count(n, "num_folds", where),
        count(n, "num_samples", where),
        text(n, "description", where),
        text(n, "license", where),
        text(n, "release", where),
        text(n, "reference", where),
        text(n, "url", where),
        text(n, "creation_protocol", where));
  }

  private static String text(Map<String, JsonNode> n, String key, String where) {
    JsonNode v = n.get(key);
    if (!v.isTextual()) {
      throw wrongType(where, key, "a string", v);
    }
    return v.asText();
  }

  private static int count(Map<String, JsonNode> n, String key, String where) {
    JsonNode v = n.get(key);
    if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < 0) {
      throw wrongType(where, key, "a non-negative integer", v);
    }
    return v.asInt();
  }

  private static List<String> texts(JsonNode v, String key, String where) {
    if (!v.isArray()) {
      throw wrongType(where, key, "a list of strings", v);
    }
    List<String> out = new ArrayList<>();
    for (JsonNode e : v) {
      if (!e.isTextual()) {
        throw wrongType(where, key, "a list of strings", e);
      }
      out.add(e.asText());
    }
    return out;
  }

  private static Map<String, List<String>> modalities(JsonNode v, String where) {
    if (!v.isObject()) {
      throw wrongType(where, "modalities", "an object of modality to list of file suffixes", v);
    }
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> e = it.next();
      out.put(e.getKey(), texts(e.getValue(), "modalities." + e.getKey(), where));
    }
    return out;
  }

  private static List<Double> numbers(JsonNode v, String key, String where) {
    if (!v.isArray()) {
      throw wrongType(where, key, "a list of numbers (one per channel)", v);
    }
    List<Double> out = new ArrayList<>();
    for (JsonNode e : v) {
      if (!e.isNumber()) {
        throw wrongType(where, key, "a list of numbers (one per channel)", e);
      }
      out.add(e.asDouble());
    }
    return out;
  }

  private static List<Integer> sizes(JsonNode v, String where) {
    String want = "a list [minHeight, maxHeight, minWidth, maxWidth] of non-negative integers";
    if (!v.isArray() || v.size() != 4) {
      throw wrongType(where, "sizes", want, v);
    }
    List<Integer> out = new ArrayList<>();
    for (JsonNode e : v) {
      if (!e.isIntegralNumber() || e.asInt() < 0) {
        throw wrongType(where, "sizes", want, e);
      }
      out.add(e.asInt());
    }
    return out;
  }

  private static TreeMap<Integer, String> idxToClass(JsonNode v, String where) {
    if (!v.isObject()) {
      throw wrongType(where, "idx_to_class", "an object of class index to class name", v);
    }
    TreeMap<Integer, String> out = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> e = it.next();
      int idx;
      try {
        idx = Integer.parseInt(e.getKey());
      } catch (NumberFormatException nfe) {
        throw error(where, "idx_to_class", "'" + e.getKey() + "' is not an integer class index");
      }
      if (!e.getValue().isTextual()) {
        throw wrongType(where, "idx_to_class." + e.getKey(), "a class name (string)", e.getValue());
      }
      out.put(idx, e.getValue().asText());
    }
    return out;
  }

  private static Map<String, Long> classOcc(JsonNode v, String where) {
    if (!v.isObject()) {
      throw wrongType(where, "class_occ", "an object of class name to count", v);
    }
    Map<String, Long> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isIntegralNumber() || e.getValue().asLong() < 0) {
        throw wrongType(where, "class_occ." + e.getKey(), "a non-negative integer count", e.getValue());
      }
      out.put(e.getKey(), e.getValue().asLong());
    }
    return out;
  }
}
