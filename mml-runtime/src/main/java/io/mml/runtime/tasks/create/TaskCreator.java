package io.mml.runtime.tasks.create;

import io.mml.runtime.modality.ModalityVerifier;
import io.mml.runtime.modality.VerifyContext;
import io.mml.runtime.tasks.Folds;
import io.mml.runtime.tasks.TaskDescription;
import io.mml.runtime.tasks.TaskDescriptions;
import io.mml.runtime.tasks.TaskException;
import io.mml.runtime.tasks.TaskHeader;
import io.mml.runtime.tasks.TaskNames;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds one task description from samples, in four checked steps (a state machine, as mml's):
 * {@link #findData} (every sample verified per modality) → {@link #splitFolds} (seeded,
 * class-balanced) or {@link #useFolds} → {@link #inferStats} (parallel) or {@link #setStats} →
 * {@link #write} (atomic). Any error throws a {@link TaskException} naming the sample, file or
 * class, and nothing is written: the description file appears only in the last step, completely.
 *
 * <pre>{@code
 * Path file = TaskCreator.builder("my_task", "classification", datasetDir).numFolds(5).seed(42).workers(4).build()
 *     .findData(train, test, List.of(), idxToClass)
 *     .splitFolds().inferStats()
 *     .write(TaskFiles.descriptionFile(datasetDir, "my_task"));
 * }</pre>
 */
public final class TaskCreator {
  private static final Logger LOG = LoggerFactory.getLogger(TaskCreator.class);

  /** The steps done so far. */
  public enum State { INIT, DATA_FOUND, FOLDS_SPLIT, STATS_SET, FINISHED }

  /** Modalities that describe a sample rather than hold its data (ignored by the requires check). */
  static final Set<String> META = Set.of("sample_id", "task");

  private final Builder b;
  private final Path datasetDir;
  private State state = State.INIT;
  private final StringBuilder protocol = new StringBuilder();

  private SortedMap<Integer, String> idxToClass;
  private Map<String, Map<String, Object>> train;
  private Map<String, Map<String, Object>> test;
  private Map<String, Map<String, Object>> unlabelled;
  private final Map<String, Set<String>> suffixes = new TreeMap<>();
  private final Map<String, Map<String, Double>> classesOf = new HashMap<>();
  private final Map<String, Double> classOcc = new LinkedHashMap<>();
  private List<List<String>> folds;
  private ImageStats stats;

  private TaskCreator(Builder b) {
    this.b = b;
    this.datasetDir = b.datasetDir.toAbsolutePath().normalize();
  }

  /** A builder for the task {@code name} of type {@code taskType} whose files lie in {@code datasetDir}. */
  public static Builder builder(String name, String taskType, Path datasetDir) {
    return new Builder(name, taskType, datasetDir);
  }

  /** The steps done so far. */
  public State state() {
    return state;
  }

  /** Options of a task creator. */
  public static final class Builder {
    private final String name;
    private final String taskType;
    private final Path datasetDir;
    private List<String> keywords = List.of();
    private String description = "";
    private String license = "";
    private String release = "";
    private String reference = "";
    private String url = "";
    private int numFolds = 5;
    private long seed = 42;
    private int workers = Math.max(1, Runtime.getRuntime().availableProcessors());
    private ModalityLookup modalities = ModalityLookup.builtin();
    private TaskTypeRules types = TaskTypeRules.builtin();

    private Builder(String name, String taskType, Path datasetDir) {
      this.name = name;
      this.taskType = taskType;
      this.datasetDir = datasetDir;
    }

    public Builder keywords(List<String> v) {
      keywords = List.copyOf(v);
      return this;
    }

    public Builder description(String v) {
      description = v;
      return this;
    }

    public Builder license(String v) {
      license = v;
      return this;
    }

    public Builder release(String v) {
      release = v;
      return this;
    }

    public Builder reference(String v) {
      reference = v;
      return this;
    }

    public Builder url(String v) {
      url = v;
      return this;
    }

    /** Number of training folds (at least 2; default 5). */
    public Builder numFolds(int v) {
      numFolds = v;
      return this;
    }

    /** Seed of the fold split (default 42). */
    public Builder seed(long v) {
      seed = v;
      return this;
    }

    /** Threads for verification and statistics (default: the number of cores). */
    public Builder workers(int v) {
      workers = Math.max(1, v);
      return this;
    }

    /** Where verifiers come from (default {@link ModalityLookup#builtin()}). */
    public Builder modalities(ModalityLookup v) {
      modalities = v;
      return this;
    }

    /** Task type requirements (default {@link TaskTypeRules#builtin()}). */
    public Builder taskTypes(TaskTypeRules v) {
      types = v;
      return this;
    }

    /** Checks the options and returns the creator. */
    public TaskCreator build() {
      String p = TaskNames.baseProblem(name);
      if (p != null) {
        throw new TaskException("Invalid task name '" + name + "': " + p);
      }
      if (taskType == null || !types.types().contains(taskType)) {
        throw new TaskException("Task '" + name + "': unknown task type '" + taskType + "'; known: " + types.types());
      }
      if (numFolds < 2) {
        throw new TaskException("Task '" + name + "': the number of folds must be at least 2, got " + numFolds);
      }
      return new TaskCreator(this);
    }
  }

  private void require(State atLeast, String action) {
    if (state == State.FINISHED) {
      throw new IllegalStateException("Task '" + b.name + "' is already written; " + action + " is not allowed");
    }
    if (state.ordinal() < atLeast.ordinal()) {
      throw new IllegalStateException("Task '" + b.name + "': " + action + " needs state " + atLeast + " but is "
          + state);
    }
  }

  private void log(String action) {
    protocol.append(protocol.length() == 0 ? "" : "; ").append(Instant.now()).append(' ').append(action);
  }

  // ------------------------------------------------------------------------------------ find data

  /**
   * Checks and records the samples: ids required and unique, modalities known, the task type's
   * requirements met (train and test), files inside the dataset folder (stored relative), every
   * value verified by its modality's verifier (in parallel), at least two classes for class-based
   * types and at least one training sample per class.
   */
  public TaskCreator findData(List<Sample> trainSamples, List<Sample> testSamples, List<Sample> unlabelledSamples,
      SortedMap<Integer, String> classes) {
    if (state != State.INIT) {
      require(State.INIT, "findData");
      throw new IllegalStateException("Task '" + b.name + "': findData was already called");
    }
    idxToClass = new TreeMap<>(classes == null ? Map.of() : classes);
    boolean classBased = b.types.classBased(b.taskType);
    long distinct = idxToClass.values().stream().distinct().count();
    if (classBased && distinct < 2) {
      throw new TaskException("Task '" + b.name + "' (" + b.taskType + ") needs at least 2 classes, found "
          + distinct + " " + idxToClass.values());
    }
    Map<String, String> splitOf = new HashMap<>();
    List<Sample> all = new ArrayList<>();
    List<String> splits = new ArrayList<>();
    train = prepare("train", trainSamples, splitOf, all, splits);
    test = prepare("test", testSamples, splitOf, all, splits);
    unlabelled = prepare("unlabelled", unlabelledSamples, splitOf, all, splits);
    if (train.isEmpty() && !(b.taskType.equals("no_task") && !unlabelled.isEmpty())) {
      throw new TaskException("Task '" + b.name + "' has no training samples");
    }
    verifyAll(all, splits);
    if (classBased) {
      for (String c : new TreeSet<>(idxToClass.values())) {
        if (classOcc.getOrDefault(c, 0.0) <= 0) {
          throw new TaskException("Task '" + b.name + "': class '" + c + "' has no training samples; remove it from"
              + " the class map or add samples");
        }
      }
    }
    log("found data: " + train.size() + " train, " + test.size() + " test, " + unlabelled.size() + " unlabelled");
    state = State.DATA_FOUND;
    return this;
  }

  private Map<String, Map<String, Object>> prepare(String split, List<Sample> samples, Map<String, String> splitOf,
      List<Sample> all, List<String> splits) {
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    List<Set<String>> requires = b.types.requires(b.taskType);
    for (Sample s : samples == null ? List.<Sample>of() : samples) {
      String where = s.origin() == null ? "" : " (" + s.origin() + ")";
      if (s.id() == null || s.id().isBlank()) {
        throw new TaskException("Task '" + b.name + "': a " + split + " sample has no sample id" + where);
      }
      String other = splitOf.putIfAbsent(s.id(), split);
      if (other != null) {
        throw new TaskException("Task '" + b.name + "': duplicate sample id '" + s.id() + "'" + where + " (already a "
            + other + " sample); sample ids must be unique");
      }
      Map<String, Object> entry = new LinkedHashMap<>();
      for (Map.Entry<String, Object> e : s.entry().entrySet()) {
        String mod = e.getKey();
        if (b.modalities.verifier(mod).isEmpty()) {
          throw new TaskException("Task '" + b.name + "', " + split + " sample '" + s.id() + "'" + where
              + ": unknown modality '" + mod + "'; known: " + b.modalities.ids());
        }
        Object v = e.getValue();
        if (v instanceof Path p) {
          v = relative(p, split, s.id(), mod, where);
        }
        entry.put(mod, v);
      }
      if (!split.equals("unlabelled") && !requires.isEmpty()) {
        Set<String> mods = new HashSet<>(entry.keySet());
        mods.removeAll(META);
        if (requires.stream().noneMatch(mods::containsAll)) {
          throw new TaskException("Task '" + b.name + "', " + split + " sample '" + s.id() + "'" + where + " holds "
              + new TreeSet<>(mods) + " but a " + b.taskType + " sample needs " + alternatives(requires));
        }
      } else if (split.equals("unlabelled") && !entry.containsKey("image")) {
        throw new TaskException("Task '" + b.name + "', unlabelled sample '" + s.id() + "'" + where
            + " has no image");
      }
      out.put(s.id(), entry);
      all.add(new Sample(s.id(), entry, s.origin()));
      splits.add(split);
    }
    return out;
  }

  private static String alternatives(List<Set<String>> req) {
    List<String> parts = new ArrayList<>();
    for (Set<String> s : req) {
      parts.add(new TreeSet<>(s).toString());
    }
    return String.join(" or ", parts);
  }

  private String relative(Path p, String split, String id, String mod, String where) {
    Path abs = p.toAbsolutePath().normalize();
    if (!abs.startsWith(datasetDir)) {
      throw new TaskException("Task '" + b.name + "', " + split + " sample '" + id + "'" + where + ", modality '" + mod
          + "': file " + abs + " lies outside the dataset folder " + datasetDir);
    }
    return datasetDir.relativize(abs).toString().replace('\\', '/');
  }

  /** The outcome of verifying one sample. */
  private record Checked(Map<String, Double> counts, RuntimeException error) {}

  private void verifyAll(List<Sample> all, List<String> splits) {
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(b.workers, Math.max(1, all.size()))),
        r -> {
          Thread t = new Thread(r, "mml-verify");
          t.setDaemon(true);
          return t;
        });
    List<Future<Checked>> futures = new ArrayList<>();
    try {
      for (int i = 0; i < all.size(); i++) {
        Sample s = all.get(i);
        String split = splits.get(i);
        futures.add(pool.submit(() -> verifyOne(s, split)));
      }
      // Reported in sample order, so the same input always gives the same first error.
      for (int i = 0; i < futures.size(); i++) {
        Checked c = get(futures.get(i));
        if (c.error() != null) {
          throw c.error();
        }
        String id = all.get(i).id();
        classesOf.put(id, c.counts());
        if (splits.get(i).equals("train")) {
          c.counts().forEach((k, v) -> classOcc.merge(k, v, Double::sum));
        }
        for (Map.Entry<String, Object> e : all.get(i).entry().entrySet()) {
          Set<String> seen = suffixes.computeIfAbsent(e.getKey(), k -> new TreeSet<>());
          if (TaskDescriptions.PATH_MODALITIES.contains(e.getKey()) && e.getValue() instanceof String path) {
            String name = path.substring(path.lastIndexOf('/') + 1);
            int dot = name.lastIndexOf('.');
            if (dot > 0) {
              seen.add(name.substring(dot).toLowerCase(Locale.ROOT));
            }
          }
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private Checked verifyOne(Sample s, String split) {
    Map<String, Double> counts = new TreeMap<>();
    String where = s.origin() == null ? "" : " (" + s.origin() + ")";
    VerifyContext ctx = new VerifyContext() {
      @Override
      public String task() {
        return b.name;
      }

      @Override
      public String split() {
        return split;
      }

      @Override
      public String sampleId() {
        return s.id();
      }

      @Override
      public Path datasetDir() {
        return datasetDir;
      }

      @Override
      public SortedMap<Integer, String> idxToClass() {
        return idxToClass;
      }

      @Override
      public void countClass(String className, double amount) {
        counts.merge(className, amount, Double::sum);
      }

      @Override
      public RuntimeException fail(String modality, String problem) {
        return new TaskException("Task '" + b.name + "', " + split + " sample '" + s.id() + "'" + where
            + ", modality '" + modality + "': " + problem);
      }
    };
    try {
      for (Map.Entry<String, Object> e : s.entry().entrySet()) {
        ModalityVerifier v = b.modalities.verifier(e.getKey()).orElseThrow();
        v.verify(ctx, e.getValue());
      }
      return new Checked(counts, null);
    } catch (RuntimeException e) {
      return new Checked(counts, e);
    }
  }

  private static <T> T get(Future<T> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TaskException("Interrupted while verifying samples", e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      throw c instanceof RuntimeException re ? re : new TaskException(String.valueOf(c.getMessage()), c);
    }
  }

  // ---------------------------------------------------------------------------------------- folds

  /**
   * Splits the training samples into the configured number of folds, seeded and balanced by class
   * (classification: the class; multi-label and segmentation: the sample's rarest class; other
   * types: one pool).
   */
  public TaskCreator splitFolds() {
    require(State.DATA_FOUND, "splitFolds");
    if (train.isEmpty()) {
      folds = List.of();
    } else {
      if (train.size() < b.numFolds) {
        throw new TaskException("Task '" + b.name + "' has " + train.size() + " training samples, fewer than the "
            + b.numFolds + " folds asked for (mode.folds)");
      }
      Map<String, String> key = new LinkedHashMap<>();
      for (String id : train.keySet()) {
        key.put(id, stratum(id));
      }
      folds = Folds.balanced(key, b.numFolds, b.seed);
    }
    log("split " + b.numFolds + " balanced folds (seed " + b.seed + ")");
    state = State.FOLDS_SPLIT;
    return this;
  }

  private String stratum(String id) {
    if (!b.types.classBased(b.taskType)) {
      return "";
    }
    Map<String, Double> c = classesOf.getOrDefault(id, Map.of());
    String best = "";
    double bestOcc = Double.MAX_VALUE;
    for (String cls : c.keySet()) {
      double occ = classOcc.getOrDefault(cls, 0.0);
      if (occ < bestOcc || (occ == bestOcc && cls.compareTo(best) < 0)) {
        best = cls;
        bestOcc = occ;
      }
    }
    return best;
  }

  /** Uses given folds: disjoint, complete, only training ids. */
  public TaskCreator useFolds(List<List<String>> given) {
    require(State.DATA_FOUND, "useFolds");
    if (given.size() < 2) {
      throw new TaskException("Task '" + b.name + "': at least 2 folds are needed, got " + given.size());
    }
    Set<String> seen = new HashSet<>();
    for (int f = 0; f < given.size(); f++) {
      for (String id : given.get(f)) {
        if (!train.containsKey(id)) {
          throw new TaskException("Task '" + b.name + "': fold " + f + " names '" + id + "', not a training sample");
        }
        if (!seen.add(id)) {
          throw new TaskException("Task '" + b.name + "': sample '" + id + "' is in more than one fold");
        }
      }
    }
    if (seen.size() != train.size()) {
      throw new TaskException("Task '" + b.name + "': " + (train.size() - seen.size())
          + " training samples are in no fold");
    }
    folds = given.stream().map(List::copyOf).toList();
    log("used " + given.size() + " given folds");
    state = State.FOLDS_SPLIT;
    return this;
  }

  // ---------------------------------------------------------------------------------------- stats

  /** Computes per-channel mean/std and size range over the training images (else the unlabelled ones). */
  public TaskCreator inferStats() {
    require(State.FOLDS_SPLIT, "inferStats");
    Map<String, Map<String, Object>> source = train.isEmpty() ? unlabelled : train;
    List<Path> files = new ArrayList<>();
    for (Map<String, Object> e : source.values()) {
      Object img = e.get("image");
      if (img instanceof String rel) {
        files.add(datasetDir.resolve(rel));
      }
    }
    if (files.isEmpty()) {
      throw new TaskException("Task '" + b.name + "' has no images to compute statistics from");
    }
    long t0 = System.nanoTime();
    stats = ImageStats.compute(files, b.workers);
    LOG.info("Statistics of task '{}' over {} images in {} ms with {} threads", b.name, files.size(),
        (System.nanoTime() - t0) / 1_000_000, b.workers);
    log("inferred statistics over " + files.size() + " images");
    state = State.STATS_SET;
    return this;
  }

  /** Sets known statistics instead of computing them. */
  public TaskCreator setStats(List<Double> means, List<Double> stds, List<Integer> sizes) {
    require(State.FOLDS_SPLIT, "setStats");
    if (means.size() != stds.size() || sizes.size() != 4) {
      throw new TaskException("Task '" + b.name + "': means and stds need one value per channel and sizes four values");
    }
    stats = new ImageStats(List.copyOf(means), List.copyOf(stds), List.copyOf(sizes));
    log("statistics set");
    state = State.STATS_SET;
    return this;
  }

  // ---------------------------------------------------------------------------------------- write

  /** The description as it will be written (after the statistics). */
  public TaskDescription describe() {
    require(State.STATS_SET, "describe");
    Map<String, List<String>> mods = new LinkedHashMap<>();
    suffixes.forEach((k, v) -> mods.put(k, List.copyOf(v)));
    Map<String, Long> occ = new LinkedHashMap<>();
    for (String c : new TreeSet<>(idxToClass.values())) {
      occ.put(c, Math.round(classOcc.getOrDefault(c, 0.0)));
    }
    int numSamples = folds.isEmpty() ? unlabelled.size() : train.size();
    TaskHeader h = new TaskHeader(b.name, b.taskType, b.keywords, mods, stats.means(), stats.stds(), stats.sizes(),
        idxToClass, occ, folds.size(), numSamples, b.description, b.license, b.release, b.reference, b.url,
        protocol.toString());
    return new TaskDescription(h, folds, train, test, unlabelled);
  }

  /** Writes the description atomically to {@code file} (validated first) and returns it. */
  public Path write(Path file) {
    require(State.STATS_SET, "write");
    log("written");
    TaskDescription d = describe();
    TaskDescriptions.write(file, d);
    state = State.FINISHED;
    LOG.info("Task '{}' ({}) written to {}: {} train in {} folds, {} test, {} unlabelled", b.name, b.taskType, file,
        train.size(), folds.size(), test.size(), unlabelled.size());
    return file;
  }

  /** Runs the remaining steps (folds, statistics) and writes. */
  public Path autoComplete(Path file) {
    if (state == State.DATA_FOUND) {
      splitFolds();
    }
    if (state == State.FOLDS_SPLIT) {
      inferStats();
    }
    return write(file);
  }
}
