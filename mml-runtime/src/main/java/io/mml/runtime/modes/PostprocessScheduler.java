package io.mml.runtime.modes;

import io.mml.annotations.Mode;
import io.mml.annotations.Param;
import io.mml.annotations.PerTask;
import io.mml.annotations.Resources;
import io.mml.annotations.Subroutine;
import io.mml.runtime.config.Config;
import io.mml.runtime.config.ConfigException;
import io.mml.runtime.files.PathKey;
import io.mml.runtime.post.CalibrationMethod;
import io.mml.runtime.post.ClassPredictions;
import io.mml.runtime.post.GreedyEnsemble;
import io.mml.runtime.post.PriorOption;
import io.mml.runtime.scheduler.AbstractBaseScheduler;
import io.mml.runtime.tasks.TaskHeader;
import io.mml.runtime.tasks.TaskIndex;
import io.mml.runtime.tasks.TaskStruct;
import java.io.IOException;
import java.util.List;

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
  static final PathKey CALIBRATION = PathKey.builder("calibration").file("calibration.json").perTask().numbered()
      .reusable().build();
  static final PathKey CALIBRATION_REPORT = PathKey.builder("calibration_report").folder("CALIBRATION")
      .file("report.csv").perTask().numbered().build();
  static final PathKey RELIABILITY = PathKey.builder("reliability").folder("CALIBRATION").file("reliability.png")
      .perTask().numbered().build();
  static final PathKey ENSEMBLE = PathKey.builder("ensemble").folder("ENSEMBLES").file("ensemble.json").perTask()
      .numbered().reusable().build();
  /** The struct key of the ensemble's test predictions. */
  static final String ENSEMBLE_PREDICTIONS = "ensemble_predictions";
  private static final String CLASSIFICATION = "classification";

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
    new PostCalibration(files(), method.calibrator(l2), priorOption, l2).run(task);
  }

  @Subroutine("ensemble")
  @PerTask(PerTask.Tasks.PIVOT)
  @Resources(cpus = 1, memory = "4G", time = "1:00:00")
  void ensemble(TaskStruct task) throws IOException {
    GreedyEnsemble.Settings settings = new GreedyEnsemble.Settings(evalFrac, maxEnsembleSize, budget,
        weightsTemperature, seed());
    returnValue(new PostEnsemble(files(), settings).run(task));
  }
}
