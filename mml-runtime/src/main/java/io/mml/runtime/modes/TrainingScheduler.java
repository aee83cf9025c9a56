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
import io.mml.runtime.files.AtomicFiles;
import io.mml.runtime.files.PathKey;
import io.mml.runtime.infer.OnnxModel;
import io.mml.runtime.infer.PredictionWriter;
import io.mml.runtime.infer.TaskKind;
import io.mml.runtime.models.SpecToDjl;
import io.mml.runtime.onnx.OnnxExporter;
import io.mml.runtime.onnx.OnnxParity;
import io.mml.runtime.scheduler.AbstractBaseScheduler;
import io.mml.runtime.tasks.TaskStruct;
import io.mml.runtime.tasktype.TaskMetric;
import io.mml.runtime.train.EpochRecord;
import io.mml.runtime.train.FoldTrainer;
import io.mml.runtime.train.ModelEvaluator;
import io.mml.runtime.train.ModelStorage;
import io.mml.runtime.train.OnnxEvaluation;
import io.mml.runtime.train.TrainingCurves;
import io.mml.runtime.train.TrainingSetup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The built-in {@code train} mode: trains a model per task and fold with DJL (best epoch kept by
 * the monitored validation value, checkpoints to resume from), exports it to ONNX (checked for
 * parity with DJL), predicts every split with ONNX Runtime, and tests on the held-out split.
 */
@Mode(id = "train", defaults = {"sampling=train", "augmentations=basic"},
    description = "Trains, predicts and tests a model per task (and fold): DJL training, ONNX export, ONNX Runtime inference.")
public class TrainingScheduler extends AbstractBaseScheduler {
  static final PathKey ONNX = new PathKey("onnx", "ONNX", "model.onnx", true, true, true);
  static final PathKey CURVES_CSV = new PathKey("training_metrics", "TRAINING", "metrics.csv", true, true, false);
  static final PathKey CURVES_PNG = new PathKey("training_curves", "TRAINING", "curves.png", true, true, false);
  static final PathKey TEST = new PathKey("test_metrics", "TEST", "test_metrics.csv", false, true, false);

  @Param(defaultValue = "false", doc = "Cross-validation: train and predict every fold, not only fold 0.")
  boolean cv;

  @Param(defaultValue = "64", doc = "Samples per batch for ONNX Runtime inference (predict, test).")
  int inferenceBatch;

  @Param(defaultValue = "1", doc = "Threads of ONNX Runtime's CPU provider.")
  int inferenceThreads;

  @Param(defaultValue = "true", doc = "Check every export: ONNX Runtime must agree with DJL on a validation batch.")
  boolean checkExport;

  private DecodedCache cache;
  private final Map<String, Double> bestValues = new LinkedHashMap<>();

  /** The struct path key of the model storage of a fold. */
  public static String storageKey(int fold) {
    return "model_fold_" + fold;
  }

  @Override
  protected List<PathKey> pathKeys() {
    return List.of(ONNX, CURVES_CSV, CURVES_PNG, TEST);
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
    int threads = config.has("trainer.num_threads") ? config.getInt("trainer.num_threads") : 1;
    // Must be set before the PyTorch engine starts (it reads them once).
    System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
    System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    System.setProperty("ai.djl.offline", "true");
  }

  @Override
  protected void afterPreparation() {
    cache = SamplingOptions.fromConfig(config()).newCache();
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

  /** Trains one fold and stores parameters, ONNX export, curves and the model storage. */
  protected void trainFold(TaskStruct task, int fold) throws IOException {
    TrainingSetup setup = TrainingSetup.of(task, config(), cache);
    TaskDataset train = TrainingSetup.dataset(task, DataSplit.TRAIN, fold, config(), cache, true);
    TaskDataset val = TrainingSetup.dataset(task, DataSplit.VAL, fold, config(), cache, false);
    if (train.size() == 0) {
      throw new IOException("Task " + task.name() + " has no training samples outside fold " + fold
          + "; it cannot be trained. Check its folds (mml info task_list=[" + task.name() + "]).");
    }
    String name = task.name() + " fold " + fold;
    Path checkpoints = runDir().resolve("CHECKPOINTS").resolve("train_" + safe(task.name()) + "_fold" + fold);
    long seed = random().nextLong();
    FoldTrainer.Job job = new FoldTrainer.Job(name, setup.spec(), setup.kind(), setup.loss(), setup.metrics(), train,
        val, config(), checkpoints, seed, (block, manager) -> beforeTraining(task, fold, block, manager, setup));
    FoldTrainer.Result result = FoldTrainer.train(job);
    // Parameters, ONNX export (with a parity check), curves, model storage.
    Path params = files().constructSavingPath("parameters", task.name(), "model_fold" + fold + ".params");
    AtomicFiles.write(params, result.bestParams());
    Path onnx = files().constructSavingPath(ONNX.key(), task.name(), "model_fold" + fold + ".onnx");
    ObjectNode parity;
    try (NDManager manager = NDManager.newBaseManager(Device.cpu(), SpecToDjl.ENGINE)) {
      Block block = SpecToDjl.build(setup.spec());
      block.initialize(manager, DataType.FLOAT32, SpecToDjl.batchShape(setup.spec().inputShape(), 1));
      try (var in = new java.io.DataInputStream(new java.io.ByteArrayInputStream(result.bestParams()))) {
        block.loadParameters(manager, in);
      } catch (ai.djl.MalformedModelException e) {
        throw new IOException("Cannot reload the trained parameters of " + name + ": " + e.getMessage(), e);
      }
      OnnxExporter.export(setup.spec(), block, onnx);
      parity = checkExport ? parity(setup, block, manager, val.size() > 0 ? val : train, onnx) : null;
    }
    Path csv = files().constructSavingPath(CURVES_CSV.key(), task.name(), "metrics_fold" + fold + ".csv");
    TrainingCurves.writeCsv(csv, result.history());
    Path png = files().constructSavingPath(CURVES_PNG.key(), task.name(), "curves_fold" + fold + ".png");
    TrainingCurves.writePng(png, task.name() + " fold " + fold, result.history());

    ModelStorage storage = ModelStorage.create(task.name(), fold);
    ObjectNode j = storage.json();
    j.put("task_type", setup.type().id());
    j.put("parameters", files().relativize(params));
    j.put("onnx", files().relativize(onnx));
    j.put("onnx_output", setup.spec().outputNames().get(0));
    j.putPOJO("input_shape", setup.spec().inputShape().getShape());
    j.put("num_outputs", setup.numOutputs());
    j.put("monitor", result.monitor());
    j.put("performance", result.bestValue());
    j.put("best_epoch", result.bestEpoch());
    j.put("training_time", result.seconds());
    j.put("resumed_at_epoch", result.resumedAt());
    j.put("metrics_csv", files().relativize(csv));
    j.put("curves_png", files().relativize(png));
    if (parity != null) {
      j.set("onnx_parity", parity);
    }
    ObjectNode pipeline = j.putObject("pipeline");
    for (String key : List.of("arch", "augmentations", "sampling", "optimizer", "lr_scheduler", "trainer",
        "preprocessing", "seed")) {
      config().node(key).ifPresent(n -> pipeline.set(key, n));
    }
    ArrayNode epochs = j.putArray("epochs");
    for (EpochRecord r : result.history()) {
      ObjectNode e = epochs.addObject();
      e.put("epoch", r.epoch());
      e.put("lr", r.lr());
      e.put("train_loss", r.trainLoss());
      e.put("val_loss", r.valLoss());
      r.metrics().forEach(e::put);
      e.put("seconds", r.seconds());
    }
    j.putObject("predictions");
    Path file = files().constructSavingPath("models", task.name(), "model_storage_fold" + fold + ".json");
    storage.write(file);
    task.putPath(storageKey(fold), file);
    bestValues.put(name, result.bestValue());
    log.info("{}: best {} {} at epoch {} ({} epochs, {} s); model {}", name, result.monitor(),
        String.format(Locale.ROOT, "%.4f", result.bestValue()), result.bestEpoch() + 1, result.history().size(),
        String.format(Locale.ROOT, "%.1f", result.seconds()), file);
  }

  private ObjectNode parity(TrainingSetup setup, Block block, NDManager manager, TaskDataset data, Path onnx)
      throws IOException {
    int n = (int) Math.min(16, data.size());
    var first = data.load(0, data.sampleRandom(0, 0)).image();
    float[] input = new float[n * first.pixels().length];
    for (int i = 0; i < n; i++) {
      System.arraycopy(data.load(i, data.sampleRandom(0, i)).image().pixels(), 0, input, i * first.pixels().length,
          first.pixels().length);
    }
    OnnxParity.Result r;
    try {
      r = OnnxParity.compare(setup.spec(), block, Files.readAllBytes(onnx), manager, input, n);
    } catch (ai.onnxruntime.OrtException e) {
      throw new IOException("ONNX Runtime cannot run the export " + onnx + ": " + e.getMessage(), e);
    }
    var out = r.outputs().get(0);
    ObjectNode p = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    p.put("samples", n);
    p.put("max_abs_diff", out.maxAbsDiff());
    p.put("argmax_agreement", out.argmaxAgreement());
    log.info("ONNX export of {} checked against DJL on {} samples: max |diff| {}, argmax agreement {}",
        setup.task().name(), n, String.format(Locale.ROOT, "%.2e", out.maxAbsDiff()),
        String.format(Locale.ROOT, "%.3f", out.argmaxAgreement()));
    if (out.maxAbsDiff() > 1e-3 || out.argmaxAgreement() < 1.0) {
      throw new IOException("The ONNX export " + onnx + " disagrees with DJL (max |diff| " + out.maxAbsDiff()
          + ", argmax agreement " + out.argmaxAgreement() + "). This is a bug in the exporter; please report it"
          + " with the model storage.");
    }
    return p;
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
      throw new IOException("Task " + task.name() + " has no trained model in this run to test: run subroutine train"
          + " first (mode.subroutines=[train,test]).");
    }
    writeTestReport(task, storages, evaluator(), files());
  }

  /** Tests the given model storages of a task and writes {@code TEST/test_<task>_NNNN.csv}. */
  static void writeTestReport(TaskStruct task, List<Path> storages, ModelEvaluator evaluator,
      io.mml.runtime.files.FileManager files) throws IOException {
    StringBuilder csv = new StringBuilder("task,fold,model");
    for (String m : evaluator.metricNames(task)) {
      csv.append(',').append(m);
    }
    csv.append('\n');
    org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(TrainingScheduler.class);
    for (Path storageFile : storages) {
      Map<String, Double> metrics = evaluator.test(task, storageFile);
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
    return new ModelEvaluator(files(), config(), cache, inferenceBatch, inferenceThreads);
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

  /** All folds 0..n-1 (used by subclasses). */
  static List<Integer> range(int n) {
    return IntStream.range(0, n).boxed().toList();
  }
}
