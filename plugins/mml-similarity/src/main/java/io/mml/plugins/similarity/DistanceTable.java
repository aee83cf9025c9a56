package io.mml.plugins.similarity;

import io.mml.runtime.data.decoded.DataFileException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * A source × target table of task distances (mml's distance DataFrame): a missing entry is NaN,
 * the diagonal 0. Immutable; {@link Builder} fills one. As CSV: a header {@code source,<t1>,...}
 * and one row per source task, a missing entry an empty cell.
 */
public final class DistanceTable {
  private final List<String> tasks;
  private final Map<String, Integer> index;
  private final double[][] values;

  private DistanceTable(List<String> tasks, double[][] values) {
    this.tasks = List.copyOf(tasks);
    this.index = indexOf(this.tasks);
    this.values = values;
  }

  private static Map<String, Integer> indexOf(List<String> tasks) {
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < tasks.size(); i++) {
      if (index.put(tasks.get(i), i) != null) {
        throw new IllegalArgumentException("task " + tasks.get(i) + " twice in " + tasks);
      }
    }
    return index;
  }

  /** The tasks, in row (and column) order. */
  public List<String> tasks() {
    return tasks;
  }

  /** Whether the table has a row and column for {@code task}. */
  public boolean has(String task) {
    return index.containsKey(task);
  }

  /** The distance from {@code source} to {@code target}; NaN when missing or a task is not in the table. */
  public double get(String source, String target) {
    Integer i = index.get(source);
    Integer j = index.get(target);
    return i == null || j == null ? Double.NaN : values[i][j];
  }

  /** Whether every entry is present. */
  public boolean complete() {
    for (double[] row : values) {
      for (double v : row) {
        if (Double.isNaN(v)) {
          return false;
        }
      }
    }
    return true;
  }

  /** The matrix with each entry the mean of both directions where both exist (for maps of asymmetric measures). */
  public double[][] symmetrized() {
    int n = tasks.size();
    double[][] out = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double a = values[i][j];
        double b = values[j][i];
        out[i][j] = Double.isNaN(a) ? b : Double.isNaN(b) ? a : (a + b) / 2;
      }
    }
    return out;
  }

  /** The mean of the present entries off the diagonal (empty when there are none). */
  public OptionalDouble meanOffDiagonal() {
    double s = 0;
    int n = 0;
    for (int i = 0; i < values.length; i++) {
      for (int j = 0; j < values.length; j++) {
        if (i != j && !Double.isNaN(values[i][j])) {
          s += values[i][j];
          n++;
        }
      }
    }
    return n == 0 ? OptionalDouble.empty() : OptionalDouble.of(s / n);
  }

  /**
   * mml's objective for tuning a distance: the mean distance within groups of variants of one base
   * task ({@code base+tag...}: identity, subset, ... variants) divided by the mean of all
   * distances; small when variants of a task come out close. Empty without such pairs.
   */
  public OptionalDouble intraGroupRatio() {
    double s = 0;
    int n = 0;
    for (int i = 0; i < values.length; i++) {
      for (int j = 0; j < values.length; j++) {
        if (i != j && !Double.isNaN(values[i][j]) && base(tasks.get(i)).equals(base(tasks.get(j)))) {
          s += values[i][j];
          n++;
        }
      }
    }
    OptionalDouble all = meanOffDiagonal();
    return n == 0 || all.isEmpty() || all.getAsDouble() == 0 ? OptionalDouble.empty()
        : OptionalDouble.of(s / n / all.getAsDouble());
  }

  private static String base(String task) {
    int plus = task.indexOf('+');
    return plus < 0 ? task : task.substring(0, plus);
  }

  /** The CSV form (UTF-8). */
  public byte[] toCsv() {
    StringBuilder sb = new StringBuilder("source");
    for (String t : tasks) {
      sb.append(',').append(t);
    }
    sb.append('\n');
    for (int i = 0; i < tasks.size(); i++) {
      sb.append(tasks.get(i));
      for (double v : values[i]) {
        sb.append(',');
        if (!Double.isNaN(v)) {
          sb.append(String.format(Locale.ROOT, "%.10g", v));
        }
      }
      sb.append('\n');
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Reads a table written by {@link #toCsv()}; an error naming the file and the line otherwise. */
  public static DistanceTable read(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    String fix = " Compute the table again with mml similarity distance=<measure>, or reuse another project's.";
    if (lines.isEmpty() || !lines.get(0).startsWith("source,")) {
      throw new DataFileException(file, "The distance table " + file + " has no header 'source,<task>,...'." + fix, null);
    }
    List<String> tasks = List.of(lines.get(0).substring("source,".length()).split(",", -1));
    Builder b = new Builder(tasks);
    for (int i = 1; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      String[] cells = lines.get(i).split(",", -1);
      if (cells.length != tasks.size() + 1 || !tasks.contains(cells[0])) {
        throw new DataFileException(file, file + ":" + (i + 1) + ": expected a task of the header and "
            + tasks.size() + " values." + fix, null);
      }
      for (int j = 0; j < tasks.size(); j++) {
        if (!cells[j + 1].isEmpty()) {
          try {
            b.put(cells[0], tasks.get(j), Double.parseDouble(cells[j + 1]));
          } catch (NumberFormatException e) {
            throw new DataFileException(file, file + ":" + (i + 1) + ": '" + cells[j + 1] + "' is not a number." + fix,
                e);
          }
        }
      }
    }
    return b.build();
  }

  /** Fills a table; entries not put stay missing (the diagonal is 0). */
  public static final class Builder {
    private final List<String> tasks;
    private final Map<String, Integer> index;
    private final double[][] values;

    public Builder(List<String> tasks) {
      this.tasks = new ArrayList<>(tasks);
      this.index = indexOf(this.tasks);
      int n = tasks.size();
      this.values = new double[n][n];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          values[i][j] = i == j ? 0 : Double.NaN;
        }
      }
    }

    /** Sets the distance from {@code source} to {@code target}. */
    public Builder put(String source, String target, double distance) {
      Integer i = index.get(source);
      Integer j = index.get(target);
      if (i == null || j == null) {
        throw new IllegalArgumentException(source + " or " + target + " is not one of " + tasks);
      }
      values[i][j] = distance;
      return this;
    }

    public DistanceTable build() {
      double[][] copy = new double[values.length][];
      for (int i = 0; i < values.length; i++) {
        copy[i] = values[i].clone();
      }
      return new DistanceTable(tasks, copy);
    }
  }
}
