package io.mml.runtime.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mml.runtime.config.ComposedConfig;
import io.mml.runtime.config.Config;
import io.mml.runtime.config.ConfigComposer;
import io.mml.runtime.config.ConfigException;
import io.mml.runtime.config.ConfigOverride;
import io.mml.runtime.errors.MmlException;
import io.mml.runtime.files.AtomicFiles;
import io.mml.runtime.files.RunDirs;
import io.mml.runtime.scheduler.ModeRegistry;
import io.mml.runtime.scheduler.RunLauncher;
import io.mml.runtime.scheduler.RunResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a sweep: with {@code -m}, the grid of the command line's swept overrides (Hydra's basic
 * sweeper); with {@code hpo=grid|random|tpe}, trials drawn from the {@code search_space} group. Every
 * trial is a normal run in {@code <proj>/sweeps/<sweep>/<n>/} with its own config, journal and
 * return value; the sweep's {@link TrialJournal} records each trial's start and end. Continued
 * ({@code continue=latest} or {@code continue=<sweep>}), a sweep keeps its finished trials, resumes
 * an interrupted trial in its own run folder and runs only what is missing.
 */
public final class SweepRunner {
  private static final Logger LOG = LoggerFactory.getLogger(SweepRunner.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyy-MM-dd_HH-mm-ss-SSS");
  /** The sweep's description ({@code <sweep>/sweep.json}). */
  static final String SPEC = "sweep.json";
  /**
   * A kill point for tests, not a setting: {@code -Dmml.test.halt_after_trial=N} ends the JVM as
   * SIGKILL does right after trial N's end was journaled.
   */
  private static final Integer HALT_AFTER_TRIAL = Integer.getInteger("mml.test.halt_after_trial");

  private final ConfigComposer composer;
  private final RunLauncher launcher;
  private final ModeRegistry registry;
  private final Clock clock;

  public SweepRunner(ConfigComposer composer, RunLauncher launcher, ModeRegistry registry, Clock clock) {
    this.composer = composer;
    this.launcher = launcher;
    this.registry = registry;
    this.clock = clock;
  }

  /** A swept override of the command line: its text before '=' and its values. */
  record Dimension(String prefix, List<String> values) {}

  /**
   * Whether a command without {@code -m} is a sweep nonetheless: its composed config chooses a
   * search ({@code hpo} other than {@code none}).
   */
  public static boolean searches(Config composed) {
    return HpoOptions.from(composed).searches();
  }

  /** Runs (or continues) the sweep and returns the exit code. */
  public int run(String mode, List<String> overrides, boolean multirun) throws Exception {
    String continueValue = null;
    List<String> base = new ArrayList<>();
    List<Dimension> dims = new ArrayList<>();
    for (String o : overrides) {
      Optional<ConfigOverride> parsed = ConfigOverride.tryParse(o);
      if (parsed.isPresent() && parsed.get().key().equals("continue") && parsed.get().value() != null) {
        continueValue = parsed.get().value();
        continue;
      }
      Optional<List<String>> values = multirun && parsed.isPresent() && parsed.get().value() != null
          ? SweepValues.parse(parsed.get().key(), parsed.get().value()) : Optional.empty();
      if (values.isPresent()) {
        dims.add(new Dimension(o.substring(0, o.indexOf('=')), values.get()));
      } else {
        base.add(o);
      }
    }
    List<String> probeOverrides = new ArrayList<>(base);
    dims.forEach(d -> probeOverrides.add(d.prefix() + "=" + d.values().get(0)));
    Config probe = composer.compose(mode, probeOverrides).config();
    HpoOptions hpo = HpoOptions.from(probe);
    SearchSpace space = SearchSpace.from(probe);
    TrialSource source = TrialSource.of(hpo, space, dims);
    // Every grid trial's config must compose before anything is written.
    for (int n = 0; n < source.size() && source.fixed(); n++) {
      compose(mode, base, source.fixedAssignment(n));
    }
    Path project = Path.of(probe.getString("out_dir")).toAbsolutePath().normalize().resolve(probe.getString("proj"));
    ObjectNode spec = spec(mode, base, dims, hpo, space, source.size());
    Path sweepDir = continueValue == null || continueValue.equals("false") ? create(project, spec)
        : existing(project, continueValue, spec);
    String name = sweepDir.getFileName().toString();
    Map<Integer, TrialJournal.Entry> known = TrialJournal.read(sweepDir);
    List<Trial> history = new ArrayList<>();
    LOG.info("Sweep {} of mode '{}': {} trials ({}){}.", name, mode, source.size(), source.describe(),
        known.isEmpty() ? "" : ", continued: " + known.values().stream().filter(TrialJournal.Entry::done).count()
            + " finished");
    try (TrialJournal journal = TrialJournal.open(sweepDir)) {
      for (int n = 0; n < source.size(); n++) {
        TrialJournal.Entry before = known.get(n);
        if (before != null && before.done()) {
          history.add(new Trial(n, before.assignment(), before.value()));
          continue;
        }
        Map<String, String> assignment = before != null ? before.assignment() : source.assignment(n, history);
        if (before == null) {
          journal.started(n, assignment);
        } else {
          LOG.info("Trial {} was interrupted; resuming it in {}.", n, sweepDir.resolve(Integer.toString(n)));
        }
        LOG.info("Trial {}/{}: {}", n + 1, source.size(), TrialJournal.overrides(assignment));
        RunResult result;
        try {
          result = launcher.runIn(registry, compose(mode, base, assignment), sweepDir.resolve(Integer.toString(n)));
        } catch (Exception e) {
          journal.failed(n, String.valueOf(e.getMessage()));
          throw e;
        }
        double value = result.returnValue().orElse(Double.NaN);
        if (Double.isNaN(value) && hpo.searches()) {
          journal.failed(n, "no return value");
          throw new MmlException("Mode '" + mode + "' set no return value in trial " + n + ", so hpo=" + hpo.type()
              + " has nothing to " + hpo.direction() + ". Search with a mode that sets one (train sets the mean best"
              + " validation value), or sweep a grid with -m and hpo=none.");
        }
        journal.done(n, value, result.runId());
        history.add(new Trial(n, assignment, value));
        if (HALT_AFTER_TRIAL != null && HALT_AFTER_TRIAL == n) {
          Runtime.getRuntime().halt(137);
        }
      }
    }
    SweepSummary.write(sweepDir, history, hpo.minimize());
    return 0;
  }

  private ComposedConfig compose(String mode, List<String> base, Map<String, String> assignment) {
    List<String> all = new ArrayList<>(base);
    all.addAll(TrialJournal.overrides(assignment));
    return composer.compose(mode, all);
  }

  private static ObjectNode spec(String mode, List<String> base, List<Dimension> dims, HpoOptions hpo,
      SearchSpace space, int trials) {
    ObjectNode s = JSON.createObjectNode();
    s.put("mode", mode);
    s.set("overrides", TrialJournal.toJson(base));
    ObjectNode d = s.putObject("dimensions");
    dims.forEach(x -> d.set(x.prefix(), TrialJournal.toJson(x.values())));
    s.set("hpo", JSON.valueToTree(hpo));
    s.set("search_space", JSON.valueToTree(space.params()));
    s.put("trials", trials);
    return s;
  }

  private Path create(Path project, ObjectNode spec) throws IOException {
    Path sweeps = Files.createDirectories(project.resolve(RunDirs.SWEEPS));
    String base = NAME.format(LocalDateTime.now(clock));
    for (int i = 0; i < 1000; i++) {
      try {
        Path dir = Files.createDirectory(sweeps.resolve(i == 0 ? base : base + "-" + i));
        AtomicFiles.write(dir.resolve(SPEC), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(spec));
        return dir;
      } catch (FileAlreadyExistsException taken) {
        // another sweep started in the same millisecond
      }
    }
    throw new IllegalStateException("Could not create a sweep folder under " + sweeps);
  }

  private static Path existing(Path project, String which, ObjectNode spec) throws IOException {
    Path sweeps = project.resolve(RunDirs.SWEEPS);
    Path dir;
    if (which.equals("latest")) {
      List<Path> all = list(sweeps);
      if (all.isEmpty()) {
        throw new ConfigException("continue", "continue=latest with a sweep: project " + project + " has no sweeps"
            + " yet. Start one without continue.");
      }
      dir = all.get(all.size() - 1);
    } else {
      String name = which.startsWith(RunDirs.SWEEPS + "/") ? which.substring(RunDirs.SWEEPS.length() + 1) : which;
      dir = sweeps.resolve(name);
      if (name.contains("/") || name.contains("..") || !Files.isRegularFile(dir.resolve(SPEC))) {
        throw new ConfigException("continue", "There is no sweep '" + which + "' under " + sweeps + ". Sweeps: "
            + list(sweeps).stream().map(p -> p.getFileName().toString()).toList() + " (or continue=latest).");
      }
    }
    JsonNode saved = JSON.readTree(Files.readAllBytes(dir.resolve(SPEC)));
    for (String key : List.of("mode", "overrides", "dimensions", "search_space", "trials")) {
      if (!saved.path(key).equals(spec.path(key))) {
        throw new ConfigException("continue", "Sweep " + dir.getFileName() + " was started with " + key + " "
            + saved.path(key) + ", this command gives " + spec.path(key) + ". Continue it with the command that"
            + " started it (its " + SPEC + "), or start a new sweep without continue.");
      }
    }
    return dir;
  }

  private static List<Path> list(Path sweeps) throws IOException {
    if (!Files.isDirectory(sweeps)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(sweeps)) {
      return s.filter(p -> Files.isRegularFile(p.resolve(SPEC))).sorted().toList();
    }
  }

  /** Where trials come from: a fixed grid, or a sampler. */
  private record TrialSource(int size, List<Map<String, String>> grid, Sampler sampler, String describe) {
    static TrialSource of(HpoOptions hpo, SearchSpace space, List<Dimension> dims) {
      if (hpo.searches() && !dims.isEmpty()) {
        throw new ConfigException("hpo", "Give the swept keys either on the command line with -m (a grid: "
            + dims.stream().map(Dimension::prefix).toList() + ") or in search_space with hpo=" + hpo.type()
            + ", not both.");
      }
      if (hpo.searches() && space.isEmpty()) {
        throw new ConfigException("search_space", "hpo=" + hpo.type() + " searches the keys of search_space, but it"
            + " has none. Choose one (e.g. search_space=train_lr) or give search_space.params.");
      }
      switch (hpo.type()) {
        case "random":
          return new TrialSource(hpo.trials(), null, new RandomSearch(space, hpo.seed()), "random search");
        case "tpe":
          return new TrialSource(hpo.trials(), null, new Tpe(space, hpo), "TPE");
        case "grid": {
          List<Dimension> fromSpace = new ArrayList<>();
          for (SearchParam p : space.params()) {
            if (p.gridValues().isEmpty()) {
              throw new ConfigException("search_space", "hpo=grid needs choice or int keys; " + p.key() + " is "
                  + p.type().name().toLowerCase(Locale.ROOT) + ". Use hpo=random or hpo=tpe for intervals.");
            }
            fromSpace.add(new Dimension(p.key(), p.gridValues()));
          }
          List<Map<String, String>> grid = product(fromSpace);
          if (hpo.trials() > 0 && grid.size() > hpo.trials()) {
            grid = grid.subList(0, hpo.trials());
          }
          return new TrialSource(grid.size(), grid, null, "grid of the search space");
        }
        default: {
          List<Map<String, String>> grid = product(dims);
          return new TrialSource(grid.size(), grid, null, dims.isEmpty() ? "no swept keys" : "grid");
        }
      }
    }

    boolean fixed() {
      return grid != null;
    }

    Map<String, String> fixedAssignment(int n) {
      return grid.get(n);
    }

    Map<String, String> assignment(int n, List<Trial> history) {
      return fixed() ? grid.get(n) : sampler.propose(n, history);
    }

    /** The cartesian product, the first key varying slowest (as Hydra's basic sweeper). */
    static List<Map<String, String>> product(List<Dimension> dims) {
      List<Map<String, String>> out = new ArrayList<>();
      out.add(new LinkedHashMap<>());
      for (Dimension d : dims) {
        List<Map<String, String>> next = new ArrayList<>();
        for (Map<String, String> partial : out) {
          for (String v : d.values()) {
            Map<String, String> m = new LinkedHashMap<>(partial);
            m.put(d.prefix(), v);
            next.add(m);
          }
        }
        out = next;
      }
      return out;
    }
  }

  static String format(double v) {
    return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6f", v);
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
