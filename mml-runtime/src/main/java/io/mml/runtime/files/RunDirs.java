package io.mml.runtime.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Run folders {@code <proj>/runs/<YYYY-MM-DD>/<HH-MM-SS-mmm>[-n]}: created atomically (two runs
 * started in the same millisecond get different folders), found again by id or as the latest.
 */
public final class RunDirs {
  private RunDirs() {}

  /** The folder under the project that holds all runs. */
  public static final String RUNS = "runs";
  /** The folder under the project that holds sweeps ({@code sweeps/<sweep>/<trial>} are runs too). */
  public static final String SWEEPS = "sweeps";

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH-mm-ss-SSS");
  private static final Pattern DAY_NAME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final Pattern TIME_NAME = Pattern.compile("(\\d{2}-\\d{2}-\\d{2}-\\d{3})(?:-(\\d+))?");
  private static final Pattern RUN_ID = Pattern.compile("\\d{4}-\\d{2}-\\d{2}/\\d{2}-\\d{2}-\\d{2}-\\d{3}(?:-\\d+)?");

  /** Orders time folders by time, then collision suffix numerically ({@code -2} before {@code -10}). */
  private static final Comparator<String> TIME_ORDER = Comparator
      .comparing((String s) -> matchTime(s).group(1))
      .thenComparingInt(s -> matchTime(s).group(2) == null ? -1 : Integer.parseInt(matchTime(s).group(2)));

  private static Matcher matchTime(String s) {
    Matcher m = TIME_NAME.matcher(s);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a run time folder: " + s);
    }
    return m;
  }

  /** Creates a new, empty run folder for the clock's current time (in the clock's zone). */
  public static Path create(Path projectDir, Clock clock) {
    LocalDateTime now = LocalDateTime.now(clock);
    Path dayDir = projectDir.resolve(RUNS).resolve(DAY.format(now));
    String base = TIME.format(now);
    try {
      Files.createDirectories(dayDir);
      for (int n = 0; n < 10_000; n++) {
        Path candidate = dayDir.resolve(n == 0 ? base : base + "-" + n);
        try {
          return Files.createDirectory(candidate).toAbsolutePath().normalize();
        } catch (FileAlreadyExistsException taken) {
          // another run started in the same millisecond: try the next suffix
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not create a run folder under " + dayDir + ": " + e.getMessage(), e);
    }
    throw new IllegalStateException("Could not create a run folder under " + dayDir + ": 10000 names taken");
  }

  /** All run ids of the project, oldest first. */
  public static List<String> list(Path projectDir) {
    Path runs = projectDir.resolve(RUNS);
    List<String> out = new ArrayList<>();
    if (!Files.isDirectory(runs)) {
      return out;
    }
    for (String day : childNames(runs, DAY_NAME)) {
      for (String time : childNames(runs.resolve(day), TIME_NAME)) {
        out.add(day + "/" + time);
      }
    }
    return out;
  }

  private static List<String> childNames(Path dir, Pattern pattern) {
    try (Stream<Path> s = Files.list(dir)) {
      List<String> names = new ArrayList<>(s.filter(Files::isDirectory).map(p -> p.getFileName().toString())
          .filter(n -> pattern.matcher(n).matches()).toList());
      names.sort(pattern == TIME_NAME ? TIME_ORDER : Comparator.naturalOrder());
      return names;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not list " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Whether {@code text} has the form of a run id ({@code YYYY-MM-DD/HH-MM-SS-mmm}). */
  public static boolean isRunId(String text) {
    return text != null && RUN_ID.matcher(text).matches();
  }

  /** The newest run folder of the project (day, then time), if any. */
  public static Optional<Path> latest(Path projectDir) {
    List<String> ids = list(projectDir);
    return ids.isEmpty() ? Optional.empty()
        : Optional.of(projectDir.resolve(RUNS).resolve(ids.get(ids.size() - 1)).toAbsolutePath().normalize());
  }

  /**
   * The folder of run {@code runId} ({@code YYYY-MM-DD/HH-MM-SS-mmm}, or {@code latest}); a clear error
   * naming the latest runs when it does not exist.
   */
  public static Path resolve(Path projectDir, String runId) {
    if ("latest".equals(runId)) {
      return latest(projectDir).orElseThrow(() -> new IllegalArgumentException(
          "There is no run to continue under " + projectDir.resolve(RUNS) + " (continue=latest)"));
    }
    if (runId == null || !RUN_ID.matcher(runId).matches()) {
      throw new IllegalArgumentException("Run id '" + runId + "' is malformed: expected YYYY-MM-DD/HH-MM-SS-mmm"
          + " (e.g. 2024-05-01/13-45-12-123) or 'latest'." + latestHint(projectDir));
    }
    Path dir = projectDir.resolve(RUNS).resolve(runId);
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("Run '" + runId + "' does not exist under " + projectDir.resolve(RUNS) + "."
          + latestHint(projectDir));
    }
    return dir.toAbsolutePath().normalize();
  }

  private static String latestHint(Path projectDir) {
    List<String> ids = list(projectDir);
    if (ids.isEmpty()) {
      return " The project has no runs yet.";
    }
    List<String> latest = new ArrayList<>(ids.subList(Math.max(0, ids.size() - 5), ids.size()));
    java.util.Collections.reverse(latest);
    return " Latest runs: " + String.join(", ", latest);
  }

  /** The id of a run folder ({@code YYYY-MM-DD/HH-MM-SS-mmm}); an error if it is not a run folder of the project. */
  public static String runId(Path projectDir, Path runDir) {
    Path runs = projectDir.toAbsolutePath().normalize().resolve(RUNS);
    Path abs = runDir.toAbsolutePath().normalize();
    Path sweeps = projectDir.toAbsolutePath().normalize().resolve(SWEEPS);
    if (abs.startsWith(sweeps) && sweeps.relativize(abs).getNameCount() == 2) {
      Path rel = sweeps.relativize(abs);
      return SWEEPS + "/" + rel.getName(0) + "/" + rel.getName(1);
    }
    if (!abs.startsWith(runs) || runs.relativize(abs).getNameCount() != 2) {
      throw new IllegalArgumentException(runDir + " is not a run folder of " + projectDir
          + " (expected " + runs + "/<YYYY-MM-DD>/<HH-MM-SS-mmm>)");
    }
    Path rel = runs.relativize(abs);
    String id = rel.getName(0) + "/" + rel.getName(1);
    if (!RUN_ID.matcher(id).matches()) {
      throw new IllegalArgumentException(runDir + " is not a run folder: '" + id + "' is not YYYY-MM-DD/HH-MM-SS-mmm");
    }
    return id;
  }
}
