package io.mml.runtime.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Resolves {@code ${a.b}}, {@code ${env:VAR}} and {@code ${env:VAR,default}} in a config tree, in
 * place. A value that is exactly one reference takes the referenced value's type; references
 * inside longer text are concatenated as text; {@code \${} is a literal {@code ${}.
 */
final class Interpolator {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private final ObjectNode root;
  private final Function<String, String> env;
  /** Keys being resolved right now, in order: a repeat is a cycle. */
  private final LinkedHashSet<String> active = new LinkedHashSet<>();
  /** Keys already resolved (their text is final even when it contains "${" from an env value). */
  private final Set<String> done = new HashSet<>();

  Interpolator(ObjectNode root, Function<String, String> env) {
    this.root = root;
    this.env = env;
  }

  /** Resolves every value in the tree. */
  void resolveAll() {
    resolveChildren("", root);
  }

  private void resolveChildren(String path, JsonNode node) {
    if (node.isObject()) {
      List<String> names = new ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        resolveChild(node, name, -1, join(path, name));
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        resolveChild(node, null, i, path + "[" + i + "]");
      }
    }
  }

  /** Resolves the child of a container (by name or index) and returns its final value. */
  private JsonNode resolveChild(JsonNode parent, String name, int index, String path) {
    JsonNode child = name != null ? parent.get(name) : parent.get(index);
    if (child == null || done.contains(path)) {
      return child;
    }
    if (child.isContainerNode()) {
      // Only text references can loop; a container is re-entered harmlessly.
      resolveChildren(path, child);
      return child;
    }
    if (!child.isTextual() || !child.asText().contains("${")) {
      return child;
    }
    if (!active.add(path)) {
      throw cycle(path);
    }
    JsonNode value = resolveText(path, child.asText());
    active.remove(path);
    done.add(path);
    if (name != null) {
      ((ObjectNode) parent).set(name, value);
    } else {
      ((ArrayNode) parent).set(index, value);
    }
    return value;
  }

  /** The value of a text with references, for the key {@code path} that holds it. */
  private JsonNode resolveText(String path, String text) {
    List<Object> parts = new ArrayList<>(); // String literals and JsonNode values
    StringBuilder lit = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      if (text.startsWith("\\${", i)) {
        lit.append("${");
        i += 3;
      } else if (text.startsWith("${", i)) {
        int end = closing(text, i + 2);
        if (end < 0) {
          throw new ConfigException(path, "Config key '" + path + "' has an unclosed '${' in '" + text
              + "'. Close it with '}' or write \\${ for a literal ${.");
        }
        if (lit.length() > 0) {
          parts.add(lit.toString());
          lit.setLength(0);
        }
        parts.add(evaluate(path, text.substring(i + 2, end).strip()));
        i = end + 1;
      } else {
        lit.append(text.charAt(i++));
      }
    }
    if (lit.length() > 0) {
      parts.add(lit.toString());
    }
    if (parts.size() == 1 && parts.get(0) instanceof JsonNode n) {
      return n.deepCopy();
    }
    StringBuilder out = new StringBuilder();
    for (Object p : parts) {
      if (p instanceof JsonNode n) {
        if (n.isContainerNode()) {
          throw new ConfigException(path, "Config key '" + path + "' puts " + Config.describe(n) + " inside the text '"
              + text + "'; only single values can be embedded in text. Make the reference the whole value.");
        }
        out.append(n.isNull() ? "null" : n.asText());
      } else {
        out.append((String) p);
      }
    }
    return F.textNode(out.toString());
  }

  /** The index of the '}' that closes a reference whose body starts at {@code from}. */
  private static int closing(String text, int from) {
    int depth = 0;
    for (int i = from; i < text.length(); i++) {
      if (text.startsWith("${", i)) {
        depth++;
        i++;
      } else if (text.charAt(i) == '}') {
        if (depth == 0) {
          return i;
        }
        depth--;
      }
    }
    return -1;
  }

  private JsonNode evaluate(String path, String expr) {
    String envExpr = expr.startsWith("env:") ? expr.substring(4) : expr.startsWith("oc.env:") ? expr.substring(7) : null;
    if (envExpr != null) {
      int comma = topLevelComma(envExpr);
      String var = (comma < 0 ? envExpr : envExpr.substring(0, comma)).strip();
      String value = var.isEmpty() ? null : env.apply(var);
      if (value != null) {
        return scalar(value);
      }
      if (comma < 0) {
        throw new ConfigException(path, "Config key '" + path + "' needs the environment variable '" + var
            + "', which is not set. Set it (export " + var + "=...), give a default as ${env:" + var
            + ",<default>}, or override the key: " + path + "=<value>.");
      }
      String def = envExpr.substring(comma + 1).strip();
      if (def.contains("${")) {
        return resolveText(path, def);
      }
      return def.isEmpty() ? F.textNode("") : Yaml.parseValue(def, "the default of ${" + expr + "} in " + path);
    }
    if (expr.isEmpty()) {
      throw new ConfigException(path, "Config key '" + path + "' has an empty reference '${}'. Write ${some.key}.");
    }
    return lookup(path, expr);
  }

  /**
   * An environment value: plain decimal numbers and true/false keep their type, everything else
   * (paths, {@code 007}, {@code 0x1F}, {@code yes}) stays text exactly as set.
   */
  private static JsonNode scalar(String value) {
    String t = value.strip();
    if (t.matches("-?(0|[1-9]\\d*)")) {
      try {
        long l = Long.parseLong(t);
        return l == (int) l ? F.numberNode((int) l) : F.numberNode(l);
      } catch (NumberFormatException e) {
        return F.textNode(value);
      }
    }
    if (t.matches("-?(0|[1-9]\\d*)\\.\\d+([eE][-+]?\\d+)?")) {
      return F.numberNode(Double.parseDouble(t));
    }
    if (t.equals("true") || t.equals("false")) {
      return F.booleanNode(Boolean.parseBoolean(t));
    }
    return F.textNode(value);
  }

  private static int topLevelComma(String s) {
    int depth = 0;
    for (int i = 0; i < s.length(); i++) {
      if (s.startsWith("${", i)) {
        depth++;
        i++;
      } else if (s.charAt(i) == '}') {
        depth--;
      } else if (s.charAt(i) == ',' && depth == 0) {
        return i;
      }
    }
    return -1;
  }

  /** The resolved value at an absolute key path, referenced from the key {@code from}. */
  private JsonNode lookup(String from, String target) {
    JsonNode cur = root;
    String curPath = "";
    for (String part : target.split("\\.", -1)) {
      JsonNode next;
      String nextPath = join(curPath, part);
      if (cur.isObject()) {
        next = resolveChild(cur, part, -1, nextPath);
      } else if (cur.isArray() && part.matches("\\d+")) {
        nextPath = curPath + "[" + part + "]";
        next = Integer.parseInt(part) < cur.size() ? resolveChild(cur, null, Integer.parseInt(part), nextPath) : null;
      } else {
        next = null;
      }
      if (next == null) {
        throw missing(from, target, cur, curPath, part);
      }
      cur = next;
      curPath = nextPath;
    }
    if (cur.isContainerNode()) {
      resolveChildren(curPath, cur);
    }
    return cur;
  }

  private ConfigException missing(String from, String target, JsonNode level, String levelPath, String part) {
    List<String> names = new ArrayList<>();
    if (level.isObject()) {
      level.fieldNames().forEachRemaining(names::add);
    }
    List<String> close = new ArrayList<>();
    for (String c : Names.closest(part, names)) {
      close.add(join(levelPath, c));
    }
    return new ConfigException(from, "Config key '" + from + "' refers to '${" + target + "}', but '" + target
        + "' is not set." + ConfigException.didYouMean(close) + " Fix the reference or set the key.");
  }

  private ConfigException cycle(String path) {
    List<String> chain = new ArrayList<>();
    boolean in = false;
    for (String a : active) {
      in |= a.equals(path);
      if (in) {
        chain.add(a);
      }
    }
    chain.add(path);
    String first = chain.get(0);
    return new ConfigException(first, "Config key '" + first + "' has a reference cycle: " + String.join(" -> ", chain)
        + ". Break it by setting one of these keys to a plain value.");
  }

  private static String join(String parent, String name) {
    return parent.isEmpty() ? name : parent + "." + name;
  }
}
