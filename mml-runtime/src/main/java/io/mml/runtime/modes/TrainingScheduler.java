package io.mml.runtime.modes;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mml.annotations.Mode;
import io.mml.annotations.Param;
import io.mml.annotations.PerTask;
import io.mml.annotations.Resources;
import io.mml.annotations.Subroutine;
import io.mml.runtime.config.Config;
import io.mml.runtime.config.ConfigException;
import io.mml.runtime.data.DataSplit;
import io.mml.runtime.data.DecodedCache;
import io.mml.runtime.data.SamplingOptions;
import io.mml.runtime.data.TaskDataset;
import io.mml.runtime.errors.MmlException;
import io.mml.runtime.files.AtomicFiles;
import io.mml.runtime.files.PathKey;
import io.mml.runtime.files.ProjectFiles;
import io.mml.runtime.models.ArchOptions;
import io.mml.runtime.models.ModelSpec;
import io.mml.runtime.models.SpecToDjl;
import io.mml.runtime.onnx.OnnxExporter;
import io.mml.runtime.onnx.OnnxParity;
import io.mml.runtime.scheduler.AbstractBaseScheduler;
import io.mml.runtime.tasks.TaskException;
import io.mml.runtime.tasks.TaskIndex;
import io.mml.runtime.tasks.TaskStruct;
import io.mml.runtime.toolkit.DataModule;
import io.mml.runtime.toolkit.ModelSaver;
import io.mml.runtime.toolkit.TaskModel;
import io.mml.runtime.toolkit.TaskTrainer;
import io.mml.runtime.toolkit.TrainedModel;
import io.mml.runtime.train.EpochRecord;
import io.mml.runtime.train.FoldTrainer;
import io.mml.runtime.train.LrSchedule;
import io.mml.runtime.train.ModelEvaluator;
import io.mml.runtime.train.ModelStorage;
import io.mml.runtime.train.OptimizerOptions;
import io.mml.runtime.train.TrainingCurves;
import io.mml.runtime.train.TrainerOptions;
import io.mml.runtime.train.TrainingSetup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The built-in {@code train} mode: trains a model per task and fold with DJL (best epoch kept by
 * the monitored validation value, checkpoints to resume from), exports it to ONNX (checked for
 * parity with DJL), predicts every split with ONNX Runtime, and tests on the held-out split.
 */
@Mode(id = "train", defaults = {"sampling=train", "augmentations=basic"},
    description = "Trains, predicts and tests a model per task (and fold): DJL training, ONNX export, ONNX Runtime inference.")
public class TrainingScheduler extends AbstractBaseScheduler {
  static final PathKey TEST = PathKey.builder("test_metrics").folder("TEST").file("test_metrics.csv").numbered().build();

  @Param(defaultValue = "false", doc = "Train the pivot (pivot.name) with a blueprint of mml suggest applied: the"
      + " newest BLUEPRINTS/<pivot>/blueprint_NNNN.yaml of the project reuse.blueprint=<project> (or the one"
      + " mode.blueprint names) becomes overrides placed before the command line's, which still win.")
  boolean useBlueprint;

  @Param(defaultValue = "null", doc = "With mode.use_blueprint: the number of the blueprint to apply (3 for"
      + " blueprint_0003.yaml); null for the newest. A run records the one it applied here.")
  Integer blueprint;

  @Param(defaultValue = "false", doc = "Cross-validation: train and predict every fold, not only fold 0.")
  boolean cv;

  @Param(defaultValue = "64", doc = "Samples per batch for ONNX Runtime inference (predict, test).")
  int inferenceBatch;

  @Param(defaultValue = "1", doc = "Threads of ONNX Runtime's CPU provider.")
  int inferenceThreads;

  @Param(defaultValue = "true", doc = "Check every export: ONNX Runtime must agree with DJL on a validation batch.")
  boolean checkExport;

  @Param(defaultValue = "false", doc = "Multitask: one model per fold for all tasks of the task list (with nested:"
      + " per outer fold), a shared backbone with one head per task and a weighted loss. The train step of the first"
      + " task trains it and records it for every task; the other tasks' train steps link it.")
  boolean multitask;

  @Param(defaultValue = "[]", doc = "Multitask loss weights, one per task of a group in task-list order"
      + " (default: equal). Normalised to sum 1.")
  List<Double> taskWeights;

  @Param(defaultValue = "false", doc = "Nested: every task becomes <task>+nested?<k> for each of its folds k (fold k"
      + " is the test set, the rest is split into new folds); train, predict and test run on those tasks.")
  boolean nested;

  static final String NESTED_TAG = "+nested?";

  private final Map<String, Double> bestValues = new LinkedHashMap<>();

  /** The struct path key of the model storage of a fold. */
  public static String storageKey(int fold) {
    return ModelStorage.structKey(fold);
  }

  @Override
  protected List<PathKey> pathKeys() {
    return List.of(TEST);
  }

  @Override
  public List<Integer> folds(String taskName) {
    return cv ? super.folds(taskName) : List.of(0);
  }

  @Override
  protected void checkConfig(Config config) {
    if (inferenceBatch < 1 || inferenceThreads < 1) {
      throw new ConfigException("mode.inference_batch", "mode.inference_batch and mode.inference_threads must be"
          + " at least 1.");
    }
    if (!taskWeights.isEmpty() && !multitask) {
      throw new ConfigException("mode.task_weights", "mode.task_weights weights the tasks of a multitask model;"
          + " set mode.multitask=true as well, or drop mode.task_weights.");
    }
    for (Double w : taskWeights) {
      if (w == null || !(w >= 0) || w.isInfinite()) {
        throw new ConfigException("mode.task_weights", "mode.task_weights must be finite numbers >= 0; found "
            + taskWeights + ".");
      }
    }
    if (!taskWeights.isEmpty() && taskWeights.stream().mapToDouble(Double::doubleValue).sum() <= 0) {
      throw new ConfigException("mode.task_weights", "mode.task_weights are all 0; at least one task needs weight.");
    }
    // Every training option is typed and range-checked here, before anything is written.
    TrainerOptions trainer = TrainerOptions.from(config);
    int threads = trainer.numThreads();
    LrSchedule.fromConfig(config, OptimizerOptions.from(config).lr(), trainer.maxEpochs());
    SamplingOptions.fromConfig(config);
    ArchOptions.from(config.sub("arch"));
    TrainingSetup.checkInputChannels(config);
    // Must be set before the PyTorch engine starts (it reads them once).
    System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
    System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    System.setProperty("ai.djl.offline", "true");
  }

  @Override
  protected List<String> expandTasks(List<String> tasks, TaskIndex index) {
    List<String> out = tasks;
    if (nested) {
      out = new ArrayList<>();
      for (String t : tasks) {
        if (t.contains(NESTED_TAG)) {
          log.warn("Task {} is nested already; mode.nested=true nests it again.", t);
        }
        int n = index.resolve(t).numFolds();
        for (int k = 0; k < n; k++) {
          out.add(t + NESTED_TAG + k);
        }
      }
      log.info("Nested: {} tasks become {}", tasks, out);
    }
    if (multitask) {
      for (String t : out) {
        List<String> group = multitaskGroup(out, t, nested);
        if (group.size() < 2) {
          throw new ConfigException("mode.multitask", "mode.multitask=true trains several tasks together, but "
              + (nested ? "outer fold " + nestedKey(t) + " has" : "the task list has") + " only " + group
              + ". List at least two tasks (task_list=[a,b]).");
        }
        if (!taskWeights.isEmpty() && taskWeights.size() != group.size()) {
          throw new ConfigException("mode.task_weights", "mode.task_weights has " + taskWeights.size()
              + " weights but the multitask model trains " + group.size() + " tasks " + group
              + ". Give one weight per task, in task-list order.");
        }
      }
    }
    return out;
  }

  @Override
  protected void afterPreparation() {
    if (multitask) {
      for (String t : taskList()) {
        List<String> group = multitaskGroup(taskList(), t, nested);
        if (!folds(t).equals(folds(group.get(0)))) {
          throw new ConfigException("mode.multitask", "Tasks of one multitask model must have the same folds, but "
              + t + " has folds " + folds(t) + " and " + group.get(0) + " " + folds(group.get(0))
              + ". Train them without mode.cv, or separately.");
        }
      }
    }
  }

  /**
   * The input channels of a task's model ({@code arch.input_channels}); transfer learning overrides
   * it with the pretrained model's.
   */
  protected int inputChannels(TaskStruct task) throws IOException {
    return TrainingSetup.inputChannels(config(), task, toolkit().cache());
  }

  /** Hook for subclasses (transfer learning): runs after the model is built, before training starts. */
  protected void beforeTraining(TaskStruct task, int fold, Block block, NDManager manager, TrainingSetup setup)
      throws IOException {}

  @Subroutine("train")
  @PerTask(perFold = true)
  @Resources(gpus = 1, cpus = 4, memory = "16G", time = "12:00:00")
  void train(TaskStruct task, int fold) throws IOException {
    trainFold(task, fold);
  }

  @Subroutine("predict")
  @PerTask(perFold = true)
  @Resources(gpus = 1, cpus = 2, memory = "8G", time = "2:00:00")
  void predict(TaskStruct task, int fold) throws IOException {
    predictFold(task, fold);
  }

  @Subroutine("test")
  @PerTask
  @Resources(cpus = 2, memory = "8G", time = "1:00:00")
  void test(TaskStruct task) throws IOException {
    testTask(task);
  }

  /**
   * Trains one fold and stores parameters, ONNX export, curves and the model storage. Multitask:
   * the step of the first task of the task's group trains the joint model and records it for every
   * task of the group; the other tasks' steps only link it (see {@link #linkJoint}).
   */
  protected void trainFold(TaskStruct task, int fold) throws IOException {
    if (multitask) {
      List<String> group = multitaskGroup(taskList(), task.name(), nested);
      if (group.get(0).equals(task.name())) {
        trainJoint(group.stream().map(this::struct).toList(), fold);
      } else {
        linkJoint(task, fold, group.get(0));
      }
      return;
    }
    TaskModel model = toolkit().model(task, inputChannels(task));
    DataModule data = toolkit().datamodule(task, fold, model.setup().channels());
    TaskTrainer trainer = trainer(model, data, (block, manager) -> beforeTraining(task, fold, block, manager,
        model.setup()));
    TrainedModel trained = trainer.fit();
    Path file = toolkit().saver(checkExport).save(trained);
    task.putPath(storageKey(fold), file);
    FoldTrainer.Result result = trained.result();
    bestValues.put(trainer.name(), result.bestValue());
    log.info("{}: best {} {} at epoch {} ({} epochs, {} s); model {}", trainer.name(), result.monitor(),
        String.format(Locale.ROOT, "%.4f", result.bestValue()), result.bestEpoch() + 1, result.history().size(),
        String.format(Locale.ROOT, "%.1f", result.seconds()), file);
  }

  /**
   * Trains the joint model of a multitask group on one fold: one head per task, the weighted
   * multitask loss, one sub-batch per task per step. Writes one parameter file, one ONNX file (one
   * output per task, parity-checked), one curve set, and one model storage per task that points at
   * the shared ONNX file and names its task's output, so predict and test work per task unchanged.
   */
  protected void trainJoint(List<TaskStruct> tasks, int fold) throws IOException {
    DecodedCache cache = toolkit().cache();
    ModelSaver saver = toolkit().saver(checkExport);
    TrainingSetup.Joint joint = TrainingSetup.joint(tasks, config(), cache);
    List<FoldTrainer.Part> parts = new ArrayList<>();
    TaskDataset parityData = null;
    for (int i = 0; i < tasks.size(); i++) {
      TaskStruct t = tasks.get(i);
      TrainingSetup s = joint.setups().get(i);
      TaskDataset train = s.dataset(DataSplit.TRAIN, fold, config(), cache, true);
      TaskDataset val = s.dataset(DataSplit.VAL, fold, config(), cache, false);
      TaskTrainer.requireSamples(train, fold);
      if (parityData == null) {
        parityData = val.size() > 0 ? val : train;
      }
      double w = taskWeights.isEmpty() ? 1.0 : taskWeights.get(i);
      parts.add(new FoldTrainer.Part(t.name(), i, s.kind(), s.loss(), s.metrics(), train, val, w));
    }
    String first = tasks.get(0).name();
    String name = "multitask " + tasks.stream().map(TaskStruct::name).toList() + " fold " + fold;
    FoldTrainer.Job job = new FoldTrainer.Job(name, joint.spec(), parts, config(), checkpointDir(first, fold),
        random().nextLong(), (block, manager) -> beforeTraining(tasks.get(0), fold, block, manager,
            joint.setups().get(0)));
    FoldTrainer.Result result = FoldTrainer.train(job);
    ModelSaver.Stored stored = saver.store(first, "multitask_fold" + fold, name, joint.spec(), result, parityData);
    List<Float> weights = job.normalisedWeights();
    for (int i = 0; i < tasks.size(); i++) {
      TaskStruct t = tasks.get(i);
      FoldTrainer.Part part = parts.get(i);
      ModelStorage storage = ModelStorage.create(t.name(), fold);
      ObjectNode j = storage.json();
      saver.describe(j, joint.setups().get(i), stored, result, i);
      ObjectNode mt = j.putObject("multitask");
      ArrayNode names = mt.putArray("tasks");
      tasks.forEach(x -> names.add(x.name()));
      ArrayNode ws = mt.putArray("weights");
      weights.forEach(ws::add);
      mt.put("head", i);
      mt.put("trained_by", first);
      String prefix = job.key(part, "");
      if (result.bestEpoch() >= 0) {
        j.put("task_val_loss", result.history().get(result.bestEpoch()).metrics()
            .getOrDefault(prefix + "val_loss", Double.NaN));
      }
      ArrayNode epochs = j.putArray("epochs");
      for (EpochRecord r : result.history()) {
        ObjectNode e = epochs.addObject();
        e.put("epoch", r.epoch());
        e.put("lr", r.lr());
        e.put("train_loss", r.trainLoss());
        e.put("val_loss", r.metrics().getOrDefault(prefix + "val_loss", Double.NaN));
        e.put("joint_val_loss", r.valLoss());
        r.metrics().forEach((k, v) -> {
          if (k.startsWith(prefix) && !k.equals(prefix + "val_loss")) {
            e.put(k.substring(prefix.length()), v);
          }
        });
        e.put("seconds", r.seconds());
      }
      j.putObject("predictions");
      Path file = files().constructSavingPath(ModelStorage.KEY, t.name(), ModelStorage.fileName(fold));
      storage.write(file);
      t.putPath(storageKey(fold), file);
      log.info("{} fold {}: model storage {} (head {} of the multitask model)", t.name(), fold, file, i);
    }
    bestValues.put(name, result.bestValue());
    log.info("{}: best {} {} at epoch {} ({} epochs, {} s); ONNX {}", name, result.monitor(),
        String.format(Locale.ROOT, "%.4f", result.bestValue()), result.bestEpoch() + 1, result.history().size(),
        String.format(Locale.ROOT, "%.1f", result.seconds()), stored.onnx());
  }

  /**
   * The train step of a multitask task that is not the first of its group: the first task's step of
   * the same fold trained the joint model and recorded this task's model storage. Locally that step
   * ran before this one (plan order); on a cluster the steps of a subroutine may run side by side,
   * and the first step's record reaches this task when its marker is applied (before predict and
   * test). Either way there is nothing to train here.
   */
  protected void linkJoint(TaskStruct task, int fold, String first) {
    java.util.Optional<Path> storage = task.path(storageKey(fold)).filter(Files::isRegularFile);
    if (storage.isPresent()) {
      log.info("{} fold {}: trained jointly with {} by the train step of {}; model storage {}", task.name(), fold,
          multitaskGroup(taskList(), task.name(), nested), first, storage.get());
    } else {
      log.info("{} fold {}: trained jointly by the train step of {}, which records this task's model storage",
          task.name(), fold, first);
    }
  }

  /**
   * The multitask group of a task: every task of the task list, or with {@code nested} those of the
   * same outer fold ({@code +nested?<k>}), in task-list order.
   */
  static List<String> multitaskGroup(List<String> taskList, String task, boolean nested) {
    String key = nested ? nestedKey(task) : "";
    return taskList.stream().filter(t -> (nested ? nestedKey(t) : "").equals(key)).toList();
  }

  private static String nestedKey(String task) {
    int i = task.lastIndexOf(NESTED_TAG);
    return i < 0 ? "" : task.substring(i);
  }

  private Path checkpointDir(String task, int fold) {
    return runDir().resolve("CHECKPOINTS").resolve("train_" + safe(task) + "_fold" + fold);
  }

  /** Predicts test, validation and unlabelled splits of one fold with ONNX Runtime. */
  protected void predictFold(TaskStruct task, int fold) throws IOException {
    evaluator().predict(task, storageFile(task, fold));
  }

  /** Tests every trained fold of a task on its test split; metrics go into the model storages. */
  protected void testTask(TaskStruct task) throws IOException {
    List<Path> storages = new ArrayList<>();
    for (int fold : folds(task.name())) {
      task.path(storageKey(fold)).ifPresent(storages::add);
    }
    if (storages.isEmpty()) {
      throw new MmlException("Task " + task.name() + " has no trained model in this run to test: run subroutine train"
          + " first (mode.subroutines=[train,test]).");
    }
    writeTestReport(task, storages, evaluator(), files());
  }

  /** Tests the given model storages of a task and writes {@code TEST/test_<task>_NNNN.csv}. */
  static void writeTestReport(TaskStruct task, List<Path> storages, ModelEvaluator evaluator,
      ProjectFiles files) throws IOException {
    StringBuilder csv = new StringBuilder("task,fold,model");
    for (String m : evaluator.metricNames(task)) {
      csv.append(',').append(m);
    }
    csv.append('\n');
    org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(TrainingScheduler.class);
    for (Path storageFile : storages) {
      Map<String, Double> metrics = evaluator.test(task, storageFile);
      if (metrics.isEmpty()) {
        continue; // no test samples (the evaluator said so)
      }
      int fold = ModelStorage.read(storageFile).fold();
      csv.append(task.name()).append(',').append(fold).append(',').append(files.relativize(storageFile));
      metrics.values().forEach(v -> csv.append(',').append(String.format(Locale.ROOT, "%.6f", v)));
      csv.append('\n');
      StringBuilder line = new StringBuilder();
      metrics.forEach((k, v) -> line.append(String.format(Locale.ROOT, " %s %.4f", k, v)));
      log.info("Test of {} fold {}:{}", task.name(), fold, line);
    }
    Path out = files.constructSavingPath(TEST.key(), null, "test_" + safe(task.name()) + ".csv");
    AtomicFiles.write(out, csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** The evaluator of this run (ONNX Runtime with the mode's batch size and threads). */
  protected ModelEvaluator evaluator() {
    return toolkit().evaluator(inferenceBatch, inferenceThreads);
  }

  @Override
  protected void beforeFinishing() {
    if (!bestValues.isEmpty()) {
      double mean = bestValues.values().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
      returnValue(mean);
    }
  }

  private Path storageFile(TaskStruct task, int fold) {
    return task.path(storageKey(fold)).orElseThrow(() -> new IllegalStateException("Task " + task.name()
        + " has no trained model for fold " + fold + " in this run: run subroutine train first"
        + " (mode.subroutines=[train,predict,test])."));
  }

  static String safe(String taskName) {
    return taskName.replaceAll("[^A-Za-z0-9_.-]", "_");
  }

}
