package io.mml.runtime.scheduler;

import io.mml.runtime.config.Config;
import io.mml.runtime.files.PathKey;
import io.mml.runtime.files.ProjectFiles;
import io.mml.runtime.tasks.TaskIndex;
import io.mml.runtime.tasks.TaskStruct;
import io.mml.runtime.toolkit.DataModule;
import io.mml.runtime.toolkit.Features;
import io.mml.runtime.toolkit.TaskModel;
import io.mml.runtime.toolkit.TaskTrainer;
import io.mml.runtime.toolkit.Toolkit;
import io.mml.runtime.toolkit.TrainedModel;
import io.mml.runtime.train.FoldTrainer;
import io.mml.runtime.train.ModelStorage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The base class of every {@code @Mode} scheduler: what a scheduler author sees of the run.
 *
 * <p>Subclasses declare {@code @Subroutine} methods and {@code @Param} fields; the generated
 * routine binds the fields, plans the steps and calls the methods. All run state comes from the
 * {@link RunContext} the engine attaches before binding; nothing is global.
 *
 * <p>Steps build on the framework's infrastructure, made from the composed config (so a mode's
 * {@code defaults} shape it): {@link #datamodule} (the task's data as {@code sampling},
 * {@code augmentations} and {@code preprocessing} say), {@link #model} (the {@code arch} backbone
 * with the task type's head, fresh or stored), {@link #trainer} (the train mode's loop with
 * {@code trainer}, {@code optimizer}, {@code lr_scheduler}), {@link #saveModel}, {@link #features}
 * (backbone embeddings per sample) and {@link #files()} (saving paths of declared
 * {@link PathKey}s). {@link #toolkit()} has the rest.
 */
public abstract class AbstractBaseScheduler {
  /** Logger named after the concrete scheduler class. */
  protected final Logger log = LoggerFactory.getLogger(getClass());

  private RunContext context;
  private Toolkit toolkit;
  private Double returnValue;
  private Random stepRandom = new Random(0);

  /** Called by the engine before binding; a scheduler is attached to exactly one run. */
  final void attach(RunContext context) {
    if (this.context != null) {
      throw new IllegalStateException("scheduler " + getClass().getName() + " is already attached to a run");
    }
    this.context = context;
  }

  /** The run this scheduler belongs to. */
  protected final RunContext context() {
    if (context == null) {
      throw new IllegalStateException("scheduler " + getClass().getName()
          + " is not attached to a run; create it through the Engine, not with new");
    }
    return context;
  }

  /** The composed configuration of this run. */
  public final Config config() {
    return context().config();
  }

  /** The files of this run: saving paths of path keys, reused files, stored relative paths. */
  public final ProjectFiles files() {
    return context().files();
  }

  /** The infrastructure of this run (data modules, models, trainers, features, saving, evaluation). */
  protected final synchronized Toolkit toolkit() {
    if (toolkit == null) {
      toolkit = new Toolkit(config(), files());
    }
    return toolkit;
  }

  /** The data of a task for fold 0 (its training split leaves fold 0 out; {@code all()} has every sample). */
  protected final DataModule datamodule(TaskStruct task) throws IOException {
    return toolkit().datamodule(task, 0);
  }

  /** The data of a task's fold, as the composed {@code sampling}, {@code augmentations} and {@code preprocessing} shape it. */
  protected final DataModule datamodule(TaskStruct task, int fold) throws IOException {
    return toolkit().datamodule(task, fold);
  }

  /** A fresh model for a task from the composed {@code arch} config and the task type's head. */
  protected final TaskModel model(TaskStruct task) throws IOException {
    return toolkit().model(task);
  }

  /** The trained model a model storage describes (e.g. {@code task.path("model_fold_0")}, or a reused one). */
  protected final TaskModel model(TaskStruct task, Path modelStorage) throws IOException {
    return toolkit().model(task, modelStorage);
  }

  /**
   * The model storages of a task in the projects {@code reuse.models} names (every fold; empty without
   * {@code reuse.models} or when none trained the task); load one with {@link #model(TaskStruct, Path)}.
   */
  protected final List<Path> reusedModels(String task) {
    return toolkit().reusedModels(task);
  }

  /** A trainer of a fresh model on a task's fold ({@link TaskTrainer#fit()} trains it). */
  protected final TaskTrainer trainer(TaskStruct task, int fold) throws IOException {
    TaskModel model = model(task);
    return trainer(model, toolkit().datamodule(task, fold, model.setup().channels()), null);
  }

  /**
   * A trainer of {@code model} on {@code data}; its checkpoints live in the run folder, so a
   * continued run resumes the training where it was killed.
   *
   * @param beforeTraining runs on the initialised block of a fresh training (null: nothing)
   */
  protected final TaskTrainer trainer(TaskModel model, DataModule data, FoldTrainer.Hook beforeTraining) {
    Path checkpoints = runDir().resolve("CHECKPOINTS").resolve("train_"
        + model.task().name().replaceAll("[^A-Za-z0-9_.-]", "_") + "_fold" + data.fold());
    return toolkit().trainer(model, data, checkpoints, random().nextLong(), beforeTraining);
  }

  /**
   * Saves a trained one-task model (parameters, ONNX export checked against DJL, curves, model
   * storage) and records its model storage on the task as {@code model_fold_<k>}, where
   * {@code predict}, {@code test} and {@link #model(TaskStruct, Path)} find it.
   *
   * @return the model storage file
   */
  protected final Path saveModel(TrainedModel trained) throws IOException {
    Path storage = toolkit().saver(true).save(trained);
    trained.model().task().putPath(ModelStorage.structKey(trained.fold()), storage);
    return storage;
  }

  /**
   * Backbone embeddings of a task's samples as {@code sampling} draws them
   * ({@code datamodule(task).sampled()}: {@code sample_num} per task with
   * {@code sampling=extraction_default}).
   */
  protected final Features features(TaskStruct task, TaskModel model) throws IOException {
    DataModule data = toolkit().datamodule(task, 0, model.setup().channels());
    return toolkit().featureExtractor(random().nextLong()).extract(model, data.sampled());
  }

  /** The run folder. */
  public final Path runDir() {
    return context().runDir();
  }

  /** The struct of a task of this run, by name. */
  public final TaskStruct struct(String taskName) {
    return context().structs().get(taskName);
  }

  /** The structs of all tasks of this run, in task-list order. */
  public final List<TaskStruct> structs() {
    return context().structs().all();
  }

  /** The expanded task list. */
  public final List<String> taskList() {
    return context().taskList();
  }

  /** The pivot task, if one is set. */
  public final Optional<String> pivot() {
    return context().pivot();
  }

  /** The subroutines selected for this run. */
  public final List<String> subroutines() {
    return context().subroutines();
  }

  /** The folds a per-fold subroutine runs over for a task: all folds of its description. */
  public List<Integer> folds(String taskName) {
    int n = context().tasks().header(taskName).numFolds();
    return java.util.stream.IntStream.range(0, n).boxed().toList();
  }

  /**
   * This step's random source: seeded from the run seed and the step id before every step, so a
   * continued run draws the same numbers as an uninterrupted one.
   */
  protected final Random random() {
    return stepRandom;
  }

  /** The run seed ({@code seed}). */
  protected final long seed() {
    return context().seed();
  }

  /**
   * Artifact path keys this mode writes, besides the built-in ones; registered with the file
   * manager before the run starts, so {@code files().constructSavingPath(key, task)} knows them and
   * {@code reuse}/{@code remove} can name them.
   */
  protected List<PathKey> pathKeys() {
    return List.of();
  }

  /**
   * The preprocessing whose task copies this run reads ({@code preprocessing.id}; {@code none} =
   * raw). Falls back to the raw task where a copy is missing. The {@code pp} mode overrides it: it
   * reads raw tasks to make the copies.
   */
  protected String preprocessingId() {
    if (!config().has("preprocessing.id")) {
      return TaskIndex.RAW_PP;
    }
    String id = config().getString("preprocessing.id");
    return id == null || id.isBlank() ? TaskIndex.RAW_PP : id;
  }

  final String resolvedPreprocessingId() {
    return preprocessingId();
  }

  final void beginStep(Random random) {
    this.stepRandom = random;
  }

  /**
   * Checks the bound parameters and the configuration before anything is written: throw a
   * {@link io.mml.runtime.config.ConfigException} (naming the key and the fix) for input that
   * cannot work. Runs before the run folder exists, so bad input leaves nothing behind.
   */
  protected void checkConfig(Config config) throws Exception {}

  final void runCheckConfig(Config config) throws Exception {
    checkConfig(config);
  }

  /**
   * Rewrites the run's task list: called once per run (also when it continues) after
   * {@code task_list}, {@code tagging.*} and {@code pivot.*} are expanded, and before the tasks are
   * checked and tagged variants created. Runs before the scheduler is attached to its run: use the
   * bound {@code @Param} fields, not {@link #config()}. The pivot is not changed. Default: the list
   * as it is.
   *
   * @param tasks the expanded task list
   * @param index the installed tasks (a tagged name in {@code tasks} may not be created yet:
   *     {@code index.resolve(name)} creates it)
   * @return the task list of the run (each name once)
   */
  protected List<String> expandTasks(List<String> tasks, TaskIndex index) {
    return tasks;
  }

  final List<String> runExpandTasks(List<String> tasks, TaskIndex index) {
    List<String> out = expandTasks(tasks, index);
    if (out.isEmpty() && !tasks.isEmpty() || new java.util.HashSet<>(out).size() != out.size()) {
      throw new IllegalStateException(getClass().getName() + ".expandTasks turned " + tasks + " into " + out
          + ": the task list must not be empty and must name each task once");
    }
    return List.copyOf(out);
  }

  /** Runs after the structs are built (also when a run continues). */
  protected void afterPreparation() throws Exception {}

  /** Runs first in the finish step: aggregate, plot, set the return value. */
  protected void beforeFinishing() throws Exception {}

  /** Sets the run's return value (the objective of a hyperparameter search), saved in the run folder. */
  protected final void returnValue(double value) {
    this.returnValue = value;
  }

  final void restoreReturnValue(double value) {
    this.returnValue = value;
  }

  /** The return value set by the scheduler, if any. */
  final Optional<Double> returnValue() {
    return Optional.ofNullable(returnValue);
  }

  final void runAfterPreparation() throws Exception {
    afterPreparation();
  }

  final void runBeforeFinishing() throws Exception {
    beforeFinishing();
  }
}
