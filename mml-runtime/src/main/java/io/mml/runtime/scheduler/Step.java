package io.mml.runtime.scheduler;

import java.util.Objects;

/**
 * One atomic unit of a plan. Its {@link #id()} ({@code a[task=demo_shapes]},
 * {@code train[task=x,fold=2]}, {@code b}) is stable text: continue compares ids, never objects.
 *
 * @param subroutine the subroutine name ({@code prepare} and {@code finish} for the engine's own)
 * @param task the task name, or {@code null} for a once step
 * @param fold the fold, or {@code -1} when the step is not per fold
 */
public record Step(String subroutine, String task, int fold) {
  /** The subroutine name of the engine's first step. */
  public static final String PREPARE = "prepare";
  /** The subroutine name of the engine's last step. */
  public static final String FINISH = "finish";

  public Step {
    Objects.requireNonNull(subroutine, "subroutine");
    // Ids must parse back to the same step: no empty parts, no id syntax inside the parts.
    if (subroutine.isEmpty() || hasIdSyntax(subroutine)) {
      throw new IllegalArgumentException("subroutine name must be non-empty, without '[', ']', ',', '=' or spaces: '"
          + subroutine + "'");
    }
    if (task != null && (task.isEmpty() || hasIdSyntax(task))) {
      throw new IllegalArgumentException("task name must be non-empty, without '[', ']', ',', '=' or spaces: '"
          + task + "'");
    }
    if (fold < -1) {
      throw new IllegalArgumentException("fold must be >= 0 (or -1 for none): " + fold);
    }
    if (fold >= 0 && task == null) {
      throw new IllegalArgumentException("a per-fold step needs a task: " + subroutine);
    }
  }

  private static boolean hasIdSyntax(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '[' || c == ']' || c == ',' || c == '=' || Character.isWhitespace(c)) {
        return true;
      }
    }
    return false;
  }

  /** A step that runs once in total. */
  public static Step once(String subroutine) {
    return new Step(subroutine, null, -1);
  }

  /** A step for one task. */
  public static Step perTask(String subroutine, String task) {
    return new Step(subroutine, Objects.requireNonNull(task, "task"), -1);
  }

  /** A step for one (task, fold). */
  public static Step perFold(String subroutine, String task, int fold) {
    if (fold < 0) {
      throw new IllegalArgumentException("fold must be >= 0: " + fold);
    }
    return new Step(subroutine, Objects.requireNonNull(task, "task"), fold);
  }

  /** Whether this step belongs to a task. */
  public boolean hasTask() {
    return task != null;
  }

  /** Whether this step belongs to a fold. */
  public boolean hasFold() {
    return fold >= 0;
  }

  /** The stable textual id used in the plan, the journal and on the command line. */
  public String id() {
    if (task == null) {
      return subroutine;
    }
    return fold >= 0
        ? subroutine + "[task=" + task + ",fold=" + fold + "]"
        : subroutine + "[task=" + task + "]";
  }

  /** Parses an {@link #id()} back into a step. */
  public static Step parse(String id) {
    int open = id.indexOf('[');
    if (open < 0) {
      try {
        return once(id);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("not a step id (" + e.getMessage() + "): '" + id + "'", e);
      }
    }
    if (!id.endsWith("]")) {
      throw new IllegalArgumentException("not a step id (missing ']'): " + id);
    }
    String name = id.substring(0, open);
    String inner = id.substring(open + 1, id.length() - 1);
    String task = null;
    int fold = -1;
    boolean foldSeen = false;
    // Task names never contain ',' or '=' (see TaskNames), so a plain split is exact.
    for (String part : inner.split(",")) {
      int eq = part.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException("not a step id (expected key=value in brackets): " + id);
      }
      String key = part.substring(0, eq);
      String value = part.substring(eq + 1);
      switch (key) {
        case "task" -> {
          if (task != null) {
            throw new IllegalArgumentException("not a step id (task given twice): " + id);
          }
          task = value;
        }
        case "fold" -> {
          if (foldSeen) {
            throw new IllegalArgumentException("not a step id (fold given twice): " + id);
          }
          foldSeen = true;
          if (!value.matches("\\d{1,9}")) {
            throw new IllegalArgumentException("not a step id (fold must be a number >= 0): " + id);
          }
          fold = Integer.parseInt(value);
        }
        default -> throw new IllegalArgumentException("not a step id (unknown key '" + key + "'): " + id);
      }
    }
    try {
      return new Step(name, task, fold);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a step id (" + e.getMessage() + "): " + id, e);
    }
  }

  @Override
  public String toString() {
    return id();
  }
}
