package io.mml.runtime.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mml.runtime.config.ConfigException;
import io.mml.runtime.files.RunDirs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A sweep's folder, {@code <proj>/sweeps/<sweep>/}, as readers outside the sweep runner see it:
 * which sweeps a project has, the latest state of its trials (from the fsync'd trial journal, so a
 * killed sweep reads as far as it got), its best trial and a printable table.
 *
 * @param dir the sweep folder
 */
public record SweepFolder(Path dir) {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The command that started the sweep. */
  public static final String SPEC = "sweep.json";
  /** Trials, parameters, objective and best, rewritten after every trial. */
  public static final String SUMMARY = "sweep.yaml";

  /**
   * One trial as the journal last recorded it.
   *
   * @param number the trial number
   * @param params the override values by key, in order
   * @param status {@code started} (running or interrupted), {@code done} or {@code failed}
   * @param value the return value of a done trial (NaN without one)
   * @param run the run id of a done trial, or null
   * @param error the error of a failed trial, or null
   */
  public record TrialState(int number, Map<String, String> params, String status, double value, String run,
      String error) {}

  /** The sweeps of a project, oldest first (folders holding a {@value #SPEC}). */
  public static List<SweepFolder> list(Path projectDir) {
    Path sweeps = projectDir.resolve(RunDirs.SWEEPS);
    if (!Files.isDirectory(sweeps)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(sweeps)) {
      return s.filter(p -> Files.isRegularFile(p.resolve(SPEC))).sorted().map(SweepFolder::new).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + sweeps, e);
    }
  }

  /**
   * The sweep {@code which} names ({@code latest}, {@code <sweep>} or {@code sweeps/<sweep>}).
   *
   * @param key the config key that named it, for the error
   * @throws ConfigException when the project has no such sweep, listing the ones it has
   */
  public static SweepFolder resolve(Path projectDir, String which, String key) {
    List<SweepFolder> all = list(projectDir);
    if (which.equals("latest")) {
      if (all.isEmpty()) {
        throw new ConfigException(key, key + "=latest: project " + projectDir + " has no sweeps yet. Run one first"
            + " (mml train -m optimizer.lr=0.01,0.001 ...).");
      }
      return all.get(all.size() - 1);
    }
    String name = which.startsWith(RunDirs.SWEEPS + "/") ? which.substring(RunDirs.SWEEPS.length() + 1) : which;
    Path dir = projectDir.resolve(RunDirs.SWEEPS).resolve(name);
    if (name.isEmpty() || name.contains("/") || name.contains("..") || !Files.isRegularFile(dir.resolve(SPEC))) {
      throw new ConfigException(key, "There is no sweep '" + which + "' in project " + projectDir + " (" + key + ")."
          + " Sweeps: " + all.stream().map(SweepFolder::name).toList() + " (or " + key + "=latest).");
    }
    return new SweepFolder(dir);
  }

  public String name() {
    return dir.getFileName().toString();
  }

  /** The command that started the sweep ({@value #SPEC}). */
  public JsonNode spec() {
    try {
      return JSON.readTree(Files.readAllBytes(dir.resolve(SPEC)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dir.resolve(SPEC), e);
    }
  }

  /** The mode the sweep runs. */
  public String mode() {
    return spec().path("mode").asText();
  }

  /** Whether lower return values are better ({@code hpo.direction} of the sweep). */
  public boolean minimize() {
    return !spec().path("hpo").path("direction").asText("minimize").equals("maximize");
  }

  /** The number of trials the sweep plans. */
  public int plannedTrials() {
    return spec().path("trials").asInt();
  }

  /** Every trial with a journal line, by number. */
  public List<TrialState> trials() {
    List<TrialState> out = new ArrayList<>();
    for (TrialJournal.Entry e : TrialJournal.read(dir).values()) {
      out.add(new TrialState(e.number(), e.assignment(), e.status(), e.value(), e.run(), e.error()));
    }
    return out;
  }

  /** The done trial with the best return value, if any set one. */
  public Optional<TrialState> best() {
    return best(trials(), minimize());
  }

  static Optional<TrialState> best(List<TrialState> trials, boolean minimize) {
    TrialState best = null;
    for (TrialState t : trials) {
      if (t.status().equals("done") && !Double.isNaN(t.value())
          && (best == null || (minimize ? t.value() < best.value() : t.value() > best.value()))) {
        best = t;
      }
    }
    return Optional.ofNullable(best);
  }

  /** The trials as a text table, the best marked with {@code *}. */
  public String table() {
    List<TrialState> trials = trials();
    Optional<TrialState> best = best(trials, minimize());
    Set<String> keys = new LinkedHashSet<>();
    trials.forEach(t -> keys.addAll(t.params().keySet()));
    List<String> cols = new ArrayList<>(List.of("trial"));
    cols.addAll(keys);
    cols.addAll(List.of("status", "value"));
    List<List<String>> rows = new ArrayList<>();
    for (TrialState t : trials) {
      List<String> r = new ArrayList<>();
      r.add((best.isPresent() && best.get().number() == t.number() ? "*" : "") + t.number());
      keys.forEach(k -> r.add(t.params().getOrDefault(k, "")));
      r.add(t.status());
      r.add(Double.isNaN(t.value()) ? (t.error() == null ? "" : "error: " + abbreviate(t.error())) : format(t.value()));
      rows.add(r);
    }
    int[] width = new int[cols.size()];
    for (int c = 0; c < cols.size(); c++) {
      width[c] = cols.get(c).length();
      for (List<String> r : rows) {
        width[c] = Math.max(width[c], r.get(c).length());
      }
    }
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "Sweep %s of mode '%s': %d of %d trials done, %s the return value%n", name(),
        mode(), trials.stream().filter(t -> t.status().equals("done")).count(), plannedTrials(),
        minimize() ? "minimizing" : "maximizing"));
    appendRow(sb, cols, width);
    rows.forEach(r -> appendRow(sb, r, width));
    best.ifPresent(b -> sb.append(String.format(Locale.ROOT, "best: trial %d, %s = %s (use_best_params=%s)%n",
        b.number(), String.join(" ", TrialJournal.overrides(b.params())), format(b.value()), name())));
    return sb.toString();
  }

  private static void appendRow(StringBuilder sb, List<String> cells, int[] width) {
    for (int c = 0; c < cells.size(); c++) {
      sb.append(c == 0 ? "  " : "  ").append(String.format(Locale.ROOT, "%-" + width[c] + "s", cells.get(c)));
    }
    sb.append(System.lineSeparator());
  }

  private static String abbreviate(String s) {
    String one = s.replace('\n', ' ');
    return one.length() <= 60 ? one : one.substring(0, 57) + "...";
  }

  static String format(double v) {
    return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6f", v);
  }
}
