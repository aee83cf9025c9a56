package io.mml.plugins.dimensionality;

import io.mml.runtime.train.ModelStorage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The performance of a task's reused models ({@code reuse.models}): the mean of their stored
 * {@code performance} (the best value of the monitored metric) over every model storage.
 *
 * @param task the task
 * @param monitor the monitored metric (e.g. {@code val_loss}); the first storage's
 * @param value the mean over the storages
 * @param models how many storages were averaged
 */
public record ModelPerformance(String task, String monitor, double value, int models) {
  /**
   * The performance of the model storages of a task; storages monitoring another metric than the
   * first are left out (a mean over different metrics means nothing).
   *
   * @param storages the task's model storage files (at least one)
   */
  public static ModelPerformance of(String task, List<Path> storages) throws IOException {
    String monitor = null;
    double sum = 0;
    int n = 0;
    for (Path p : storages) {
      ModelStorage s = ModelStorage.read(p);
      if (!s.json().path("performance").isNumber()) {
        continue;
      }
      String m = s.json().path("monitor").asText("");
      if (monitor == null) {
        monitor = m;
      }
      if (m.equals(monitor)) {
        sum += s.json().get("performance").asDouble();
        n++;
      }
    }
    if (n == 0) {
      throw new IllegalArgumentException("no model storage of task " + task + " has a performance: " + storages);
    }
    return new ModelPerformance(task, monitor, sum / n, n);
  }
}
