package io.mml.runtime.post;

import io.mml.runtime.tasktype.Predictions;
import io.mml.runtime.tasktype.TaskMetric;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A task type's metrics, and the log-loss, of a model or an ensemble on chosen labelled rows. */
public final class HeldOutMetrics {
  /** The name of the log-loss entry. */
  public static final String LOG_LOSS = "log_loss";

  private HeldOutMetrics() {}

  /**
   * The log-loss, then each metric in order, on {@code rows} of {@code predictions}.
   *
   * @param probabilities the class probabilities of every row of {@code predictions}
   */
  public static Map<String, Double> of(ClassPredictions predictions, double[][] probabilities, int[] rows,
      List<TaskMetric> metrics) {
    Map<String, Double> out = new LinkedHashMap<>();
    out.put(LOG_LOSS, LogLoss.mean(probabilities, predictions.labels(), rows));
    double[][] chosen = new double[rows.length][];
    for (int j = 0; j < rows.length; j++) {
      chosen[j] = probabilities[rows[j]];
    }
    Predictions input = predictions.rows(rows).toMetricInput(chosen);
    for (TaskMetric m : metrics) {
      out.put(m.name(), m.compute(input));
    }
    return out;
  }
}
