package io.mml.processor.model;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Renders scalars as YAML text that every YAML 1.1 or 1.2 reader reads back as the same string. */
public final class YamlText {
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./][A-Za-z0-9_./ +=-]*");
  private static final Pattern NUMBER_LIKE = Pattern.compile(
      "[-+]?(0|[0-9][0-9_]*|0x[0-9a-fA-F_]+|0o?[0-7_]+|0b[01_]+)"
          + "|[-+]?([0-9][0-9_]*)?\\.[0-9_]*([eE][-+]?[0-9]+)?"
          + "|[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+"
          + "|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}.*");
  private static final Set<String> RESERVED = Set.of(
      "null", "~", "true", "false", "yes", "no", "on", "off", "y", "n", "=", "<<");

  private YamlText() {}

  /** A string scalar, quoted only when a YAML reader would otherwise read something else. */
  public static String string(String s) {
    if (s == null) {
      return "null";
    }
    boolean plain = !s.isEmpty() && PLAIN.matcher(s).matches() && !s.endsWith(" ")
        && !RESERVED.contains(s.toLowerCase(Locale.ROOT)) && !NUMBER_LIKE.matcher(s).matches();
    if (plain) {
      return s;
    }
    boolean printable = s.chars().allMatch(c -> c >= 0x20 && c != 0x7f);
    if (printable) {
      return "'" + s.replace("'", "''") + "'";
    }
    StringBuilder out = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\r' -> out.append("\\r");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            out.append(String.format("\\x%02x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
