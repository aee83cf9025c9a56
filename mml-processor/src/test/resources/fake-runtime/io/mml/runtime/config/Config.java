package io.mml.runtime.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Fake config over a flat map of dotted keys. */
public final class Config {
  private final Map<String, Object> values;

  public Config(Map<String, Object> values) {
    this.values = values;
  }

  private Object raw(String path) {
    if (!values.containsKey(path)) {
      throw new IllegalArgumentException("Config key '" + path + "' is not set.");
    }
    return values.get(path);
  }

  public int getInt(String path) {
    return ((Number) raw(path)).intValue();
  }

  public long getLong(String path) {
    return ((Number) raw(path)).longValue();
  }

  public double getDouble(String path) {
    return ((Number) raw(path)).doubleValue();
  }

  public float getFloat(String path) {
    return (float) getDouble(path);
  }

  public boolean getBoolean(String path) {
    return (Boolean) raw(path);
  }

  public String getString(String path) {
    Object v = raw(path);
    return v == null ? null : v.toString();
  }

  public Path getPath(String path) {
    String s = getString(path);
    return s == null ? null : Path.of(s);
  }

  public <T> T get(String path, Class<T> type) {
    return convert(raw(path), type);
  }

  public <T> List<T> getList(String path, Class<T> elementType) {
    Object v = raw(path);
    if (v == null) {
      return null;
    }
    List<T> out = new ArrayList<>();
    for (Object o : (List<?>) v) {
      out.add(convert(o, elementType));
    }
    return out;
  }

  private static <T> T convert(Object v, Class<T> type) {
    if (v == null) {
      return null;
    }
    if (type.isEnum()) {
      for (T c : type.getEnumConstants()) {
        if (((Enum<?>) c).name().equalsIgnoreCase(v.toString())) {
          return c;
        }
      }
      throw new IllegalArgumentException("no constant " + v);
    }
    if (type == Path.class) {
      return type.cast(Path.of(v.toString()));
    }
    return type.cast(v);
  }
}
