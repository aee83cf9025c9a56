package io.mml.runtime.tasks.create;

import io.mml.runtime.tasks.TaskDescription;
import io.mml.runtime.tasks.TaskDescriptions;
import io.mml.runtime.tasks.TaskException;
import io.mml.runtime.tasks.TaskHeader;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds one task description from samples, in four checked steps (a state machine, as mml's):
 * {@link #findData} (every sample verified per modality) → {@link #splitFolds} (seeded,
 * class-balanced) or {@link #useFolds} → {@link #inferStats} (parallel) or {@link #setStats} →
 * {@link #write} (atomic). Any error throws a {@link TaskException} naming the sample, file or
 * class, and nothing is written: the description file appears only in the last step, completely.
 * This class owns the order of the steps, their protocol and the assembled description; the
 * sample checks are {@code SampleIntake}'s and {@code SampleVerification}'s, the folds
 * {@code FoldAssignment}'s, the statistics {@link ImageStats}'.
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

  private final TaskCreatorBuilder b;
  private final Path datasetDir;
  private State state = State.INIT;
  private final StringBuilder protocol = new StringBuilder();

  private SortedMap<Integer, String> idxToClass;
  private Map<String, Map<String, Object>> train;
  private Map<String, Map<String, Object>> test;
  private Map<String, Map<String, Object>> unlabelled;
  private SampleVerification verified;
  private List<List<String>> folds;
  private ImageStats stats;

  TaskCreator(TaskCreatorBuilder b) {
    this.b = b;
    this.datasetDir = b.datasetDir.toAbsolutePath().normalize();
  }

  /** A builder for the task {@code name} of type {@code taskType} whose files lie in {@code datasetDir}. */
  public static TaskCreatorBuilder builder(String name, String taskType, Path datasetDir) {
    return new TaskCreatorBuilder(name, taskType, datasetDir);
  }

  /** The steps done so far. */
  public State state() {
    return state;
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

  /** Records a step in the creation protocol and moves to {@code next}. */
  private TaskCreator done(String action, State next) {
    log(action);
    state = next;
    return this;
  }

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
    SampleIntake intake = new SampleIntake(b.name, b.taskType, datasetDir, b.modalities, b.types);
    train = intake.take("train", trainSamples);
    test = intake.take("test", testSamples);
    unlabelled = intake.take("unlabelled", unlabelledSamples);
    if (train.isEmpty() && !(b.taskType.equals("no_task") && !unlabelled.isEmpty())) {
      throw new TaskException("Task '" + b.name + "' has no training samples");
    }
    verified = SampleVerification.run(b.name, datasetDir, idxToClass, b.modalities, b.workers, intake.accepted());
    if (classBased) {
      for (String c : new TreeSet<>(idxToClass.values())) {
        if (verified.trainOccurrence(c) <= 0) {
          throw new TaskException("Task '" + b.name + "': class '" + c + "' has no training samples; remove it from"
              + " the class map or add samples");
        }
      }
    }
    return done("found data: " + train.size() + " train, " + test.size() + " test, " + unlabelled.size()
        + " unlabelled", State.DATA_FOUND);
  }

  /**
   * Splits the training samples into the configured number of folds, seeded and balanced by class
   * (classification: the class; multi-label and segmentation: the sample's rarest class; other
   * types: one pool).
   */
  public TaskCreator splitFolds() {
    require(State.DATA_FOUND, "splitFolds");
    Function<String, String> stratum = b.types.classBased(b.taskType)
        ? id -> FoldAssignment.rarestClass(verified.classesOf(id).keySet(), verified::trainOccurrence)
        : id -> "";
    folds = FoldAssignment.balanced(b.name, train.keySet(), b.numFolds, b.seed, stratum);
    return done("split " + b.numFolds + " balanced folds (seed " + b.seed + ")", State.FOLDS_SPLIT);
  }

  /** Uses given folds: disjoint, complete, only training ids. */
  public TaskCreator useFolds(List<List<String>> given) {
    require(State.DATA_FOUND, "useFolds");
    folds = FoldAssignment.checked(b.name, given, train.keySet());
    return done("used " + given.size() + " given folds", State.FOLDS_SPLIT);
  }

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
    return done("inferred statistics over " + files.size() + " images", State.STATS_SET);
  }

  /** Sets known statistics instead of computing them. */
  public TaskCreator setStats(List<Double> means, List<Double> stds, List<Integer> sizes) {
    require(State.FOLDS_SPLIT, "setStats");
    if (means.size() != stds.size() || sizes.size() != 4) {
      throw new TaskException("Task '" + b.name + "': means and stds need one value per channel and sizes four values");
    }
    stats = new ImageStats(List.copyOf(means), List.copyOf(stds), List.copyOf(sizes));
    return done("statistics set", State.STATS_SET);
  }

  /** The description as it will be written (after the statistics). */
  public TaskDescription describe() {
    require(State.STATS_SET, "describe");
    Map<String, Long> occ = new LinkedHashMap<>();
    for (String c : new TreeSet<>(idxToClass.values())) {
      occ.put(c, Math.round(verified.trainOccurrence(c)));
    }
    int numSamples = folds.isEmpty() ? unlabelled.size() : train.size();
    TaskHeader h = new TaskHeader(b.name, b.taskType, b.keywords, verified.suffixes(), stats.means(), stats.stds(),
        stats.sizes(), idxToClass, occ, folds.size(), numSamples, b.description, b.license, b.release, b.reference,
        b.url, protocol.toString());
    return new TaskDescription(h, folds, train, test, unlabelled);
  }

  /** Writes the description atomically to {@code file} (validated first) and returns it. */
  public Path write(Path file) {
    require(State.STATS_SET, "write");
    log("written");
    TaskDescriptions.write(file, describe());
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
