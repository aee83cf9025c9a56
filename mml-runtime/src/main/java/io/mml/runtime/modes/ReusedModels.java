package io.mml.runtime.modes;

import io.mml.runtime.config.Config;
import io.mml.runtime.config.ConfigException;
import com.fasterxml.jackson.databind.JsonNode;
import io.mml.runtime.data.DataSplit;
import io.mml.runtime.files.ProjectFiles;
import io.mml.runtime.train.ModelStorage;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The trained models (model storages) a mode reuses from earlier projects ({@code reuse.models}). */
final class ReusedModels {
  private ReusedModels() {}

  /** Whether {@code reuse.models} names at least one project. */
  static boolean configured(Config config) {
    return config.has("reuse.models") && !config.node("reuse.models").orElseThrow().isNull();
  }

  /** Fails before anything is written when no models are reused. */
  static void require(Config config, String mode, String alternative) {
    if (!configured(config)) {
      throw new ConfigException("reuse.models", "Mode " + mode + " needs trained models: reuse them from the project"
          + " that trained them with reuse.models=<project> (reuse=current for this project)" + alternative + ".");
    }
  }

  /** Every reused model storage of a task (all folds, all listed projects); a clear error if none. */
  static List<Path> of(ProjectFiles files, String task) {
    List<Path> found = ModelStorage.reused(files, task);
    if (found.isEmpty()) {
      throw new ConfigException("reuse.models", "No trained model of task '" + task + "' in the reused project(s) "
          + files.reuse().getOrDefault("models", List.of()) + ": train it first (mml train task_list=[" + task
          + "]) or reuse another project.");
    }
    return found;
  }

  /** The prediction files a model storage records ({@code predictions.<split>}), by split. */
  static Map<DataSplit, Path> predictionFiles(ProjectFiles files, ModelStorage storage) {
    Map<DataSplit, Path> out = new EnumMap<>(DataSplit.class);
    JsonNode preds = storage.json().path("predictions");
    for (DataSplit split : DataSplit.values()) {
      JsonNode p = preds.get(split.id());
      if (p != null && p.isTextual()) {
        out.put(split, files.resolve(p.asText()));
      }
    }
    return out;
  }
}
