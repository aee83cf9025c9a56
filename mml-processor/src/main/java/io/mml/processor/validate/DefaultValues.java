package io.mml.processor.validate;

import io.mml.processor.model.ParamKind;
import io.mml.processor.model.YamlText;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Parses a {@code @Param(defaultValue)} as the field's type and renders it as YAML text.
 * An empty default means the type's default value.
 */
final class DefaultValues {
  /** The YAML text, or the reason it does not parse. */
  record Parsed(String yaml, String error) {
    static Parsed ok(String yaml) {
      return new Parsed(yaml, null);
    }

    static Parsed fail(String error) {
      return new Parsed(null, error);
    }
  }

  private DefaultValues() {}

  /**
   * @param kind the field's kind
   * @param scalar for BOXED and LIST, the kind of the box or element (INT, LONG, DOUBLE, FLOAT, BOOLEAN, STRING)
   * @param constants the enum constants for ENUM
   */
  static Parsed parse(String raw, ParamKind kind, ParamKind scalar, List<String> constants) {
    String v = raw.trim();
    switch (kind) {
      case BOXED, STRING, PATH, ENUM:
        if (v.isEmpty() || v.equals("null")) {
          return Parsed.ok("null");
        }
        break;
      case LIST:
        if (v.equals("null")) {
          return Parsed.ok("null");
        }
        if (v.isEmpty()) {
          return Parsed.ok("[]");
        }
        return list(v, scalar);
      default:
        break;
    }
    return switch (kind) {
      case BOXED -> scalar(v, scalar, false);
      case STRING, PATH -> Parsed.ok(YamlText.string(unquote(raw)));
      case ENUM -> enumConstant(v, constants);
      default -> scalar(v, kind, true);
    };
  }

  private static Parsed scalar(String v, ParamKind kind, boolean emptyIsDefault) {
    if (v.isEmpty() && emptyIsDefault) {
      return Parsed.ok(switch (kind) {
        case DOUBLE, FLOAT -> "0.0";
        case BOOLEAN -> "false";
        default -> "0";
      });
    }
    try {
      return switch (kind) {
        case INT -> Parsed.ok(Integer.toString(Integer.parseInt(v)));
        case LONG -> Parsed.ok(Long.toString(Long.parseLong(v)));
        case DOUBLE -> Parsed.ok(floating(Double.parseDouble(v), Double.toString(Double.parseDouble(v)), v));
        case FLOAT -> Parsed.ok(floating(Float.parseFloat(v), Float.toString(Float.parseFloat(v)), v));
        case BOOLEAN -> {
          String b = v.toLowerCase(Locale.ROOT);
          if (!b.equals("true") && !b.equals("false")) {
            yield Parsed.fail("expected true or false. Write defaultValue = \"true\" or \"false\".");
          }
          yield Parsed.ok(b);
        }
        case STRING -> Parsed.ok(YamlText.string(unquote(v)));
        default -> throw new IllegalArgumentException("not a scalar kind: " + kind);
      };
    } catch (NumberFormatException e) {
      return Parsed.fail(kind == ParamKind.INT || kind == ParamKind.LONG
          ? "expected a whole number. Write it like defaultValue = \"7\"."
          : "expected a number. Write it like defaultValue = \"0.5\".");
    }
  }

  private static String floating(double d, String canonical, String text) {
    if (text.endsWith("f") || text.endsWith("F") || text.endsWith("d") || text.endsWith("D")) {
      throw new NumberFormatException("type suffix");
    }
    if (Double.isNaN(d)) {
      return ".nan";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? ".inf" : "-.inf";
    }
    String plain = new BigDecimal(canonical).toPlainString();
    return plain.contains(".") ? plain : plain + ".0";
  }

  private static Parsed enumConstant(String v, List<String> constants) {
    for (String c : constants) {
      if (c.equals(v)) {
        return Parsed.ok(YamlText.string(v));
      }
    }
    for (String c : constants) {
      if (c.equalsIgnoreCase(v)) {
        return Parsed.ok(YamlText.string(v));
      }
    }
    Optional<String> close = Names.closest(v, constants);
    return Parsed.fail("it is not a constant; valid: " + String.join(", ", constants)
        + close.map(c -> ". Did you mean '" + c + "'?").orElse("."));
  }

  private static Parsed list(String v, ParamKind element) {
    if (!v.startsWith("[") || !v.endsWith("]")) {
      return Parsed.fail("a list default is written in brackets. Write it like defaultValue = \"[a, b]\".");
    }
    String inner = v.substring(1, v.length() - 1).trim();
    List<String> out = new ArrayList<>();
    if (!inner.isEmpty()) {
      for (String part : inner.split(",", -1)) {
        String p = part.trim();
        if (p.isEmpty()) {
          return Parsed.fail("it has an empty element. Remove the extra comma.");
        }
        if (p.equals("null")) {
          out.add("null");
          continue;
        }
        Parsed e = scalar(p, element, false);
        if (e.error() != null) {
          return Parsed.fail("element '" + p + "' " + e.error());
        }
        out.add(e.yaml());
      }
    }
    return Parsed.ok("[" + String.join(", ", out) + "]");
  }

  private static String unquote(String s) {
    if (s.length() >= 2 && ((s.startsWith("'") && s.endsWith("'")) || (s.startsWith("\"") && s.endsWith("\"")))) {
      return s.substring(1, s.length() - 1);
    }
    return s;
  }
}
