package io.mml.runtime.sweep;

import io.mml.runtime.config.ConfigException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The sweep syntax of an override value (Hydra's basic sweeper): {@code a,b,c} (commas outside
 * brackets, parentheses and quotes), {@code choice(a,b,c)}, and {@code range(start,stop[,step])}
 * (stop excluded, as Python's range; integers or decimals). A value without it is not a sweep:
 * {@code [a,b]} stays one list value.
 */
public final class SweepValues {
  private SweepValues() {}

  /** The values a swept override takes, or empty when {@code value} is a single value. */
  public static Optional<List<String>> parse(String key, String value) {
    String v = value.strip();
    if (v.startsWith("range(") && v.endsWith(")")) {
      return Optional.of(range(key, v.substring(6, v.length() - 1)));
    }
    if (v.startsWith("choice(") && v.endsWith(")")) {
      List<String> items = splitTopLevel(v.substring(7, v.length() - 1));
      requireValues(key, value, items);
      return Optional.of(items);
    }
    if (v.startsWith("interval(") || v.startsWith("tag(") || v.startsWith("glob(")) {
      throw new ConfigException(key, "Override " + key + "=" + value + ": " + v.substring(0, v.indexOf('('))
          + "(...) is not a grid sweep. Use a,b,c, choice(a,b) or range(start,stop,step) with -m, or put the key in a"
          + " search_space and choose hpo=random or hpo=tpe.");
    }
    List<String> items = splitTopLevel(v);
    if (items.size() < 2) {
      return Optional.empty();
    }
    requireValues(key, value, items);
    return Optional.of(items);
  }

  private static void requireValues(String key, String value, List<String> items) {
    if (items.isEmpty() || items.stream().anyMatch(String::isEmpty)) {
      throw new ConfigException(key, "Override " + key + "=" + value + " has an empty sweep value. Write the values"
          + " separated by commas, e.g. " + key + "=1,2,3.");
    }
  }

  private static List<String> range(String key, String args) {
    List<String> parts = splitTopLevel(args);
    if (parts.size() < 2 || parts.size() > 3) {
      throw new ConfigException(key, "range(" + args + ") for " + key + " needs start and stop, and optionally a"
          + " step: range(1,5) gives 1,2,3,4; range(0,1,0.25) gives 0,0.25,0.5,0.75.");
    }
    BigDecimal start;
    BigDecimal stop;
    BigDecimal step;
    try {
      start = new BigDecimal(parts.get(0));
      stop = new BigDecimal(parts.get(1));
      step = parts.size() == 3 ? new BigDecimal(parts.get(2)) : BigDecimal.ONE;
    } catch (NumberFormatException e) {
      throw new ConfigException(key, "range(" + args + ") for " + key + " takes numbers, e.g. range(1,5) or"
          + " range(0,1,0.25).", e);
    }
    if (step.signum() == 0) {
      throw new ConfigException(key, "range(" + args + ") for " + key + " has step 0; give a step that is not 0.");
    }
    List<String> out = new ArrayList<>();
    for (BigDecimal x = start; step.signum() > 0 ? x.compareTo(stop) < 0 : x.compareTo(stop) > 0; x = x.add(step)) {
      out.add(x.stripTrailingZeros().toPlainString());
      if (out.size() > 100_000) {
        throw new ConfigException(key, "range(" + args + ") for " + key + " gives more than 100000 values.");
      }
    }
    if (out.isEmpty()) {
      throw new ConfigException(key, "range(" + args + ") for " + key + " is empty (stop is excluded, as in Python).");
    }
    return out;
  }

  /** Splits at commas that are not inside (), [], {} or quotes; parts are stripped. */
  static List<String> splitTopLevel(String s) {
    List<String> out = new ArrayList<>();
    int depth = 0;
    char quote = 0;
    StringBuilder cur = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '(' || c == '[' || c == '{') {
        depth++;
      } else if (c == ')' || c == ']' || c == '}') {
        depth--;
      } else if (c == ',' && depth == 0) {
        out.add(cur.toString().strip());
        cur.setLength(0);
        continue;
      }
      cur.append(c);
    }
    out.add(cur.toString().strip());
    return out;
  }
}
