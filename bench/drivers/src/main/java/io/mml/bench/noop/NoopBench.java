package io.mml.bench.noop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mml.runtime.files.FileTrees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Driver of bench/noop.sh. Each repetition runs, one after the other, in fresh JVMs through the
 * generated main (same JVM flags as the ./mml launcher):
 * <ol>
 *   <li>base: {@code noop tasks=demo_shapes mode.steps=1} (3 + 1 steps: startup, compose, plan);
 *   <li>full: {@code mode.steps=N} (N + 3 steps, each journaled twice with fsync, struct dump after each);
 *   <li>continue: a copy of the full run with the journal's last {@code 2*(cut+1)} lines removed (finish
 *       and the last {@code cut} steps missing), continued with {@code continue=latest}.
 * </ol>
 * Timestamps of the journal split each run into "spawn -> first step started" and the step phase.
 */
public final class NoopBench {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TASK = "demo_shapes";

  private record Entry(String step, String status, Instant at) {}

  private record Run(double wall, double toFirstStep, List<Entry> journal, Path resultsRoot) {}

  private final String java;
  private final String cp;
  private final Path work;
  private final Path data;

  private NoopBench(String java, String cp, Path work) {
    this.java = java;
    this.cp = cp;
    this.work = work;
    this.data = work.resolve("data");
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> a = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      a.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    Path out = Path.of(a.get("out"));
    int steps = Integer.parseInt(a.getOrDefault("steps", "10000"));
    int reps = Integer.parseInt(a.getOrDefault("reps", "5"));
    int cut = Integer.parseInt(a.getOrDefault("cut", "5"));
    // On the same disk as the repository (not a tmpfs): fsync must cost what it costs for users.
    Path work = Files.createTempDirectory(out, "noop-work.");
    NoopBench b = new NoopBench(a.get("java"), a.get("cp"), work);
    String report = b.bench(steps, reps, cut);
    System.out.print(report);
    Files.writeString(out.resolve("noop.txt"), report, StandardCharsets.UTF_8);
    FileTrees.deleteTree(work);
  }

  private String bench(int steps, int reps, int cut) throws Exception {
    System.err.printf("noop: warm-up (installs the demo tasks), then %d repetitions of base/full/continue%n", reps);
    run("warmup", 1, false, null);
    List<Double> baseWall = new ArrayList<>();
    List<Double> baseFirst = new ArrayList<>();
    List<Double> fullWall = new ArrayList<>();
    List<Double> fullFirst = new ArrayList<>();
    List<Double> fullSteps = new ArrayList<>();
    List<Double> perStep = new ArrayList<>();
    List<Double> firstDecile = new ArrayList<>();
    List<Double> lastDecile = new ArrayList<>();
    List<Double> contWall = new ArrayList<>();
    List<Double> contFirst = new ArrayList<>();
    List<Double> contSteps = new ArrayList<>();
    int planSize = steps + 3;
    String contFailure = null;
    for (int r = 1; r <= reps; r++) {
      Run base = run("base-" + r, 1, false, null);
      baseWall.add(base.wall());
      baseFirst.add(base.toFirstStep());

      Run full = run("full-" + r, steps, false, null);
      List<Entry> j = full.journal();
      if (j.size() != 2 * planSize) {
        throw new IllegalStateException("full run journal has " + j.size() + " lines, expected " + 2 * planSize);
      }
      double phase = secs(j.get(0).at(), j.get(j.size() - 1).at());
      fullWall.add(full.wall());
      fullFirst.add(full.toFirstStep());
      fullSteps.add(phase);
      perStep.add(phase / planSize * 1000);
      // Step k (0-based in the plan) starts at line 2k. Decile = the first / last tenth of the tick steps.
      int tenth = Math.max(1, steps / 10);
      firstDecile.add(secs(j.get(2).at(), j.get(2 * (1 + tenth)).at()) / tenth * 1000);
      lastDecile.add(secs(j.get(2 * (1 + steps - tenth)).at(), j.get(2 * (1 + steps)).at()) / tenth * 1000);

      Path contRoot = work.resolve("results-cont-" + r);
      copyTree(full.resultsRoot(), contRoot);
      Path journal = runDir(contRoot).resolve("journal.jsonl");
      List<String> lines = Files.readAllLines(journal, StandardCharsets.UTF_8);
      int keep = lines.size() - 2 * (cut + 1);
      Files.write(journal, lines.subList(0, keep), StandardCharsets.UTF_8);
      double cw = Double.NaN;
      try {
        Run cont = run("cont-" + r, steps, true, contRoot);
        List<Entry> cj = cont.journal();
        List<Entry> fresh = cj.subList(keep, cj.size());
        if (fresh.size() != 2 * (cut + 2) || !cj.get(cj.size() - 1).step().equals("finish")) {
          throw new IllegalStateException("continue ran " + fresh.size() / 2 + " steps, expected prepare + " + cut
              + " + finish = " + (cut + 2));
        }
        cw = cont.wall();
        contWall.add(cw);
        contFirst.add(cont.toFirstStep());
        contSteps.add(secs(fresh.get(0).at(), fresh.get(fresh.size() - 1).at()));
      } catch (IllegalStateException e) {
        if (contFailure == null) {
          contFailure = e.getMessage();
        }
      }
      FileTrees.deleteTree(full.resultsRoot());
      FileTrees.deleteTree(contRoot);
      FileTrees.deleteTree(base.resultsRoot());
      System.err.printf("noop: rep %d/%d: base %.2f s, full %.2f s (%.3f ms/step), continue %.2f s%n", r, reps,
          base.wall(), full.wall(), perStep.get(perStep.size() - 1), cw);
    }
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "noop scheduler benchmark — %s%n", ZonedDateTime.now()));
    s.append(String.format(Locale.ROOT, "steps=%d no-op per-fold steps on %s (+ once, prepare, finish = %d in the plan),"
        + " reps=%d, continue re-runs the last %d steps + finish (prepare always runs)%n", steps, TASK, planSize,
        reps, cut));
    s.append(String.format(Locale.ROOT, "JVM flags as ./mml: -XX:+UseSerialGC -Xshare:auto; progress logging on"
        + " (console to a file); work dir on the repository's disk%n"));
    s.append(String.format(Locale.ROOT, "%-52s %9s %9s %9s%n", "figure", "median", "min", "max"));
    row(s, "base run (mode.steps=1) wall, s", baseWall);
    row(s, "base: spawn -> first step started, s", baseFirst);
    row(s, "full run wall, s", fullWall);
    row(s, "full: spawn -> first step started (compose+plan), s", fullFirst);
    row(s, "full: planning N steps, extra over base, s", diff(fullFirst, baseFirst));
    row(s, "full: step phase (prepare start -> finish done), s", fullSteps);
    row(s, "full: per step, ms", perStep);
    row(s, "full: per step, first tenth of ticks, ms", firstDecile);
    row(s, "full: per step, last tenth of ticks, ms", lastDecile);
    if (contFailure != null) {
      s.append("continue FAILED in ").append(reps - contWall.size()).append(" of ").append(reps)
          .append(" repetitions; first failure: ").append(contFailure.lines().filter(l -> l.startsWith("Error"))
              .findFirst().orElse(contFailure.lines().findFirst().orElse(""))).append('\n');
    }
    row(s, "continue wall, s", contWall);
    row(s, "continue: spawn -> prepare started, s", contFirst);
    row(s, "continue: extra over base to first step, s", diff(contFirst, baseFirst));
    row(s, "continue: prepare start -> finish done (skips included), s", contSteps);
    return s.toString();
  }

  private static List<Double> diff(List<Double> a, List<Double> b) {
    List<Double> d = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      d.add(a.get(i) - b.get(i));
    }
    return d;
  }

  private static void row(StringBuilder s, String name, List<Double> v) {
    if (v.isEmpty()) {
      s.append(String.format(Locale.ROOT, "%-52s %9s %9s %9s%n", name, "n/a", "n/a", "n/a"));
      return;
    }
    List<Double> sorted = new ArrayList<>(v);
    sorted.sort(Comparator.naturalOrder());
    int n = sorted.size();
    double med = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    s.append(String.format(Locale.ROOT, "%-52s %9.3f %9.3f %9.3f%n", name, med, sorted.get(0), sorted.get(n - 1)));
  }

  private Run run(String name, int steps, boolean cont, Path existingRoot) throws Exception {
    Path results = existingRoot != null ? existingRoot : work.resolve("results-" + name);
    List<String> cmd = new ArrayList<>(List.of(java, "-XX:+UseSerialGC", "-Xshare:auto", "-cp", cp,
        "io.mml.bench.noop.MmlMain", "noop", "tasks=demo", "task_list=[" + TASK + "]", "mode.steps=" + steps));
    if (cont) {
      cmd.add("continue=latest");
    }
    Path log = work.resolve(name + ".log");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("MML_DATA_PATH", data.toString());
    pb.environment().put("MML_RESULTS_PATH", results.toString());
    Instant spawn = Instant.now();
    long t0 = System.nanoTime();
    int rc = pb.start().waitFor();
    double wall = (System.nanoTime() - t0) / 1e9;
    if (rc != 0) {
      throw new IllegalStateException(name + ": exit code " + rc + "; see " + log + ":\n"
          + String.join("\n", tail(Files.readAllLines(log), 30)));
    }
    Path runDir = runDir(results);
    List<Entry> journal = readJournal(runDir.resolve("journal.jsonl"));
    // For a continue, the first new line is the re-run prepare: find the last 'prepare started'.
    Instant first = null;
    for (Entry e : journal) {
      if (e.step().equals("prepare") && e.status().equals("started")) {
        first = e.at();
      }
    }
    return new Run(wall, secs(spawn, first), journal, results);
  }

  private static List<String> tail(List<String> l, int n) {
    return l.subList(Math.max(0, l.size() - n), l.size());
  }

  private static Path runDir(Path resultsRoot) throws IOException {
    try (Stream<Path> s = Files.walk(resultsRoot.resolve("default").resolve("runs"), 2)) {
      List<Path> dirs = s.filter(p -> Files.exists(p.resolve("plan.json"))).toList();
      if (dirs.size() != 1) {
        throw new IllegalStateException("expected one run folder under " + resultsRoot + ", found " + dirs);
      }
      return dirs.get(0);
    }
  }

  private static List<Entry> readJournal(Path file) throws IOException {
    List<Entry> out = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      JsonNode n = JSON.readTree(line);
      out.add(new Entry(n.get("step").asText(), n.get("status").asText(), Instant.parse(n.get("at").asText())));
    }
    return out;
  }

  private static double secs(Instant a, Instant b) {
    return Duration.between(a, b).toNanos() / 1e9;
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
    }
  }
}
