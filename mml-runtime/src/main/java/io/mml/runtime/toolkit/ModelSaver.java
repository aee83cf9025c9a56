package io.mml.runtime.toolkit;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mml.runtime.config.Config;
import io.mml.runtime.data.TaskDataset;
import io.mml.runtime.files.AtomicFiles;
import io.mml.runtime.files.ProjectFiles;
import io.mml.runtime.models.ModelSpec;
import io.mml.runtime.models.SpecToDjl;
import io.mml.runtime.onnx.OnnxExporter;
import io.mml.runtime.onnx.OnnxParity;
import io.mml.runtime.train.EpochRecord;
import io.mml.runtime.train.FoldTrainer;
import io.mml.runtime.train.ModelStorage;
import io.mml.runtime.train.TrainingCurves;
import io.mml.runtime.train.TrainingSetup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores a trained model the way every mode can reuse it: DJL parameters ({@code parameters}), the
 * ONNX export ({@code onnx}, checked for parity with DJL on a few samples), the training curves
 * ({@code training_metrics} CSV and {@code training_curves} PNG) and the model storage JSON
 * ({@code models}) that {@code predict}, {@code test}, {@code tl} and {@code reuse} read.
 */
public final class ModelSaver {
  private static final Logger LOG = LoggerFactory.getLogger(ModelSaver.class);
  /** The config groups a model storage records as its pipeline. */
  static final List<String> PIPELINE = List.of("arch", "augmentations", "sampling", "optimizer", "lr_scheduler",
      "trainer", "preprocessing", "seed");

  private final ProjectFiles files;
  private final Config config;
  private final boolean checkExport;

  /**
   * @param checkExport whether ONNX Runtime must agree with DJL on a batch of the check data
   *     (a disagreement is an error)
   */
  public ModelSaver(ProjectFiles files, Config config, boolean checkExport) {
    this.files = files;
    this.config = config;
    this.checkExport = checkExport;
  }

  /**
   * What a training stored besides its model storages.
   *
   * @param params the DJL parameters of the best epoch
   * @param onnx the ONNX export
   * @param parity per output (null when not checked)
   * @param samples the samples of the parity check
   * @param csv the per-epoch CSV
   * @param png the curves
   */
  public record Stored(Path params, Path onnx, OnnxParity.Result parity, int samples, Path csv, Path png) {}

  /**
   * Saves a one-task model completely: {@link #store} and a model storage with the epochs, recorded
   * nowhere yet (the caller puts the returned path on the task struct).
   *
   * @return the model storage file
   */
  public Path save(TrainedModel trained) throws IOException {
    TrainingSetup setup = trained.model().setup();
    String task = setup.task().name();
    int fold = trained.fold();
    Stored stored = store(task, "model_fold" + fold, trained.name(), setup.spec(), trained.result(),
        trained.checkData());
    ModelStorage storage = ModelStorage.create(task, fold);
    ObjectNode j = storage.json();
    describe(j, setup, stored, trained.result(), 0);
    ArrayNode epochs = j.putArray("epochs");
    for (EpochRecord r : trained.result().history()) {
      ObjectNode e = epochs.addObject();
      e.put("epoch", r.epoch());
      e.put("lr", r.lr());
      e.put("train_loss", r.trainLoss());
      e.put("val_loss", r.valLoss());
      r.metrics().forEach(e::put);
      e.put("seconds", r.seconds());
    }
    j.putObject("predictions");
    Path file = files.constructSavingPath(ModelStorage.KEY, task, ModelStorage.fileName(fold));
    storage.write(file);
    return file;
  }

  /** Writes the parameters, the ONNX export (parity-checked) and the curves of a training. */
  public Stored store(String task, String stem, String name, ModelSpec spec, FoldTrainer.Result result,
      TaskDataset parityData) throws IOException {
    Path params = files.constructSavingPath("parameters", task, stem + ".params");
    AtomicFiles.write(params, result.bestParams());
    Path onnx = files.constructSavingPath("onnx", task, stem + ".onnx");
    OnnxParity.Result parity;
    int samples;
    try (NDManager manager = NDManager.newBaseManager(Device.cpu(), SpecToDjl.ENGINE)) {
      Block block = TaskModel.load(spec, result.bestParams(), manager, name);
      OnnxExporter.export(spec, block, onnx);
      samples = (int) Math.min(16, parityData.size());
      parity = checkExport ? parity(name, spec, block, manager, parityData, samples, onnx) : null;
    }
    String suffix = stem.replace("model_", "");
    Path csv = files.constructSavingPath("training_metrics", task, "metrics_" + suffix + ".csv");
    TrainingCurves.writeCsv(csv, result.history());
    Path png = files.constructSavingPath("training_curves", task, "curves_" + suffix + ".png");
    TrainingCurves.writePng(png, name, result.history());
    return new Stored(params, onnx, parity, samples, csv, png);
  }

  /** The storage entries every model storage has; {@code head} is the task's output of the model. */
  public void describe(ObjectNode j, TrainingSetup setup, Stored stored, FoldTrainer.Result result, int head) {
    j.put("task_type", setup.type().id());
    j.put("parameters", files.relativize(stored.params()));
    j.put("onnx", files.relativize(stored.onnx()));
    j.put("onnx_output", setup.spec().outputNames().get(0));
    j.putPOJO("input_shape", setup.spec().inputShape().getShape());
    j.put("num_outputs", setup.numOutputs());
    j.put("monitor", result.monitor());
    j.put("performance", result.bestValue());
    j.put("best_epoch", result.bestEpoch());
    j.put("training_time", result.seconds());
    j.put("resumed_at_epoch", result.resumedAt());
    j.put("metrics_csv", files.relativize(stored.csv()));
    j.put("curves_png", files.relativize(stored.png()));
    if (stored.parity() != null) {
      OnnxParity.Output out = stored.parity().outputs().get(head);
      ObjectNode p = j.putObject("onnx_parity");
      p.put("samples", stored.samples());
      p.put("output", out.name());
      p.put("max_abs_diff", out.maxAbsDiff());
      p.put("argmax_agreement", out.argmaxAgreement());
      p.put("model_outputs", stored.parity().outputs().size());
    }
    ObjectNode pipeline = j.putObject("pipeline");
    for (String key : PIPELINE) {
      config.node(key).ifPresent(n -> pipeline.set(key, n));
    }
  }

  private static OnnxParity.Result parity(String name, ModelSpec spec, Block block, NDManager manager,
      TaskDataset data, int n, Path onnx) throws IOException {
    float[] input = null;
    for (int i = 0; i < n; i++) {
      float[] px = data.load(i, data.sampleRandom(0, i)).image().pixels();
      if (input == null) {
        input = new float[n * px.length];
      }
      System.arraycopy(px, 0, input, i * px.length, px.length);
    }
    OnnxParity.Result r;
    try {
      r = OnnxParity.compare(spec, block, Files.readAllBytes(onnx), manager, input, n);
    } catch (ai.onnxruntime.OrtException e) {
      throw new IOException("ONNX Runtime cannot run the export " + onnx + ": " + e.getMessage(), e);
    }
    for (OnnxParity.Output out : r.outputs()) {
      LOG.info("ONNX export of {} (output {}) checked against DJL on {} samples: max |diff| {}, argmax agreement {}",
          name, out.name(), n, String.format(Locale.ROOT, "%.2e", out.maxAbsDiff()),
          String.format(Locale.ROOT, "%.3f", out.argmaxAgreement()));
      if (out.maxAbsDiff() > 1e-3 || out.argmaxAgreement() < 1.0) {
        throw new IOException("The ONNX export " + onnx + " (output " + out.name() + ") disagrees with DJL (max |diff| "
            + out.maxAbsDiff() + ", argmax agreement " + out.argmaxAgreement() + "). This is a bug in the exporter;"
            + " please report it with the model storage.");
      }
    }
    return r;
  }
}
