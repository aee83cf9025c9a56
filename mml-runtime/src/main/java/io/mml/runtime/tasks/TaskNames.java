package io.mml.runtime.tasks;

import java.util.regex.Pattern;

/**
 * Task name rules. A full name is a base name plus optional tags: {@code base+tag?arg?arg+tag}.
 * Base names may not contain space, '%', '+', '?', ',', '=', '[', ']' (they clash with tags and
 * the command line) nor path characters.
 */
public final class TaskNames {
  private TaskNames() {}

  /** Separates tags from the base name and from each other. */
  public static final String TAG_SEP = "+";
  /** Separates a tag's arguments. */
  public static final String ARG_SEP = "?";
  private static final String FORBIDDEN_IN_BASE = " %+?,=[]/\\:#\t\n\r";
  private static final Pattern TAG = Pattern.compile("[a-z][a-z0-9_]*(\\?[A-Za-z0-9_-]+)*");

  /** The base name of a (possibly tagged) name. */
  public static String base(String name) {
    int i = name.indexOf('+');
    return i < 0 ? name : name.substring(0, i);
  }

  /** Why {@code base} is not a valid base name, or null when it is. */
  public static String baseProblem(String base) {
    if (base == null || base.isEmpty()) {
      return "the name is empty";
    }
    if (base.equals("_TOP_LEVEL_") || base.equals(".") || base.equals("..")) {
      return "'" + base + "' is reserved";
    }
    for (char c : base.toCharArray()) {
      if (FORBIDDEN_IN_BASE.indexOf(c) >= 0) {
        return "base names may not contain " + (c == ' ' ? "a space" : "'" + c + "'")
            + " (forbidden: space % + ? , = [ ] / \\ : #)";
      }
    }
    return null;
  }

  /** Why a full (possibly tagged) name is invalid, or null when it is valid. */
  public static String problem(String name) {
    if (name == null || name.isEmpty()) {
      return "the name is empty";
    }
    String[] parts = name.split("\\+", -1);
    String p = baseProblem(parts[0]);
    if (p != null) {
      return p;
    }
    for (int i = 1; i < parts.length; i++) {
      if (!TAG.matcher(parts[i]).matches()) {
        return "tag '" + parts[i] + "' must look like tag?arg?arg (lower case tag, arguments of letters, digits,"
            + " '_' for decimals)";
      }
    }
    return null;
  }

  /** Whether {@code name} is a valid (possibly tagged) task name. */
  public static boolean isValidName(String name) {
    return problem(name) == null;
  }

  /** Throws a {@link TaskException} naming the rule when {@code name} is invalid; returns it otherwise. */
  public static String check(String name) {
    String p = problem(name);
    if (p != null) {
      throw new TaskException("Invalid task name '" + name + "': " + p);
    }
    return name;
  }
}
