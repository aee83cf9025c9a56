package io.mml.runtime.tasks.tags;

import java.util.List;

/** Parsing of tag arguments: decimals are written with '_' ({@code 0_5} = 0.5) because '.' is not allowed in tags. */
public final class TagArgs {
  private TagArgs() {}

  /** A decimal written with '_' as the point. */
  public static double decimal(String what, String arg) {
    if (arg.indexOf('.') >= 0) {
      throw new IllegalArgumentException(what + " '" + arg + "': write decimals with '_' instead of '.' (e.g. '"
          + arg.replace('.', '_') + "')");
    }
    if (!arg.matches("[0-9]+(_[0-9]+)?")) {
      throw new IllegalArgumentException(what + " '" + arg + "' is not a decimal number (write e.g. 0_5 for 0.5)");
    }
    return Double.parseDouble(arg.replace('_', '.'));
  }

  /** A fraction in (0, 1] (or [0, 1] when {@code zeroAllowed}). */
  public static double fraction(String what, String arg, boolean zeroAllowed) {
    double v = decimal(what, arg);
    if (v > 1 || v < 0 || (!zeroAllowed && v == 0)) {
      throw new IllegalArgumentException(what + " '" + arg + "' must be a fraction in " + (zeroAllowed ? "[0" : "(0")
          + ", 1], written with '_' (e.g. 0_5)");
    }
    return v;
  }

  /** A non-negative integer, at least {@code min}. */
  public static int integer(String what, String arg, int min) {
    if (!arg.matches("[0-9]{1,9}")) {
      throw new IllegalArgumentException(what + " '" + arg + "' must be a whole number" + (min > 0 ? " >= " + min : ""));
    }
    int v = Integer.parseInt(arg);
    if (v < min) {
      throw new IllegalArgumentException(what + " '" + arg + "' must be at least " + min);
    }
    return v;
  }

  /** A seed argument (any non-negative whole number). */
  public static long seed(String arg) {
    if (!arg.matches("[0-9]{1,18}")) {
      throw new IllegalArgumentException("seed '" + arg + "' must be a non-negative whole number");
    }
    return Long.parseLong(arg);
  }

  /** The optional argument at {@code i}, or null. */
  public static String opt(List<String> args, int i) {
    return i < args.size() ? args.get(i) : null;
  }
}
