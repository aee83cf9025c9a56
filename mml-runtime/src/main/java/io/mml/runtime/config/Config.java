package io.mml.runtime.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A composed, interpolated, immutable configuration tree with typed access by dotted key path
 * ({@code mode.var_one}). Wrong or missing values fail with a {@link ConfigException} naming the
 * path.
 */
public final class Config {
  private final ObjectNode root;

  private Config(ObjectNode root) {
    this.root = root;
  }

  /** Wraps a copy of the tree. */
  public static Config of(ObjectNode root) {
    return new Config(root.deepCopy());
  }

  /** An empty configuration. */
  public static Config empty() {
    return new Config(JsonNodeFactory.instance.objectNode());
  }

  /** A copy of the whole tree. */
  public ObjectNode tree() {
    return root.deepCopy();
  }

  /** Whether the path exists (a present {@code null} counts as existing). */
  public boolean has(String path) {
    return find(path) != null;
  }

  /** The node at the path (a copy), if present. */
  public Optional<JsonNode> node(String path) {
    JsonNode n = find(path);
    return n == null ? Optional.empty() : Optional.of(n.deepCopy());
  }

  /** The sub-tree at the path as its own config. */
  public Config sub(String path) {
    JsonNode n = require(path);
    if (!n.isObject()) {
      throw new ConfigException(path, "Config key '" + path + "' must be a mapping; found " + describe(n) + ".");
    }
    return new Config(((ObjectNode) n).deepCopy());
  }

  /** The keys directly under the path (a mapping), in order. */
  public List<String> keys(String path) {
    JsonNode n = path.isEmpty() ? root : require(path);
    List<String> keys = new ArrayList<>();
    n.fieldNames().forEachRemaining(keys::add);
    return Collections.unmodifiableList(keys);
  }

  public String getString(String path) {
    JsonNode n = require(path);
    if (n.isNull()) {
      return null;
    }
    if (n.isContainerNode()) {
      throw typeError(path, "a string", n);
    }
    return n.asText();
  }

  /** The string at the path, or the fallback when the path is absent or null. */
  public String getString(String path, String fallback) {
    JsonNode n = find(path);
    return n == null || n.isNull() ? fallback : getString(path);
  }

  public int getInt(String path) {
    JsonNode n = requireNonNull(path, "an integer");
    if (n.isIntegralNumber() && n.canConvertToInt()) {
      return n.intValue();
    }
    if (n.isTextual()) {
      try {
        return Integer.parseInt(n.asText().trim());
      } catch (NumberFormatException e) {
        // fall through to the error below
      }
    }
    throw typeError(path, "an integer", n);
  }

  public long getLong(String path) {
    JsonNode n = requireNonNull(path, "an integer");
    if (n.isIntegralNumber() && n.canConvertToLong()) {
      return n.longValue();
    }
    if (n.isTextual()) {
      try {
        return Long.parseLong(n.asText().trim());
      } catch (NumberFormatException e) {
        // fall through to the error below
      }
    }
    throw typeError(path, "an integer", n);
  }

  public double getDouble(String path) {
    JsonNode n = requireNonNull(path, "a number");
    if (n.isNumber()) {
      return n.doubleValue();
    }
    if (n.isTextual()) {
      try {
        return Double.parseDouble(n.asText().trim());
      } catch (NumberFormatException e) {
        // fall through to the error below
      }
    }
    throw typeError(path, "a number", n);
  }

  public float getFloat(String path) {
    return (float) getDouble(path);
  }

  public boolean getBoolean(String path) {
    JsonNode n = requireNonNull(path, "true or false");
    if (n.isBoolean()) {
      return n.booleanValue();
    }
    if (n.isTextual()) {
      String t = n.asText().trim().toLowerCase(Locale.ROOT);
      if (t.equals("true") || t.equals("false")) {
        return Boolean.parseBoolean(t);
      }
    }
    throw typeError(path, "true or false", n);
  }

  /** The path value as a file system path; {@code null} when the value is null. */
  public Path getPath(String path) {
    String s = getString(path);
    return s == null ? null : Path.of(s);
  }

  /**
   * The value converted to the given type: a box, {@code String}, {@code Path} or an enum (matched
   * by constant name, case-insensitive). A null value gives {@code null}.
   */
  public <T> T get(String path, Class<T> type) {
    JsonNode n = require(path);
    return convert(path, n, type);
  }

  /** The list at the path with each element converted (see {@link #get}); null gives null. */
  public <T> List<T> getList(String path, Class<T> elementType) {
    JsonNode n = require(path);
    if (n.isNull()) {
      return null;
    }
    if (!n.isArray()) {
      throw typeError(path, "a list", n);
    }
    List<T> out = new ArrayList<>(n.size());
    for (int i = 0; i < n.size(); i++) {
      out.add(convert(path + "[" + i + "]", n.get(i), elementType));
    }
    return Collections.unmodifiableList(out);
  }

  private <T> T convert(String path, JsonNode n, Class<T> type) {
    if (n.isNull()) {
      return null;
    }
    Object value;
    if (type == String.class) {
      if (n.isContainerNode()) {
        throw typeError(path, "a string", n);
      }
      value = n.asText();
    } else if (type == Integer.class) {
      value = new Config(wrap(n)).getInt("v");
    } else if (type == Long.class) {
      value = new Config(wrap(n)).getLong("v");
    } else if (type == Double.class) {
      value = new Config(wrap(n)).getDouble("v");
    } else if (type == Float.class) {
      value = new Config(wrap(n)).getFloat("v");
    } else if (type == Boolean.class) {
      value = new Config(wrap(n)).getBoolean("v");
    } else if (type == Path.class) {
      value = Path.of(n.asText());
    } else if (type.isEnum()) {
      value = enumValue(path, n, type);
    } else {
      throw new IllegalArgumentException("unsupported config value type " + type.getName() + " for " + path);
    }
    return type.cast(value);
  }

  private static ObjectNode wrap(JsonNode n) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.set("v", n);
    return o;
  }

  private Object enumValue(String path, JsonNode n, Class<?> type) {
    String text = n.asText();
    List<String> names = new ArrayList<>();
    for (Object c : type.getEnumConstants()) {
      String name = ((Enum<?>) c).name();
      names.add(name.toLowerCase(Locale.ROOT));
      if (name.equalsIgnoreCase(text)) {
        return c;
      }
    }
    throw new ConfigException(path, "Config key '" + path + "' must be one of " + names + "; found '" + text
        + "'." + ConfigException.didYouMean(Names.closest(text.toLowerCase(Locale.ROOT), names)));
  }

  private JsonNode requireNonNull(String path, String expected) {
    JsonNode n = require(path);
    if (n.isNull()) {
      throw new ConfigException(path, "Config key '" + path + "' must be " + expected + "; found null. Set it, e.g. "
          + path + "=<value>.");
    }
    return n;
  }

  private JsonNode require(String path) {
    JsonNode n = find(path);
    if (n == null) {
      throw missing(path);
    }
    return n;
  }

  private ConfigException missing(String path) {
    int dot = path.lastIndexOf('.');
    String parent = dot < 0 ? "" : path.substring(0, dot);
    String leaf = dot < 0 ? path : path.substring(dot + 1);
    JsonNode p = parent.isEmpty() ? root : find(parent);
    List<String> siblings = new ArrayList<>();
    if (p != null && p.isObject()) {
      p.fieldNames().forEachRemaining(siblings::add);
    }
    List<String> close = Names.closest(leaf, siblings);
    List<String> full = new ArrayList<>();
    for (String c : close) {
      full.add(parent.isEmpty() ? c : parent + "." + c);
    }
    return new ConfigException(path, "Config key '" + path + "' is not set." + ConfigException.didYouMean(full));
  }

  private JsonNode find(String path) {
    if (path.isEmpty()) {
      return root;
    }
    JsonNode cur = root;
    Iterator<String> parts = List.of(path.split("\\.", -1)).iterator();
    while (parts.hasNext()) {
      String part = parts.next();
      if (cur == null || !cur.isObject()) {
        return null;
      }
      cur = cur.get(part);
    }
    return cur;
  }

  private static ConfigException typeError(String path, String expected, JsonNode found) {
    return new ConfigException(path, "Config key '" + path + "' must be " + expected + "; found " + describe(found)
        + ". Fix the value, e.g. on the command line: " + path + "=<value>.");
  }

  static String describe(JsonNode n) {
    if (n.isTextual()) {
      return "'" + n.asText() + "'";
    }
    if (n.isArray()) {
      return "a list " + n;
    }
    if (n.isObject()) {
      return "a mapping";
    }
    return n.toString();
  }

  @Override
  public String toString() {
    return root.toString();
  }
}
