package io.mml.runtime.modes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mml.runtime.data.DataSplit;
import io.mml.runtime.files.AtomicFiles;
import io.mml.runtime.files.ProjectFiles;
import io.mml.runtime.post.ClassPredictions;
import io.mml.runtime.post.GreedyEnsemble;
import io.mml.runtime.post.HeldOutMetrics;
import io.mml.runtime.post.PredictionCsv;
import io.mml.runtime.tasks.TaskException;
import io.mml.runtime.tasks.TaskStruct;
import io.mml.runtime.tasktype.TaskMetric;
import io.mml.runtime.tasktype.TaskTypes;
import io.mml.runtime.train.ModelStorage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code ensemble} step of the post mode: a {@link GreedyEnsemble} of the task's models (their
 * calibrated predictions when the task struct records a calibration, else their own), evaluated on
 * the held-out test samples with the task type's metrics. Writes the ensemble's predictions
 * ({@code PREDICTIONS/<task>/predictions_{test,unlabelled}_ensemble_NNNN.csv}) and
 * {@code ENSEMBLES/<task>/ensemble_NNNN.json} (members and weights, the library, the search settings
 * and seed, the selection samples, held-out metrics of the ensemble and of every model), and records
 * the JSON and the test predictions on the task struct.
 */
final class PostEnsemble {
  private static final Logger LOG = LoggerFactory.getLogger(PostEnsemble.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ProjectFiles files;
  private final GreedyEnsemble.Settings settings;

  PostEnsemble(ProjectFiles files, GreedyEnsemble.Settings settings) {
    this.files = files;
    this.settings = settings;
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

  /** Selects, evaluates and writes the ensemble; returns its held-out log-loss. */
  double run(TaskStruct task) throws IOException {
    int classes = task.header().numClasses();
    List<Member> library = new ArrayList<>();
    List<ClassPredictions> tests = new ArrayList<>();
    for (Member c : members(task)) {
      ClassPredictions test = PredictionCsv.read(files.resolve(c.test()), classes);
      if (!test.labelled()) {
        LOG.warn("{}: the test predictions {} of model {} have rows without target; left out of the ensemble.",
            task.name(), c.test(), c.storage());
        continue;
      }
      Optional<ClassPredictions> aligned = tests.isEmpty() ? Optional.of(test)
          : test.inOrderOf(tests.get(0).sampleIds());
      if (aligned.isEmpty()) {
        LOG.warn("{}: model {} predicted other test samples than {}; left out of the ensemble.", task.name(),
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
    int[] counts = selection.counts();
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
        e.put("count", counts[m]);
      }
    }
    ArrayNode all = root.putArray("library");
    library.forEach(c -> all.add(c.storage()));
    ObjectNode search = root.putObject("search");
    search.put("loss", HeldOutMetrics.LOG_LOSS);
    search.put("eval_frac", settings.evalFrac());
    search.put("max_ensemble_size", settings.maxSize());
    search.put("budget", settings.budget());
    search.put("weights_temperature", settings.weightsTemperature());
    search.put("seed", settings.seed());
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
    Path testCsv = files.constructSavingPath("predictions", task.name(), "predictions_test_ensemble.csv");
    PredictionCsv.write(testCsv, DataSplit.TEST.id(), ClassPredictions.fromProbabilities(reference.sampleIds(),
        reference.labels(), combined, Double.MIN_NORMAL));
    predictions.put(DataSplit.TEST.id(), files.relativize(testCsv));
    Optional<ClassPredictions> unlabelled = unlabelledEnsemble(library, weights, classes);
    if (unlabelled.isPresent()) {
      Path out = files.constructSavingPath("predictions", task.name(), "predictions_unlabelled_ensemble.csv");
      PredictionCsv.write(out, DataSplit.UNLABELLED.id(), unlabelled.get());
      predictions.put(DataSplit.UNLABELLED.id(), files.relativize(out));
    }
    Path json = files.constructSavingPath(PostprocessScheduler.ENSEMBLE.key(), task.name());
    AtomicFiles.write(json, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
    task.putPath(PostprocessScheduler.ENSEMBLE.key(), json);
    task.putPath(PostprocessScheduler.ENSEMBLE_PREDICTIONS, testCsv);
    StringBuilder line = new StringBuilder();
    ensembleMetrics.forEach((k, v) -> line.append(' ').append(k).append(' ').append(PostCalibration.f(v)));
    LOG.info("{}: ensemble of {} of {} models (weights {}), held-out {} samples:{}; best single model {} log_loss {};"
        + " {}", task.name(), members.size(), library.size(), weightsText(weights), heldOut.length, line, bestSingle,
        PostCalibration.f(bestSingleLoss), json);
    return ensembleMetrics.get(HeldOutMetrics.LOG_LOSS);
  }

  /**
   * The models to ensemble: the calibrated ones when the task struct records a calibration (this
   * run's {@code calibrate} step, or a project reused with {@code reuse.calibration}), else every
   * reused model with test predictions.
   */
  private List<Member> members(TaskStruct task) throws IOException {
    List<Member> out = new ArrayList<>();
    Optional<Path> calibration = task.path(PostprocessScheduler.CALIBRATION.key());
    if (calibration.isPresent()) {
      JsonNode root = JSON.readTree(calibration.get().toFile());
      for (JsonNode m : root.path("models")) {
        JsonNode c = m.path("calibrated");
        if (c.has(DataSplit.TEST.id())) {
          out.add(new Member(m.path("storage").asText(), c.get(DataSplit.TEST.id()).asText(),
              c.has(DataSplit.UNLABELLED.id()) ? c.get(DataSplit.UNLABELLED.id()).asText() : null, true));
        }
      }
      LOG.info("{}: ensembling the calibrated predictions of {} models ({})", task.name(), out.size(),
          calibration.get());
      return out;
    }
    for (Path storageFile : ReusedModels.of(files, task.name())) {
      Map<DataSplit, Path> p = ReusedModels.predictionFiles(files, ModelStorage.read(storageFile));
      if (p.containsKey(DataSplit.TEST)) {
        out.add(new Member(files.relativize(storageFile), files.relativize(p.get(DataSplit.TEST)),
            p.containsKey(DataSplit.UNLABELLED) ? files.relativize(p.get(DataSplit.UNLABELLED)) : null, false));
      }
    }
    LOG.info("{}: no calibration recorded (subroutine calibrate); ensembling the uncalibrated predictions of {}"
        + " models", task.name(), out.size());
    return out;
  }

  /** The ensemble's unlabelled predictions, when every member with weight has them for the same samples. */
  private Optional<ClassPredictions> unlabelledEnsemble(List<Member> library, double[] weights, int classes)
      throws IOException {
    List<ClassPredictions> chosen = new ArrayList<>();
    for (int m = 0; m < library.size(); m++) {
      if (weights[m] == 0) {
        chosen.add(null);
        continue;
      }
      if (library.get(m).unlabelled() == null) {
        return Optional.empty();
      }
      ClassPredictions p = PredictionCsv.read(files.resolve(library.get(m).unlabelled()), classes);
      ClassPredictions first = chosen.stream().filter(x -> x != null).findFirst().orElse(p);
      Optional<ClassPredictions> aligned = p.inOrderOf(first.sampleIds());
      if (aligned.isEmpty()) {
        return Optional.empty();
      }
      chosen.add(aligned.get());
    }
    ClassPredictions reference = chosen.stream().filter(x -> x != null).findFirst().orElseThrow();
    int rows = reference.size();
    List<double[][]> probabilities = chosen.stream()
        .map(p -> p == null ? new double[rows][classes] : p.probabilities()).toList();
    return Optional.of(ClassPredictions.fromProbabilities(reference.sampleIds(), reference.labels(),
        GreedyEnsemble.combine(probabilities, weights), Double.MIN_NORMAL));
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
}
