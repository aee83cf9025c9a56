package io.mml.runtime.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.ArrayList;
import java.util.List;

/** The YAML reader and writer shared by the config classes, with messages that name file and line. */
public final class Yaml {
  private static final YAMLMapper READER = new YAMLMapper();
  private static final YAMLMapper WRITER = YAMLMapper.builder()
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
      .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .build();

  private Yaml() {}

  /**
   * Parses a config file's text into a mapping; an empty file is an empty mapping.
   *
   * @param origin the file, for messages
   * @throws ConfigException naming the file and line on a syntax error or when the top level is
   *     not a mapping
   */
  public static ObjectNode parseMapping(String text, String origin) {
    JsonNode n;
    try {
      n = READER.readTree(quoteTaggedItems(text));
    } catch (JsonProcessingException e) {
      throw new ConfigException(origin, "Cannot parse config file " + origin + where(e) + ": " + problem(e)
          + ". Fix the YAML syntax there.", e);
    }
    if (n == null || n.isMissingNode() || n.isNull()) {
      return JsonNodeFactory.instance.objectNode();
    }
    if (!n.isObject()) {
      throw new ConfigException(origin, "Config file " + origin + " must hold a mapping (key: value lines) at the top"
          + " level; found " + Config.describe(n) + ".");
    }
    return (ObjectNode) n;
  }

  /**
   * Parses one value as YAML flow text ({@code 7}, {@code 0.5}, {@code true}, {@code null},
   * {@code [a,b]}, {@code 'quoted'}); the empty text is the empty string.
   *
   * @param what what the value is, for messages (an override, a key)
   */
  public static JsonNode parseValue(String text, String what) {
    if (text.isBlank()) {
      return JsonNodeFactory.instance.textNode(text);
    }
    JsonNode n;
    try {
      n = READER.readTree(quoteTaggedItems(text));
    } catch (JsonProcessingException e) {
      throw new ConfigException(what, "Cannot parse the value of " + what + ": " + problem(e)
          + ". Lists look like [a,b], text with special characters like 'a: b' (quoted).", e);
    }
    if (n == null || n.isMissingNode()) {
      return JsonNodeFactory.instance.textNode(text);
    }
    // "a: b" is a block mapping to YAML; on a command line it is meant as text.
    if (n.isObject() && !text.trim().startsWith("{")) {
      return JsonNodeFactory.instance.textNode(text);
    }
    return n;
  }

  /**
   * Quotes the plain items of a flow list that contain '?' ({@code [a+subset?0_5]}): YAML reads a
   * '?' there as a mapping-key indicator, while on a command line it is part of a tagged task name.
   */
  static String quoteTaggedItems(String text) {
    String t = text.trim();
    if (!t.startsWith("[") || !t.endsWith("]") || t.indexOf('?') < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder("[");
    int depth = 0;
    int start = 1;
    for (int i = 1; i < t.length(); i++) {
      char c = t.charAt(i);
      if (c == '[' || c == '{') {
        depth++;
      } else if ((c == ']' || c == '}') && depth > 0) {
        depth--;
      } else if ((c == ',' && depth == 0) || i == t.length() - 1) {
        String item = t.substring(start, i).trim();
        boolean quoted = item.startsWith("'") || item.startsWith("\"");
        if (!quoted && item.indexOf('?') >= 0 && item.indexOf('[') < 0 && item.indexOf('{') < 0) {
          item = "'" + item.replace("'", "''") + "'";
        }
        out.append(item);
        if (c == ',') {
          out.append(", ");
        }
        start = i + 1;
      }
    }
    return out.append(']').toString();
  }

  /** The tree as block YAML text, without a document marker. */
  public static String write(JsonNode tree) {
    try {
      return WRITER.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write YAML: " + e.getMessage(), e);
    }
  }

  private static String where(JsonProcessingException e) {
    JsonLocation loc = e.getLocation();
    if (loc == null || loc.getLineNr() < 1) {
      return "";
    }
    return ", line " + loc.getLineNr() + (loc.getColumnNr() > 0 ? ", column " + loc.getColumnNr() : "");
  }

  /** The parser's complaint without the echoed source lines and carets. */
  private static String problem(JsonProcessingException e) {
    String msg = e.getOriginalMessage() == null ? e.toString() : e.getOriginalMessage();
    List<String> kept = new ArrayList<>();
    for (String line : msg.split("\\R")) {
      String t = line.strip();
      if (t.isEmpty() || line.startsWith(" ") || t.startsWith("in 'reader'") || t.startsWith("^")) {
        continue;
      }
      kept.add(t);
    }
    return kept.isEmpty() ? msg.strip() : String.join(" ", kept);
  }
}
