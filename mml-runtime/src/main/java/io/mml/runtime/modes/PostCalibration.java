package io.mml.runtime.modes;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mml.runtime.config.ConfigException;
import io.mml.runtime.data.DataSplit;
import io.mml.runtime.files.AtomicFiles;
import io.mml.runtime.files.ProjectFiles;
import io.mml.runtime.plots.ReliabilityDiagram;
import io.mml.runtime.post.CalibrationMetrics;
import io.mml.runtime.post.CalibrationReport;
import io.mml.runtime.post.Calibrator;
import io.mml.runtime.post.ClassPredictions;
import io.mml.runtime.post.ModelCalibration;
import io.mml.runtime.post.PredictionCsv;
import io.mml.runtime.post.PriorOption;
import io.mml.runtime.tasks.TaskException;
import io.mml.runtime.tasks.TaskStruct;
import io.mml.runtime.tasktype.builtin.ReliabilityBins;
import io.mml.runtime.train.ModelStorage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code calibrate} step of the post mode: per reused model of a task, a calibration fitted on
 * its validation predictions and applied to its test and unlabelled ones. Writes, under the current
 * project, new numbered prediction CSVs ({@code PREDICTIONS/<task>/predictions_<split>_fold<k>_calibrated_NNNN.csv}),
 * a reliability diagram per model, the report CSV and {@code CALIBRATION/<task>/calibration_NNNN.json}
 * (per model: storage, parameters, prior shift, original and calibrated files, metrics before and
 * after), and records the JSON and the report on the task struct.
 */
final class PostCalibration {
  private static final Logger LOG = LoggerFactory.getLogger(PostCalibration.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ProjectFiles files;
  private final Calibrator calibrator;
  private final PriorOption prior;
  private final double l2;

  PostCalibration(ProjectFiles files, Calibrator calibrator, PriorOption prior, double l2) {
    this.files = files;
    this.calibrator = calibrator;
    this.prior = prior;
    this.l2 = l2;
  }

  void run(TaskStruct task) throws IOException {
    int classes = task.header().numClasses();
    CalibrationReport report = new CalibrationReport();
    ObjectNode root = JSON.createObjectNode();
    root.put("task", task.name());
    root.put("method", calibrator.id());
    root.put("prior", prior.describe());
    root.put("l2", l2);
    ArrayNode models = root.putArray("models");
    List<Path> storages = ReusedModels.of(files, task.name());
    for (Path storageFile : storages) {
      ModelStorage storage = ModelStorage.read(storageFile);
      Map<DataSplit, Path> originals = ReusedModels.predictionFiles(files, storage);
      String model = files.relativize(storageFile);
      if (!originals.containsKey(DataSplit.VAL)) {
        LOG.warn("{}: model {} has no validation predictions to fit a calibration on; skipped (predict them with"
            + " mml predict task_list=[{}] reuse.models=<project>).", task.name(), model, task.name());
        continue;
      }
      if (prior.source() == PriorOption.Source.TEST && !originals.containsKey(DataSplit.TEST)) {
        throw new ConfigException(PriorOption.KEY, "mode.prior=test takes the prior from the test labels, but model "
            + model + " has no test predictions. Predict its test split first, or choose mode.prior=val.");
      }
      Map<DataSplit, ClassPredictions> splits = new EnumMap<>(DataSplit.class);
      for (Map.Entry<DataSplit, Path> e : originals.entrySet()) {
        splits.put(e.getKey(), PredictionCsv.read(e.getValue(), classes));
      }
      if (!splits.get(DataSplit.VAL).labelled()) {
        LOG.warn("{}: the validation predictions {} of model {} have rows without target; skipped.", task.name(),
            originals.get(DataSplit.VAL), model);
        continue;
      }
      ModelCalibration.Result result = ModelCalibration.calibrate(calibrator, prior, splits);
      models.add(write(task, storage, model, originals, splits, result, report));
    }
    if (models.isEmpty()) {
      throw new TaskException("None of the " + storages.size() + " reused models of task " + task.name() + " has"
          + " validation predictions to calibrate on. Predict them (mml predict task_list=[" + task.name()
          + "] reuse.models=<project>) or reuse another project.");
    }
    Path csv = files.constructSavingPath(PostprocessScheduler.CALIBRATION_REPORT.key(), task.name());
    AtomicFiles.writeString(csv, report.csv());
    root.put("report", files.relativize(csv));
    Path json = files.constructSavingPath(PostprocessScheduler.CALIBRATION.key(), task.name());
    AtomicFiles.write(json, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
    task.putPath(PostprocessScheduler.CALIBRATION.key(), json);
    task.putPath(PostprocessScheduler.CALIBRATION_REPORT.key(), csv);
    LOG.info("{}: calibrated {} of {} models ({}, prior {}); report {}", task.name(), models.size(), storages.size(),
        calibrator.id(), prior.describe(), csv);
  }

  /** Writes one model's calibrated predictions and diagram; returns its JSON entry, adds its report rows. */
  private ObjectNode write(TaskStruct task, ModelStorage storage, String model, Map<DataSplit, Path> originals,
      Map<DataSplit, ClassPredictions> splits, ModelCalibration.Result result, CalibrationReport report)
      throws IOException {
    String tag = "fold" + storage.fold();
    String method = result.map().method();
    ObjectNode m = JSON.createObjectNode();
    m.put("storage", model);
    m.put("fold", storage.fold());
    m.set("parameters", JSON.valueToTree(result.map().parameters()));
    ObjectNode shift = m.putObject("prior_shift");
    shift.set("from", JSON.valueToTree(result.shift().from()));
    shift.set("to", JSON.valueToTree(result.shift().to()));
    ObjectNode original = m.putObject("original");
    originals.forEach((split, p) -> original.put(split.id(), files.relativize(p)));
    ObjectNode calibrated = m.putObject("calibrated");
    for (DataSplit split : List.of(DataSplit.TEST, DataSplit.UNLABELLED)) {
      ClassPredictions c = result.calibrated().get(split);
      if (c != null) {
        Path out = files.constructSavingPath("predictions", task.name(),
            "predictions_" + split.id() + "_" + tag + "_calibrated.csv");
        PredictionCsv.write(out, split.id(), c);
        calibrated.put(split.id(), files.relativize(out));
      }
    }
    ObjectNode metrics = m.putObject("metrics");
    for (Map.Entry<DataSplit, CalibrationMetrics> e : result.before().entrySet()) {
      CalibrationMetrics after = result.after().get(e.getKey());
      report.add(model, storage.fold(), method, e.getKey().id(), e.getValue(), after);
      ObjectNode s = metrics.putObject(e.getKey().id());
      s.set("before", JSON.valueToTree(e.getValue()));
      s.set("after", JSON.valueToTree(after));
    }
    // The diagram shows the test split (not used for fitting) where there is one.
    DataSplit shown = result.before().containsKey(DataSplit.TEST) ? DataSplit.TEST : DataSplit.VAL;
    CalibrationMetrics before = result.before().get(shown);
    CalibrationMetrics after = result.after().get(shown);
    Path png = files.constructSavingPath(PostprocessScheduler.RELIABILITY.key(), task.name(),
        "reliability_" + tag + ".png");
    AtomicFiles.write(png, ReliabilityDiagram.png(task.name() + " " + tag + ", " + shown.id() + " split (" + method
        + ")", List.of(series("before", splits.get(shown), before),
            series("after", result.calibrated().get(shown), after))));
    m.put("reliability", files.relativize(png));
    m.put("reliability_split", shown.id());
    LOG.info("{} {} ({} split): NLL {} -> {}, ECE {} -> {}, Brier {} -> {}, accuracy {} -> {}; {}", task.name(), tag,
        shown.id(), f(before.nll()), f(after.nll()), f(before.ece()), f(after.ece()), f(before.brier()),
        f(after.brier()), f(before.accuracy()), f(after.accuracy()), m.get("parameters"));
    return m;
  }

  private static ReliabilityDiagram.Series series(String name, ClassPredictions p, CalibrationMetrics metrics) {
    ReliabilityBins bins = ReliabilityBins.of(p.toMetricInput(), ReliabilityBins.DEFAULT_BINS);
    return new ReliabilityDiagram.Series(name + " (ECE " + f(metrics.ece()) + ")", bins.meanConfidence(),
        bins.accuracy(), bins.count());
  }

  static String f(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }
}
