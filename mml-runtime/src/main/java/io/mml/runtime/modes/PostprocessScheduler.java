package io.mml.runtime.modes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import io.mml.runtime.files.AtomicFiles;
import io.mml.runtime.files.PathKey;
import io.mml.runtime.plots.ReliabilityDiagram;
import io.mml.runtime.post.CalibrationMetrics;
import io.mml.runtime.post.CalibrationMethod;
import io.mml.runtime.post.CalibrationReport;
import io.mml.runtime.post.Calibrator;
import io.mml.runtime.post.ClassPredictions;
import io.mml.runtime.post.GreedyEnsemble;
import io.mml.runtime.post.HeldOutMetrics;
import io.mml.runtime.post.ModelCalibration;
import io.mml.runtime.post.PredictionCsv;
import io.mml.runtime.post.PriorOption;
import io.mml.runtime.scheduler.AbstractBaseScheduler;
import io.mml.runtime.tasks.TaskException;
import io.mml.runtime.tasks.TaskHeader;
import io.mml.runtime.tasks.TaskIndex;
import io.mml.runtime.tasks.TaskStruct;
import io.mml.runtime.tasktype.TaskMetric;
import io.mml.runtime.tasktype.TaskTypes;
import io.mml.runtime.tasktype.builtin.ReliabilityBins;
import io.mml.runtime.train.ModelStorage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The built-in {@code post} mode: post-processing of the classification models of the pivot task
 * reused from a project ({@code reuse.models=<project>}, or {@code reuse=current}). {@code calibrate}
 * fits a calibration per model on its validation predictions (temperature scaling or affine, with a
 * prior shift, see {@link PriorOption}) and writes calibrated test and unlabelled predictions, a
 * report and reliability diagrams; {@code ensemble} selects a greedy ensemble (Caruana et al. 2004)
 * of the calibrated models on part of the test split and evaluates it on the rest. Prediction CSVs
 * hold probabilities, so the calibration reads log-probabilities as logits
 * ({@link ClassPredictions}). Original predictions are never overwritten.
 */
@Mode(id = "post",
    description = "Calibrates the pivot's reused classification models (temperature or affine, fitted on validation"
        + " predictions) and selects a greedy ensemble on the test split.")
public class PostprocessScheduler extends AbstractBaseScheduler {
  static final PathKey CALIBRATION = new PathKey("calibration", "CALIBRATION", "calibration.json", true, true, true);
  static final PathKey CALIBRATION_REPORT = new PathKey("calibration_report", "CALIBRATION", "report.csv", true, true,
      false);
  static final PathKey RELIABILITY = new PathKey("reliability", "CALIBRATION", "reliability.png", true, true, false);
  static final PathKey ENSEMBLE = new PathKey("ensemble", "ENSEMBLES", "ensemble.json", true, true, true);
  /** The struct key of the ensemble's test predictions. */
  static final String ENSEMBLE_PREDICTIONS = "ensemble_predictions";
  private static final String CLASSIFICATION = "classification";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Param(defaultValue = "temperature", doc = "Calibration method: temperature (one temperature, keeps the arg-max)"
      + " or affine (a scale and a bias per class).")
  CalibrationMethod method;

  @Param(defaultValue = "val", doc = "The class prior the calibrated probabilities are for: val (no shift), test"
      + " (the test labels' frequencies, an oracle for analysis) or one probability per class, comma-separated"
      + " (mode.prior=0.2,0.3,0.5).")
  String prior;

  @Param(defaultValue = "0.0001", doc = "L2 penalty pulling the calibration towards the identity map; keeps it"
      + " finite when the validation predictions are perfectly separated.")
  double l2;

  @Param(defaultValue = "0.5", doc = "Share of the test samples (seeded by seed) that select the ensemble; the rest"
      + " is held out to evaluate it.")
  double evalFrac;

  @Param(defaultValue = "10", doc = "Greedy selection steps: the most ensemble members, counted with repetition.")
  int maxEnsembleSize;

  @Param(defaultValue = "0", doc = "Random weight proposals after the greedy selection (0: weights are the"
      + " selection counts).")
  int budget;

  @Param(defaultValue = "0.5", doc = "Spread of the weight proposals around the best weights (> 0; higher explores"
      + " further).")
  double weightsTemperature;

  private PriorOption priorOption;
  private String pivotName;

  @Override
  protected List<PathKey> pathKeys() {
    return List.of(CALIBRATION, CALIBRATION_REPORT, RELIABILITY, ENSEMBLE);
  }

  @Override
  protected void checkConfig(Config config) {
    String name = config.getString("pivot.name", "");
    if (name.isBlank()) {
      throw new ConfigException("pivot.name", "Mode post calibrates and ensembles the models of one classification"
          + " task: name it with pivot.name=<task> (and reuse its models with reuse.models=<project> or"
          + " reuse=current).");
    }
    pivotName = name + config.getString("pivot.tags", ""); // the pivot's full name, as the task list expands it
    ReusedModels.require(config, "post", "");
    priorOption = PriorOption.parse(prior);
    if (!(l2 >= 0) || Double.isInfinite(l2)) {
      throw new ConfigException("mode.l2", "mode.l2 must be a finite number >= 0 (0: no penalty); found " + l2 + ".");
    }
    if (!(evalFrac > 0 && evalFrac < 1)) {
      throw new ConfigException("mode.eval_frac", "mode.eval_frac must lie strictly between 0 and 1 (the share of"
          + " test samples that select the ensemble); found " + evalFrac + ".");
    }
    if (maxEnsembleSize < 1) {
      throw new ConfigException("mode.max_ensemble_size", "mode.max_ensemble_size must be at least 1; found "
          + maxEnsembleSize + ".");
    }
    if (budget < 0) {
      throw new ConfigException("mode.budget", "mode.budget must be >= 0 (0: no weight search); found " + budget + ".");
    }
    if (!(weightsTemperature > 0) || Double.isInfinite(weightsTemperature)) {
      throw new ConfigException("mode.weights_temperature", "mode.weights_temperature must be a positive number;"
          + " found " + weightsTemperature + ".");
    }
  }

  /** Checks the pivot's task type and class count here, the first hook with the task index: before anything is written. */
  @Override
  protected List<String> expandTasks(List<String> tasks, TaskIndex index) {
    TaskHeader pivot = index.resolve(pivotName);
    if (!CLASSIFICATION.equals(pivot.taskType())) {
      throw new ConfigException("pivot.name", "Mode post calibrates and ensembles classification models, but the"
          + " pivot " + pivotName + " is a " + pivot.taskType() + " task. Choose a classification task as pivot"
          + " (pivot.name=<task>); calibration and ensembles of other task types are not supported.");
    }
    priorOption.checkClasses(pivotName, pivot.numClasses());
    return tasks;
  }

  @Subroutine("calibrate")
  @PerTask(PerTask.Tasks.PIVOT)
  @Resources(cpus = 1, memory = "4G", time = "1:00:00")
  void calibrate(TaskStruct task) throws IOException {
    int classes = task.header().numClasses();
    Calibrator calibrator = method.calibrator(l2);
    CalibrationReport report = new CalibrationReport();
    ObjectNode root = JSON.createObjectNode();
    root.put("task", task.name());
    root.put("method", calibrator.id());
    root.put("prior", priorOption.describe());
    root.put("l2", l2);
    ArrayNode models = root.putArray("models");
    List<Path> storages = ReusedModels.of(files(), task.name());
    for (Path storageFile : storages) {
      ModelStorage storage = ModelStorage.read(storageFile);
      Map<DataSplit, Path> originals = predictionFiles(storage);
      String model = files().relativize(storageFile);
      if (!originals.containsKey(DataSplit.VAL)) {
        log.warn("{}: model {} has no validation predictions to fit a calibration on; skipped (predict them with"
            + " mml predict task_list=[{}] reuse.models=<project>).", task.name(), model, task.name());
        continue;
      }
      if (priorOption.source() == PriorOption.Source.TEST && !originals.containsKey(DataSplit.TEST)) {
        throw new ConfigException(PriorOption.KEY, "mode.prior=test takes the prior from the test labels, but model "
            + model + " has no test predictions. Predict its test split first, or choose mode.prior=val.");
      }
      Map<DataSplit, ClassPredictions> splits = new EnumMap<>(DataSplit.class);
      for (Map.Entry<DataSplit, Path> e : originals.entrySet()) {
        splits.put(e.getKey(), PredictionCsv.read(e.getValue(), classes));
      }
      if (!splits.get(DataSplit.VAL).labelled()) {
        log.warn("{}: the validation predictions {} of model {} have rows without target; skipped.", task.name(),
            originals.get(DataSplit.VAL), model);
        continue;
      }
      ModelCalibration.Result result = ModelCalibration.calibrate(calibrator, priorOption, splits);
      models.add(describe(task, storage, model, originals, result, report));
    }
    if (models.isEmpty()) {
      throw new TaskException("None of the " + storages.size() + " reused models of task " + task.name() + " has"
          + " validation predictions to calibrate on. Predict them (mml predict task_list=[" + task.name()
          + "] reuse.models=<project>) or reuse another project.");
    }
    Path csv = files().constructSavingPath(CALIBRATION_REPORT.key(), task.name(), "report.csv");
    AtomicFiles.writeString(csv, report.csv());
    root.put("report", files().relativize(csv));
    Path json = files().constructSavingPath(CALIBRATION.key(), task.name());
    AtomicFiles.write(json, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
    task.putPath(CALIBRATION.key(), json);
    task.putPath(CALIBRATION_REPORT.key(), csv);
    log.info("{}: calibrated {} of {} models ({}, prior {}); report {}", task.name(), models.size(), storages.size(),
        calibrator.id(), priorOption.describe(), csv);
  }

  /** Writes one model's calibrated predictions and diagram; returns its JSON entry, adds its report rows. */
  private ObjectNode describe(TaskStruct task, ModelStorage storage, String model, Map<DataSplit, Path> originals,
      ModelCalibration.Result result, CalibrationReport report) throws IOException {
    String tag = "fold" + storage.fold();
    ObjectNode m = JSON.createObjectNode();
    m.put("storage", model);
    m.put("fold", storage.fold());
    m.set("parameters", JSON.valueToTree(result.map().parameters()));
    ObjectNode shift = m.putObject("prior_shift");
    shift.set("from", JSON.valueToTree(result.shift().from()));
    shift.set("to", JSON.valueToTree(result.shift().to()));
    ObjectNode original = m.putObject("original");
    originals.forEach((split, p) -> original.put(split.id(), files().relativize(p)));
    ObjectNode calibrated = m.putObject("calibrated");
    for (DataSplit split : List.of(DataSplit.TEST, DataSplit.UNLABELLED)) {
      ClassPredictions c = result.calibrated().get(split);
      if (c != null) {
        Path out = files().constructSavingPath("predictions", task.name(),
            "predictions_" + split.id() + "_" + tag + "_calibrated.csv");
        PredictionCsv.write(out, split.id(), c);
        calibrated.put(split.id(), files().relativize(out));
      }
    }
    ObjectNode metrics = m.putObject("metrics");
    for (Map.Entry<DataSplit, CalibrationMetrics> e : result.before().entrySet()) {
      CalibrationMetrics after = result.after().get(e.getKey());
      report.add(model, storage.fold(), result.map().method(), e.getKey().id(), e.getValue(), after);
      ObjectNode s = metrics.putObject(e.getKey().id());
      s.set("before", JSON.valueToTree(e.getValue()));
      s.set("after", JSON.valueToTree(after));
    }
    DataSplit shown = result.before().containsKey(DataSplit.TEST) ? DataSplit.TEST : DataSplit.VAL;
    Path png = files().constructSavingPath(RELIABILITY.key(), task.name(), "reliability_" + tag + ".png");
    AtomicFiles.write(png, ReliabilityDiagram.png(task.name() + " " + tag + ", " + shown.id() + " split ("
        + result.map().method() + ")", List.of(
            series("before", splitOf(originals, shown, task), result.before().get(shown)),
            series("after", result.calibrated().get(shown), result.after().get(shown)))));
    m.put("reliability", files().relativize(png));
    m.put("reliability_split", shown.id());
    CalibrationMetrics before = result.before().get(shown);
    CalibrationMetrics after = result.after().get(shown);
    log.info("{} {} ({} split): NLL {} -> {}, ECE {} -> {}, Brier {} -> {}, accuracy {} -> {}; {}", task.name(), tag,
        shown.id(), f(before.nll()), f(after.nll()), f(before.ece()), f(after.ece()), f(before.brier()),
        f(after.brier()), f(before.accuracy()), f(after.accuracy()), m.get("parameters"));
    return m;
  }

  private ClassPredictions splitOf(Map<DataSplit, Path> originals, DataSplit split, TaskStruct task)
      throws IOException {
    return PredictionCsv.read(originals.get(split), task.header().numClasses());
  }

  private static ReliabilityDiagram.Series series(String name, ClassPredictions p, CalibrationMetrics metrics) {
    ReliabilityBins bins = ReliabilityBins.of(p.toMetricInput(), ReliabilityBins.DEFAULT_BINS);
    return new ReliabilityDiagram.Series(name + " (ECE " + f(metrics.ece()) + ")", bins.meanConfidence(),
        bins.accuracy(), bins.count());
  }

  @Subroutine("ensemble")
  @PerTask(PerTask.Tasks.PIVOT)
  @Resources(cpus = 1, memory = "4G", time = "1:00:00")
  void ensemble(TaskStruct task) throws IOException {
    int classes = task.header().numClasses();
    List<Member> candidates = members(task);
    List<Member> library = new ArrayList<>();
    List<ClassPredictions> tests = new ArrayList<>();
    for (Member c : candidates) {
      ClassPredictions test = PredictionCsv.read(files().resolve(c.test()), classes);
      if (!test.labelled()) {
        log.warn("{}: the test predictions {} of model {} have rows without target; left out of the ensemble.",
            task.name(), c.test(), c.storage());
        continue;
      }
      Optional<ClassPredictions> aligned = tests.isEmpty() ? Optional.of(test)
          : test.inOrderOf(tests.get(0).sampleIds());
      if (aligned.isEmpty()) {
        log.warn("{}: model {} predicted other test samples than {}; left out of the ensemble.", task.name(),
            c.storage(), library.get(0).storage());
        continue;
      }
      library.add(c);
      tests.add(aligned.get());
    }
    if (library.isEmpty() || tests.get(0).size() < 2) {
      throw new TaskException("Task " + task.name() + " has no reused model with labelled test predictions of at"
          + " least 2 samples to select an ensemble on. Predict the test split (mml predict task_list=["
          + task.name() + "] reuse.models=<project>) or reuse another project.");
    }
    GreedyEnsemble.Settings settings = new GreedyEnsemble.Settings(evalFrac, maxEnsembleSize, budget,
        weightsTemperature, seed());
    GreedyEnsemble.Selection selection = GreedyEnsemble.select(tests, settings);
    double[] weights = selection.weights();
    List<double[][]> probabilities = tests.stream().map(ClassPredictions::probabilities).toList();
    double[][] combined = GreedyEnsemble.combine(probabilities, weights);
    ClassPredictions reference = tests.get(0);
    List<TaskMetric> metrics = TaskTypes.defaults().get(task.header().taskType()).metrics().stream()
        .map(Supplier::get).toList();
    int[] heldOut = selection.heldOutRows();
    Map<String, Double> ensembleMetrics = HeldOutMetrics.of(reference, combined, heldOut, metrics);

    ObjectNode root = JSON.createObjectNode();
    root.put("task", task.name());
    root.put("calibrated", library.get(0).calibrated());
    ArrayNode members = root.putArray("members");
    ObjectNode memberMetrics = JSON.createObjectNode();
    String bestSingle = null;
    double bestSingleLoss = Double.POSITIVE_INFINITY;
    for (int m = 0; m < library.size(); m++) {
      Map<String, Double> single = HeldOutMetrics.of(reference, probabilities.get(m), heldOut, metrics);
      memberMetrics.set(library.get(m).storage(), JSON.valueToTree(single));
      if (single.get(HeldOutMetrics.LOG_LOSS) < bestSingleLoss) {
        bestSingleLoss = single.get(HeldOutMetrics.LOG_LOSS);
        bestSingle = library.get(m).storage();
      }
      if (weights[m] > 0) {
        ObjectNode e = members.addObject();
        e.put("storage", library.get(m).storage());
        e.put("predictions", library.get(m).test());
        e.put("weight", weights[m]);
        e.put("count", selection.counts()[m]);
      }
    }
    ArrayNode all = root.putArray("library");
    library.forEach(c -> all.add(c.storage()));
    ObjectNode search = root.putObject("search");
    search.put("loss", HeldOutMetrics.LOG_LOSS);
    search.put("eval_frac", evalFrac);
    search.put("max_ensemble_size", maxEnsembleSize);
    search.put("budget", budget);
    search.put("weights_temperature", weightsTemperature);
    search.put("seed", seed());
    search.set("greedy_losses", JSON.valueToTree(selection.greedyLosses()));
    search.put("greedy_loss", selection.greedyLoss());
    search.put("loss_after_weight_search", selection.loss());
    search.put("accepted_proposals", selection.accepted());
    ObjectNode samples = root.putObject("samples");
    samples.put("selection", selection.selectionRows().length);
    samples.put("held_out", heldOut.length);
    ArrayNode selectionIds = root.putArray("selection_sample_ids");
    for (int i : selection.selectionRows()) {
      selectionIds.add(reference.sampleIds().get(i));
    }
    ObjectNode held = root.putObject("metrics");
    held.set("ensemble", JSON.valueToTree(ensembleMetrics));
    held.put("best_single_model", bestSingle);
    held.set("members", memberMetrics);

    ObjectNode predictions = root.putObject("predictions");
    Path testCsv = files().constructSavingPath("predictions", task.name(), "predictions_test_ensemble.csv");
    PredictionCsv.write(testCsv, DataSplit.TEST.id(), ClassPredictions.fromProbabilities(reference.sampleIds(),
        reference.labels(), combined, Double.MIN_NORMAL));
    predictions.put(DataSplit.TEST.id(), files().relativize(testCsv));
    Optional<ClassPredictions> unlabelled = unlabelledEnsemble(library, weights, classes);
    if (unlabelled.isPresent()) {
      Path out = files().constructSavingPath("predictions", task.name(), "predictions_unlabelled_ensemble.csv");
      PredictionCsv.write(out, DataSplit.UNLABELLED.id(), unlabelled.get());
      predictions.put(DataSplit.UNLABELLED.id(), files().relativize(out));
    }
    Path json = files().constructSavingPath(ENSEMBLE.key(), task.name());
    AtomicFiles.write(json, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
    task.putPath(ENSEMBLE.key(), json);
    task.putPath(ENSEMBLE_PREDICTIONS, testCsv);
    returnValue(ensembleMetrics.get(HeldOutMetrics.LOG_LOSS));
    StringBuilder line = new StringBuilder();
    ensembleMetrics.forEach((k, v) -> line.append(' ').append(k).append(' ').append(f(v)));
    log.info("{}: ensemble of {} of {} models (weights {}), held-out {} samples:{}; best single model {} log_loss {};"
        + " {}", task.name(), members.size(), library.size(), weightsText(weights), heldOut.length, line, bestSingle,
        f(bestSingleLoss), json);
  }

  /**
   * A model the ensemble may use.
   *
   * @param storage its model storage, relative to the results root
   * @param test its test predictions (calibrated when {@code calibrated}), relative
   * @param unlabelled its unlabelled predictions, relative, or null
   * @param calibrated whether the predictions are the calibrated ones
   */
  private record Member(String storage, String test, String unlabelled, boolean calibrated) {}

  /**
   * The models to ensemble: the calibrated ones when this run (or a reused project, {@code
   * reuse.calibration}) calibrated the task, else every reused model with test predictions.
   */
  private List<Member> members(TaskStruct task) throws IOException {
    List<Member> out = new ArrayList<>();
    Optional<Path> calibration = task.path(CALIBRATION.key());
    if (calibration.isPresent()) {
      JsonNode root = JSON.readTree(calibration.get().toFile());
      for (JsonNode m : root.path("models")) {
        JsonNode c = m.path("calibrated");
        if (c.has(DataSplit.TEST.id())) {
          out.add(new Member(m.path("storage").asText(), c.get(DataSplit.TEST.id()).asText(),
              c.has(DataSplit.UNLABELLED.id()) ? c.get(DataSplit.UNLABELLED.id()).asText() : null, true));
        }
      }
      log.info("{}: ensembling the calibrated predictions of {} models ({})", task.name(), out.size(),
          calibration.get());
      return out;
    }
    for (Path storageFile : ReusedModels.of(files(), task.name())) {
      Map<DataSplit, Path> p = predictionFiles(ModelStorage.read(storageFile));
      if (p.containsKey(DataSplit.TEST)) {
        out.add(new Member(files().relativize(storageFile), files().relativize(p.get(DataSplit.TEST)),
            p.containsKey(DataSplit.UNLABELLED) ? files().relativize(p.get(DataSplit.UNLABELLED)) : null, false));
      }
    }
    log.info("{}: no calibration in this run (subroutine calibrate); ensembling the uncalibrated predictions of {}"
        + " models", task.name(), out.size());
    return out;
  }

  /** The ensemble's unlabelled predictions, when every member with weight has them for the same samples. */
  private Optional<ClassPredictions> unlabelledEnsemble(List<Member> library, double[] weights, int classes)
      throws IOException {
    List<double[][]> probabilities = new ArrayList<>();
    ClassPredictions reference = null;
    for (int m = 0; m < library.size(); m++) {
      if (weights[m] == 0) {
        probabilities.add(null);
        continue;
      }
      if (library.get(m).unlabelled() == null) {
        return Optional.empty();
      }
      ClassPredictions p = PredictionCsv.read(files().resolve(library.get(m).unlabelled()), classes);
      Optional<ClassPredictions> aligned = reference == null ? Optional.of(p) : p.inOrderOf(reference.sampleIds());
      if (aligned.isEmpty()) {
        return Optional.empty();
      }
      reference = reference == null ? p : reference;
      probabilities.add(aligned.get().probabilities());
    }
    int rows = reference.size();
    List<double[][]> filled = probabilities.stream().map(p -> p == null ? new double[rows][classes] : p).toList();
    return Optional.of(ClassPredictions.fromProbabilities(reference.sampleIds(), reference.labels(),
        GreedyEnsemble.combine(filled, weights), Double.MIN_NORMAL));
  }

  /** The prediction files a model storage records, by split. */
  private Map<DataSplit, Path> predictionFiles(ModelStorage storage) {
    Map<DataSplit, Path> out = new EnumMap<>(DataSplit.class);
    JsonNode preds = storage.json().path("predictions");
    for (DataSplit split : List.of(DataSplit.VAL, DataSplit.TEST, DataSplit.UNLABELLED)) {
      JsonNode p = preds.get(split.id());
      if (p != null && p.isTextual()) {
        out.put(split, files().resolve(p.asText()));
      }
    }
    return out;
  }

  private static String weightsText(double[] weights) {
    Map<Integer, String> w = new LinkedHashMap<>();
    for (int m = 0; m < weights.length; m++) {
      if (weights[m] > 0) {
        w.put(m, String.format(Locale.ROOT, "%.3f", weights[m]));
      }
    }
    return w.toString();
  }

  private static String f(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }
}
