package io.mml.runtime.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the report shows of one model storage ({@code MODELS/<task>/model_storage_fold<k>_NNNN.json}).
 *
 * @param file the storage file
 * @param path the storage path relative to the results root
 * @param task the task it was trained on
 * @param fold its fold
 * @param taskType the task type id
 * @param arch the architecture id (from its pipeline), or ""
 * @param monitor the monitored validation value
 * @param performance the best monitored value
 * @param bestEpoch the best epoch (0-based), or -1
 * @param trainingSeconds the training time
 * @param epochs per epoch: every numeric value of the epoch record (epoch, lr, train_loss, val_loss, metrics, seconds)
 * @param test the test metrics (empty before testing)
 * @param predictions split to prediction file (relative to the results root)
 */
public record ModelInfo(Path file, String path, String task, int fold, String taskType, String arch, String monitor,
    double performance, int bestEpoch, double trainingSeconds, List<Map<String, Double>> epochs,
    Map<String, Double> test, Map<String, String> predictions) {

  public ModelInfo {
    List<Map<String, Double>> e = new ArrayList<>();
    epochs.forEach(m -> e.add(Collections.unmodifiableMap(new LinkedHashMap<>(m))));
    epochs = List.copyOf(e);
    test = Collections.unmodifiableMap(new LinkedHashMap<>(test));
    predictions = Collections.unmodifiableMap(new LinkedHashMap<>(predictions));
  }

  /** Reads the parts of a storage tree the report uses. */
  public static ModelInfo of(Path file, String path, JsonNode j) {
    List<Map<String, Double>> epochs = new ArrayList<>();
    for (JsonNode e : j.path("epochs")) {
      epochs.add(numbers(e));
    }
    Map<String, String> predictions = new LinkedHashMap<>();
    j.path("predictions").fields().forEachRemaining(f -> predictions.put(f.getKey(), f.getValue().asText()));
    Map<String, Double> test = numbers(j.path("test"));
    return new ModelInfo(file, path, j.path("task").asText(), j.path("fold").asInt(), j.path("task_type").asText(),
        j.path("pipeline").path("arch").path("id").asText(""), j.path("monitor").asText(""),
        j.path("performance").asDouble(Double.NaN), j.path("best_epoch").asInt(-1),
        j.path("training_time").asDouble(Double.NaN), epochs, test, predictions);
  }

  private static Map<String, Double> numbers(JsonNode n) {
    Map<String, Double> m = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      if (f.getValue().isNumber()) {
        m.put(f.getKey(), f.getValue().asDouble());
      }
    }
    return m;
  }
}
