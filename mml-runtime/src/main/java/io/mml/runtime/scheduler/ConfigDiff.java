package io.mml.runtime.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/** The first difference between two config trees, as "key 'a.b' is 7 in the saved run but 8 now". */
final class ConfigDiff {
  private ConfigDiff() {}

  static Optional<String> first(JsonNode saved, JsonNode now, Set<String> ignoredTopLevel) {
    return diff("", saved, now, ignoredTopLevel);
  }

  private static Optional<String> diff(String path, JsonNode a, JsonNode b, Set<String> ignored) {
    if (a != null && b != null && a.isObject() && b.isObject()) {
      Set<String> keys = new LinkedHashSet<>();
      a.fieldNames().forEachRemaining(keys::add);
      b.fieldNames().forEachRemaining(keys::add);
      for (String k : keys) {
        if (path.isEmpty() && ignored.contains(k)) {
          continue;
        }
        String p = path.isEmpty() ? k : path + "." + k;
        Optional<String> d = diff(p, a.get(k), b.get(k), ignored);
        if (d.isPresent()) {
          return d;
        }
      }
      return Optional.empty();
    }
    if (a == null) {
      return Optional.of("key '" + path + "' is new (" + b + ")");
    }
    if (b == null) {
      return Optional.of("key '" + path + "' was removed (it was " + a + ")");
    }
    if (!sameValue(a, b)) {
      return Optional.of("key '" + path + "' is " + a + " in the saved run but " + b + " now");
    }
    return Optional.empty();
  }

  private static boolean sameValue(JsonNode a, JsonNode b) {
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue()) == 0;
    }
    if (a.isArray() && b.isArray()) {
      if (a.size() != b.size()) {
        return false;
      }
      Iterator<JsonNode> ia = a.elements();
      Iterator<JsonNode> ib = b.elements();
      while (ia.hasNext()) {
        if (!sameValue(ia.next(), ib.next())) {
          return false;
        }
      }
      return true;
    }
    if (a.isValueNode() && b.isValueNode()) {
      return a.asText().equals(b.asText()) && a.isNull() == b.isNull();
    }
    return a.equals(b);
  }
}
