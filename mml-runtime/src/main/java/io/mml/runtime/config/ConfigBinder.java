package io.mml.runtime.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Binds a config group of the composed tree to an immutable record (Jackson, snake_case keys), so a
 * component reads typed options and the defaults live only in the group's YAML: every record
 * component must be present in the composed config (a missing key, an unknown key, a value of the
 * wrong type or null for a number or boolean is a {@link ConfigException} naming the full key path, the
 * expected type and, for unknown keys, the closest known ones). Range checks belong in the record's
 * compact constructor and throw {@code ConfigException} themselves; they surface unchanged. A null
 * string or list stays null: YAML {@code null} is an explicit "none" (e.g. {@code executor.partition}).
 */
public final class ConfigBinder {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
      .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);

  private ConfigBinder() {}

  /**
   * The group at {@code path} (e.g. {@code trainer}) as a {@code type}.
   *
   * @throws ConfigException when the group is absent or does not fit the type
   */
  public static <T> T bind(Config config, String path, Class<T> type) {
    JsonNode node = config.node(path).orElse(null);
    if (node == null || node.isNull()) {
      throw new ConfigException(path, "Config group '" + path + "' is missing: select one of its options (e.g. "
          + path + "=default) or give its keys.");
    }
    return bind(node, path, type);
  }

  /** Binds a node whose key path is {@code path}. */
  public static <T> T bind(JsonNode node, String path, Class<T> type) {
    try {
      return MAPPER.treeToValue(node, type);
    } catch (ValueInstantiationException e) {
      if (e.getCause() instanceof ConfigException ce) {
        throw ce; // a range check of the record
      }
      throw new ConfigException(keyPath(path, e), "Config group '" + path + "' is not valid: "
          + e.getOriginalMessage() + ".", e);
    } catch (UnrecognizedPropertyException e) {
      String key = keyPath(path, e);
      List<String> known = new ArrayList<>();
      e.getKnownPropertyIds().forEach(k -> known.add(String.valueOf(k)));
      known.sort(null);
      throw new ConfigException(key, "Unknown config key '" + key + "'; the keys of '" + parent(key) + "' are "
          + String.join(", ", known) + "." + ConfigException.didYouMean(Names.closest(e.getPropertyName(), known)), e);
    } catch (InvalidFormatException e) {
      String key = keyPath(path, e);
      throw new ConfigException(key, "Config key '" + key + "' must be " + expected(e.getTargetType()) + "; found '"
          + e.getValue() + "'. Fix the value, e.g. on the command line: " + key + "=<value>.", e);
    } catch (MismatchedInputException e) {
      String key = keyPath(path, e);
      String msg = e.getOriginalMessage();
      JsonNode found = find(node, key.substring(Math.min(key.length(), path.length() + 1)));
      if (found == null || msg != null && msg.startsWith("Missing required creator property")) {
        throw new ConfigException(key, "Config key '" + key + "' is missing; the YAML of '" + parent(key)
            + "' must set it (defaults live there). Give it on the command line (+" + key + "=...) or select an"
            + " option of the group that sets it.", e);
      }
      throw new ConfigException(key, "Config key '" + key + "' must be " + expected(e.getTargetType()) + "; found "
          + (found == null ? "nothing" : found.isNull() ? "null" : "'" + found.asText() + "'") + ".", e);
    } catch (JsonProcessingException e) {
      throw new ConfigException(path, "Config group '" + path + "' cannot be read: " + e.getOriginalMessage(), e);
    }
  }

  private static String keyPath(String path, JsonMappingException e) {
    StringBuilder sb = new StringBuilder(path);
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        sb.append('.').append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        sb.append('[').append(r.getIndex()).append(']');
      }
    }
    return sb.toString();
  }

  private static String parent(String key) {
    int dot = key.lastIndexOf('.');
    return dot < 0 ? key : key.substring(0, dot);
  }

  private static JsonNode find(JsonNode node, String rel) {
    JsonNode n = node;
    for (String part : rel.split("\\.")) {
      if (part.isEmpty()) {
        continue;
      }
      n = n == null ? null : n.get(part);
    }
    return n;
  }

  private static String expected(Class<?> type) {
    if (type == null) {
      return "a value of the right type";
    }
    if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
      return "an integer";
    }
    if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
      return "a number";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a string";
    }
    if (List.class.isAssignableFrom(type)) {
      return "a list";
    }
    return "a " + type.getSimpleName().toLowerCase(Locale.ROOT);
  }
}
