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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
  static final String SPEC = SweepFolder.SPEC;
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
    if (multirun && dims.isEmpty() && !hpo.searches()) {
      throw new ConfigException("-m", "-m (--multirun) sweeps the overrides that list several values, but none of "
          + overrides + " does: the grid would be empty. Give one such as optimizer.lr=0.01,0.001, range(1,4) or"
          + " choice(mlp,cnn), choose a search (hpo=tpe search_space=train_lr), or drop -m for a single run.");
    }
    TrialSource source = TrialSource.of(hpo, space, dims);
    boolean cluster = probe.has("executor.name") && !probe.node("executor.name").orElseThrow().isNull()
        && !probe.getString("executor.name").equals("local");
    if (hpo.parallel() > 1 && !cluster) {
      throw new ConfigException("hpo.parallel", "hpo.parallel=" + hpo.parallel() + " runs trials at once as jobs of a"
          + " cluster executor, but this sweep runs in this process (executor=local), where trials would compete for"
          + " the same cores. Add executor=slurm, or set hpo.parallel=1.");
    }
    List<String> extra = cluster && probe.has("executor.wait") ? List.of("executor.wait=true") : List.of();
    // Every trial's config must compose before anything is written: a grid's trials all, a search's keys once.
    for (int n = 0; n < source.size() && source.fixed(); n++) {
      compose(mode, base, source.fixedAssignment(n), extra);
    }
    if (!source.fixed()) {
      try {
        compose(mode, base, source.assignment(0, List.of()), extra);
      } catch (ConfigException e) {
        throw new ConfigException("search_space.params", "A key of the search space does not fit mode '" + mode
            + "': " + e.getMessage() + " Fix search_space.params (each key is a config key path as on the command"
            + " line).", e);
      }
    }
    Path project = Path.of(probe.getString("out_dir")).toAbsolutePath().normalize().resolve(probe.getString("proj"));
    ObjectNode spec = spec(mode, base, dims, hpo, space, source.size());
    Path sweepDir = continueValue == null || continueValue.equals("false") ? create(project, spec)
        : existing(project, continueValue, spec);
    SweepFolder folder = new SweepFolder(sweepDir);
    Map<Integer, TrialJournal.Entry> known = TrialJournal.read(sweepDir);
    LOG.info("Sweep {} of mode '{}': {} trials ({}){}{}.", folder.name(), mode, source.size(), source.describe(),
        hpo.parallel() > 1 ? ", " + hpo.parallel() + " at once" : "",
        known.isEmpty() ? "" : ", continued: " + known.values().stream().filter(TrialJournal.Entry::done).count()
            + " finished");
    Trial[] results = new Trial[source.size()];
    List<Failure> failures = new ArrayList<>();
    try (TrialJournal journal = TrialJournal.open(sweepDir)) {
      for (int start = 0; start < source.size(); start += hpo.parallel()) {
        // Proposals of one batch see the same finished trials (those before it), so a continued sweep
        // proposes what the uninterrupted one did, however its trials' runs interleaved.
        List<Trial> before = new ArrayList<>();
        for (int i = 0; i < start; i++) {
          if (results[i] != null) {
            before.add(results[i]);
          }
        }
        List<Pending> batch = new ArrayList<>();
        for (int n = start; n < Math.min(source.size(), start + hpo.parallel()); n++) {
          TrialJournal.Entry known0 = known.get(n);
          if (known0 != null && known0.done()) {
            results[n] = new Trial(n, known0.assignment(), known0.value());
            continue;
          }
          Map<String, String> assignment = known0 != null ? known0.assignment() : source.assignment(n, before);
          if (known0 == null || known0.failed()) {
            journal.started(n, assignment);
          }
          if (known0 != null) {
            LOG.info(known0.failed() ? "Trial {} failed before; running it again in {}."
                : "Trial {} was interrupted; resuming it in {}.", n, sweepDir.resolve(Integer.toString(n)));
          }
          LOG.info("Trial {}/{}: {}", n + 1, source.size(), TrialJournal.overrides(assignment));
          ComposedConfig composed = null;
          Exception composeError = null;
          try {
            composed = compose(mode, base, assignment, extra);
          } catch (ConfigException e) {
            composeError = e; // e.g. a drawn value out of a key's range: this trial fails, the sweep goes on
          }
          batch.add(new Pending(n, assignment, composed, composeError));
        }
        for (Pending p : runBatch(batch, sweepDir)) {
          if (p.error() != null) {
            journal.failed(p.number(), describe(p.error()));
            results[p.number()] = new Trial(p.number(), p.assignment(), Double.NaN);
            failures.add(new Failure(p.number(), p.error()));
            LOG.error("Trial {} failed: {} The sweep goes on; continue=latest runs it again.", p.number(),
                describe(p.error()));
          } else {
            double value = p.result().returnValue().orElse(Double.NaN);
            if (Double.isNaN(value) && hpo.searches()) {
              journal.failed(p.number(), "no return value");
              throw new MmlException("Mode '" + mode + "' set no return value in trial " + p.number() + ", so hpo="
                  + hpo.type() + " has nothing to " + hpo.direction() + ". Search with a mode that sets one (train"
                  + " sets the mean best validation value), or sweep a grid with -m and hpo=none.");
            }
            journal.done(p.number(), value, p.result().runId());
            results[p.number()] = new Trial(p.number(), p.assignment(), value);
          }
          SweepSummary.write(folder, hpo, false);
          if (HALT_AFTER_TRIAL != null && HALT_AFTER_TRIAL == p.number()) {
            Runtime.getRuntime().halt(137);
          }
        }
      }
    }
    SweepSummary.write(folder, hpo, true);
    if (!failures.isEmpty() && failures.size() == source.size()) {
      Failure first = failures.get(0);
      throw new SweepFailedException("All " + source.size() + " trials of sweep " + folder.name() + " failed; trial "
          + first.number() + ": " + describe(first.error()) + " (every trial's error is in "
          + sweepDir.resolve(TrialJournal.FILE) + " and " + sweepDir.resolve(SweepFolder.SUMMARY) + ")", first.error());
    }
    if (!failures.isEmpty()) {
      LOG.warn("Sweep {}: {} of {} trials failed ({}); continue=latest with the same command runs them again.",
          folder.name(), failures.size(), source.size(), failures.stream().map(Failure::number).toList());
    }
    return 0;
  }

  /** A trial about to run: its config, or the error that keeps it from running; then its result or error. */
  private record Pending(int number, Map<String, String> assignment, ComposedConfig composed, Exception error,
      RunResult result) {
    Pending(int number, Map<String, String> assignment, ComposedConfig composed, Exception error) {
      this(number, assignment, composed, error, null);
    }
  }

  private record Failure(int number, Exception error) {}

  /** Runs a batch's trials, at once when there are several (each waits for its own cluster jobs); results in order. */
  private List<Pending> runBatch(List<Pending> batch, Path sweepDir) throws InterruptedException {
    List<Pending> out = new ArrayList<>();
    if (batch.size() <= 1) {
      batch.forEach(p -> out.add(runOne(p, sweepDir)));
      return out;
    }
    ExecutorService pool = Executors.newFixedThreadPool(batch.size(), r -> {
      Thread t = new Thread(r, "mml-trial");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<Pending>> futures = new ArrayList<>();
      batch.forEach(p -> futures.add(pool.submit(() -> runOne(p, sweepDir))));
      for (Future<Pending> f : futures) {
        try {
          out.add(f.get());
        } catch (ExecutionException e) {
          throw new IllegalStateException("a trial thread failed unexpectedly", e.getCause());
        }
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  private Pending runOne(Pending p, Path sweepDir) {
    if (p.error() != null) {
      return p;
    }
    try {
      RunResult r = launcher.runIn(registry, p.composed(), sweepDir.resolve(Integer.toString(p.number())));
      return new Pending(p.number(), p.assignment(), p.composed(), null, r);
    } catch (Exception e) {
      return new Pending(p.number(), p.assignment(), p.composed(), e, null);
    }
  }

  private static String describe(Exception e) {
    String m = e.getMessage();
    return e instanceof MmlException ? m : e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }

  private ComposedConfig compose(String mode, List<String> base, Map<String, String> assignment, List<String> extra) {
    List<String> all = new ArrayList<>(base);
    all.addAll(TrialJournal.overrides(assignment));
    all.addAll(extra); // a trial waits for its cluster jobs: the sweep needs its return value
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

  private static Path existing(Path project, String which, ObjectNode spec) {
    SweepFolder folder = SweepFolder.resolve(project, which, "continue");
    JsonNode saved = folder.spec();
    for (String key : List.of("mode", "overrides", "dimensions", "search_space", "trials")) {
      if (!saved.path(key).equals(spec.path(key))) {
        throw new ConfigException("continue", "Sweep " + folder.name() + " was started with " + key + " "
            + saved.path(key) + ", this command gives " + spec.path(key) + ". Continue it with the command that"
            + " started it (its " + SPEC + "), or start a new sweep without continue.");
      }
    }
    return folder.dir();
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

}
