package io.mml.runtime.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import io.mml.runtime.config.Config;
import io.mml.runtime.config.ConfigException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The keys a hyper-parameter search draws, from the {@code search_space} config group:
 * {@code params} is a list of {@code {key, type, low, high}} ({@code interval}, {@code log_interval},
 * {@code int}) or {@code {key, type: choice, choices: [...]}}.
 *
 * @param params the searched keys, in order
 */
public record SearchSpace(List<SearchParam> params) {
  public SearchSpace {
    params = List.copyOf(params);
  }

  /** Reads and checks {@code search_space.params}; every mistake names the entry and the fix. */
  public static SearchSpace from(Config cfg) {
    List<SearchParam> out = new ArrayList<>();
    JsonNode list = cfg.node("search_space.params").orElse(null);
    if (list == null || list.isNull()) {
      return new SearchSpace(out);
    }
    if (!list.isArray()) {
      throw new ConfigException("search_space.params", "search_space.params must be a list of {key, type, ...}"
          + " entries; found " + list + ".");
    }
    Set<String> keys = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode n = list.get(i);
      String where = "search_space.params[" + i + "]";
      String key = n.path("key").asText("");
      if (key.isBlank()) {
        throw new ConfigException(where, where + " has no key: give the config key it searches, e.g."
            + " key: optimizer.lr.");
      }
      if (!keys.add(key)) {
        throw new ConfigException(where, where + ": key " + key + " is searched twice; list it once.");
      }
      String typeText = n.path("type").asText("");
      SearchParam.Type type;
      try {
        type = SearchParam.Type.valueOf(typeText.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(where, where + " (" + key + ") has type '" + typeText + "'; use interval,"
            + " log_interval, int or choice.", e);
      }
      if (type == SearchParam.Type.CHOICE) {
        List<String> choices = new ArrayList<>();
        n.path("choices").forEach(c -> choices.add(c.isTextual() ? c.asText() : c.toString()));
        if (choices.isEmpty()) {
          throw new ConfigException(where, where + " (" + key + ") is a choice without choices: give"
              + " choices: [a, b].");
        }
        out.add(new SearchParam(key, type, 0, 0, choices));
        continue;
      }
      if (!n.path("low").isNumber() || !n.path("high").isNumber()) {
        throw new ConfigException(where, where + " (" + key + ", " + typeText + ") needs numbers low and high.");
      }
      double low = n.get("low").asDouble();
      double high = n.get("high").asDouble();
      if (!(low < high) || (type == SearchParam.Type.LOG_INTERVAL && low <= 0)
          || (type == SearchParam.Type.INT && (low != Math.rint(low) || high != Math.rint(high)))) {
        throw new ConfigException(where, where + " (" + key + ", " + typeText + ") has low " + low + " and high "
            + high + "; low must be below high" + (type == SearchParam.Type.LOG_INTERVAL ? " and above 0"
            : type == SearchParam.Type.INT ? ", both integers" : "") + ".");
      }
      out.add(new SearchParam(key, type, low, high, List.of()));
    }
    return new SearchSpace(out);
  }

  public boolean isEmpty() {
    return params.isEmpty();
  }
}
