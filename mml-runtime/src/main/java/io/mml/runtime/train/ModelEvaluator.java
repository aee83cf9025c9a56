package io.mml.runtime.train;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mml.runtime.config.Config;
import io.mml.runtime.data.decoded.DataFileException;
import io.mml.runtime.data.DataSplit;
import io.mml.runtime.data.DecodedCache;
import io.mml.runtime.data.TaskDataset;
import io.mml.runtime.files.ProjectFiles;
import io.mml.runtime.infer.OnnxModel;
import io.mml.runtime.infer.PredictionWriter;
import io.mml.runtime.infer.TaskKind;
import io.mml.runtime.tasks.TaskStruct;
import io.mml.runtime.tasktype.TaskMetric;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Predicts and tests with ONNX models through ONNX Runtime: models trained here (their model
 * storage names the ONNX file) or a model a user exported elsewhere. Used by the train, predict,
 * test and tl modes.
 */
public final class ModelEvaluator {
  private static final Logger LOG = LoggerFactory.getLogger(ModelEvaluator.class);

  private final ProjectFiles files;
  private final Config config;
  private final DecodedCache cache;
  private final int batchSize;
  private final int threads;

  public ModelEvaluator(ProjectFiles files, Config config, DecodedCache cache, int batchSize, int threads) {
    this.files = files;
    this.config = config;
    this.cache = cache;
    this.batchSize = batchSize;
    this.threads = threads;
  }

  /** Predicts the test, validation (of the model's fold) and unlabelled splits; records them in the storage. */
  public void predict(TaskStruct task, Path storageFile) throws IOException {
    ModelStorage storage = ModelStorage.read(storageFile);
    TrainingSetup setup = TrainingSetup.of(task, config, cache, channels(task, storage));
    Path onnx = files.resolve(storage.path("onnx"));
    int fold = storage.fold();
    try (OnnxEvaluation.Session session = open(task, setup, onnx, storage.path("onnx_output"))) {
      ObjectNode preds = storage.json().has("predictions") ? (ObjectNode) storage.json().get("predictions")
          : storage.json().putObject("predictions");
      for (DataSplit split : List.of(DataSplit.TEST, DataSplit.VAL, DataSplit.UNLABELLED)) {
        Path file = predictSplit(task, setup, session, split, fold, "fold" + fold);
        if (file != null) {
          preds.put(split.id(), files.relativize(file));
        }
      }
    }
    storage.write(storageFile);
  }

  /**
   * Predicts a task's splits with an ONNX model exported elsewhere (bring your own model): input and
   * output are detected and checked against the task, with a clear error when they do not fit.
   */
  public void predictExternal(TaskStruct task, Path onnx, String outputName) throws IOException {
    if (!Files.isRegularFile(onnx)) {
      throw new DataFileException(onnx, "ONNX model " + onnx + " does not exist (mode.onnx). Give the path of a .onnx"
          + " file.", null);
    }
    TrainingSetup setup = TrainingSetup.of(task, config, cache, channels(task, onnx));
    try (OnnxEvaluation.Session session = open(task, setup, onnx, outputName)) {
      LOG.info("Using {}: input {}, output {}", onnx, session.binding().input().describe(),
          session.binding().output().describe());
      for (DataSplit split : List.of(DataSplit.TEST, DataSplit.UNLABELLED)) {
        predictSplit(task, setup, session, split, 0, "external");
      }
    }
  }

  private Path predictSplit(TaskStruct task, TrainingSetup setup, OnnxEvaluation.Session session, DataSplit split,
      int fold, String tag) throws IOException {
    TaskDataset data = setup.dataset(split, fold, config, cache, false);
    if (data.size() == 0) {
      return null;
    }
    OnnxEvaluation.Split out = OnnxEvaluation.run(session, data, split.id(), setup.kind());
    Path file;
    if (setup.kind() == TaskKind.SEGMENTATION) {
      Path claim = files.constructSavingPath("predictions", task.name(), "masks_" + split.id() + "_" + tag + ".dir");
      Files.delete(claim); // the numbered name is ours; the folder takes its place
      file = PredictionWriter.writeMasks(claim, out.masks());
    } else {
      file = files.constructSavingPath("predictions", task.name(), "predictions_" + split.id() + "_" + tag + ".csv");
      PredictionWriter.writeCsv(file, setup.kind(), setup.numOutputs(), out.rows());
    }
    LOG.info("{} ({}): {} predictions for split {} -> {}", task.name(), tag, data.size(), split.id(), file);
    return file;
  }

  /** Tests a stored model on the task's test split; the metrics go into the storage and are returned. */
  public Map<String, Double> test(TaskStruct task, Path storageFile) throws IOException {
    ModelStorage storage = ModelStorage.read(storageFile);
    TrainingSetup setup = TrainingSetup.of(task, config, cache, channels(task, storage));
    TaskDataset data = setup.dataset(DataSplit.TEST, 0, config, cache, false);
    Map<String, Double> metrics = new LinkedHashMap<>();
    if (data.size() == 0) {
      LOG.warn("Task {} has no test samples; nothing to test.", task.name());
      return metrics;
    }
    try (OnnxEvaluation.Session session = open(task, setup, files.resolve(storage.path("onnx")),
        storage.path("onnx_output"))) {
      OnnxEvaluation.Split out = OnnxEvaluation.run(session, data, "test", setup.kind());
      for (TaskMetric m : setup.metrics()) {
        metrics.put(m.name(), m.compute(out.predictions()));
      }
    }
    ObjectNode t = storage.json().putObject("test");
    metrics.forEach(t::put);
    t.put("samples", data.size());
    storage.write(storageFile);
    return metrics;
  }

  /** The metric names of a task's type, in order. */
  public List<String> metricNames(TaskStruct task) throws IOException {
    return TrainingSetup.of(task, config, cache).metrics().stream().map(TaskMetric::name).toList();
  }

  /** The input channels of a stored model (its recorded input shape), else those the config asks for. */
  private int channels(TaskStruct task, ModelStorage storage) throws IOException {
    var shape = storage.json().path("input_shape");
    int c = shape.isArray() && shape.size() == 3 ? shape.get(0).asInt() : 0;
    return c == 1 || c == 3 ? c : TrainingSetup.inputChannels(config, task, cache);
  }

  /** The input channels of an ONNX model when its input fixes them (1 or 3), else those the config asks for. */
  private int channels(TaskStruct task, Path onnx) throws IOException {
    try (OnnxModel model = OnnxModel.open(onnx, OnnxModel.Options.cpu())) {
      var inputs = model.signature().inputs();
      long c = !inputs.isEmpty() && inputs.get(0).rank() == 4 ? inputs.get(0).dim(1) : -1;
      if (c == 1 || c == 3) {
        return (int) c;
      }
    }
    return TrainingSetup.inputChannels(config, task, cache);
  }

  private OnnxEvaluation.Session open(TaskStruct task, TrainingSetup setup, Path onnx, String outputName) {
    long[] shape = setup.spec().inputShape().getShape();
    boolean allowGpu = config.has("allow_gpu") && config.getBoolean("allow_gpu");
    return OnnxEvaluation.open(onnx, task.name(), setup.kind(), (int) shape[0], (int) shape[1], (int) shape[2],
        setup.numOutputs(), outputName, OnnxModel.Options.of(allowGpu, threads), batchSize);
  }
}
